// Entry of the local console page. Synthetic shadow first: lightning-base-components need it, and it makes
// the global SLDS stylesheet reach inside components, as in Lightning Experience.
import '@lwc/synthetic-shadow';
import { app } from 'relay-preview:console';
import { renderWorkspace } from './workspace';
import { renderUtilityBar } from './utilityBar';
import { renderCustomerPanel } from './customerPanel';
import { listenForToasts } from './toasts';
import { installTestHooks } from './testHooks';
import { renderSignedInUser } from './signedIn';
import { renderLanguageMenu } from './language';

function byId(id: string): HTMLElement {
    const el = document.getElementById(id);
    if (!el) throw new Error(`The page shell has no #${id}`);
    return el;
}

byId('app-name').textContent = app.label;
renderSignedInUser(byId('signed-in'));
byId('signed-in').after(renderLanguageMenu());
// The page is in the chosen language (<html lang>, from the server); the shell's own text stays English.
for (const part of [
    byId('signed-in'),
    byId('customer-panel'),
    ...document.querySelectorAll('.preview-banner, .preview-skip')
])
    part.setAttribute('lang', 'en');
byId('global-header').style.setProperty('--preview-brand', app.headerColor);
listenForToasts(byId('toasts'));
renderWorkspace(byId('workspace'));
renderCustomerPanel(byId('customer-panel'));
renderUtilityBar(byId('utility-bar'), byId('utility-panels'));
installTestHooks();
document.body.dataset.previewReady = 'true';
