// The header's language menu: English, Français, Español, each named in its own language. Choosing one signs the
// browser into that language (`/__preview/language/<code>`, a cookie) and reloads the console in it: every
// custom label the components import shows its translation (English where a label has none), as in an org for a
// user whose language that is. A disclosure of links: Enter or Space opens it, Tab reaches each language,
// Escape closes it and gives the focus back to its button.
import { LANGUAGES, pageLanguage } from '../runtime/languages';
import { h, icon } from './dom';

export function renderLanguageMenu(): HTMLElement {
    const current = pageLanguage();
    const listId = 'preview-language-list';
    const button = h(
        'button',
        {
            type: 'button',
            class: 'slds-button_reset preview-header__switch',
            'aria-expanded': 'false',
            'aria-controls': listId
        },
        icon('utility', 'world', 'slds-icon slds-icon_x-small slds-m-right_xx-small'),
        h('span', { class: 'slds-assistive-text' }, `${current.menuLabel}: `),
        current.name
    );
    const list = h(
        'ul',
        { id: listId, class: 'slds-dropdown__list' },
        LANGUAGES.map((language) =>
            h(
                'li',
                { class: `slds-dropdown__item${language.code === current.code ? ' slds-is-selected' : ''}` },
                h(
                    'a',
                    {
                        href: `/__preview/language/${language.code}`,
                        lang: language.lang,
                        hreflang: language.lang,
                        'aria-current': language.code === current.code ? 'true' : undefined
                    },
                    h(
                        'span',
                        { class: 'slds-truncate' },
                        // SLDS shows the check of the selected item only (slds-is-selected).
                        icon(
                            'utility',
                            'check',
                            'slds-icon slds-icon_selected slds-icon_x-small slds-icon-text-default slds-m-right_x-small'
                        ),
                        language.name
                    )
                )
            )
        )
    );
    const menu = h(
        'div',
        { class: 'slds-dropdown-trigger slds-dropdown-trigger_click preview-header__language' },
        button,
        h('div', { class: 'slds-dropdown slds-dropdown_right slds-dropdown_x-small' }, list)
    );
    const setOpen = (open: boolean): void => {
        button.setAttribute('aria-expanded', String(open));
        menu.classList.toggle('slds-is-open', open);
    };
    button.addEventListener('click', () => setOpen(button.getAttribute('aria-expanded') !== 'true'));
    menu.addEventListener('keydown', (event) => {
        if (event.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
            event.preventDefault();
            setOpen(false);
            button.focus();
        }
    });
    // Closes when the focus or a click goes elsewhere on the page.
    menu.addEventListener('focusout', (event) => {
        if (!menu.contains(event.relatedTarget as Node | null)) setOpen(false);
    });
    document.addEventListener('click', (event) => {
        if (!menu.contains(event.target as Node | null)) setOpen(false);
    });
    return menu;
}
