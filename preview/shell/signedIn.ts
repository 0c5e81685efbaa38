// Who the console is signed in as, and a link to sign in as the org's other agent: each agent's Apex runs as
// them (their permission sets, their sharing, their own contact-centre user). A second browser window
// signed in as the other agent shows a transfer or an assignment from both sides.
import { h } from './dom';

const OTHER: Record<string, { key: string; name: string }> = {
    alex: { key: 'blake', name: 'Blake Chen' },
    blake: { key: 'alex', name: 'Alex Rivera' }
};

export function renderSignedInUser(container: HTMLElement): void {
    const user = window.__relayUser;
    if (!user) return;
    const other = OTHER[user.key];
    container.replaceChildren(
        h('span', {}, `Signed in as ${user.name}`),
        ...(other
            ? [
                  ' · ',
                  h(
                      'a',
                      { href: `/__preview/signin/${other.key}`, class: 'preview-header__switch' },
                      `Sign in as ${other.name}`
                  )
              ]
            : [])
    );
}
