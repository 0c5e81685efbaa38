// Cross-references between local metadata, which no offline Salesforce tool checks: a permission set that
// grants a field that does not exist, an app whose utility bar is missing, a FlexiPage placing a component
// that is not exposed for that page type, a custom metadata record setting a field its type lacks, and so
// on. A deploy rejects each of these.
// Standard objects, fields, tabs, apps and components (anything without a custom suffix or with a namespace
// other than c) are assumed to exist. Names are compared case-insensitively, as the platform does.

const CUSTOM_OBJECT = /__(c|mdt|e|x|b|kav)$/i;
const CUSTOM_FIELD = /__c$/i;
// The LWC target a FlexiPage type requires of every component it places.
const PAGE_TARGET = {
    AppPage: 'lightning__AppPage',
    HomePage: 'lightning__HomePage',
    RecordPage: 'lightning__RecordPage',
    UtilityBar: 'lightning__UtilityBar'
};

const list = (value) => (value === undefined || value === '' ? [] : Array.isArray(value) ? value : [value]);

/** 1-based line of the first occurrence of `needle` in `text` (1 when absent). */
export function lineOf(text, needle) {
    const at = text.indexOf(needle);
    return at < 0 ? 1 : text.slice(0, at).split('\n').length;
}

/**
 * @param names [{ type, fullName }] every component SDR resolved, parsed or not (so one malformed file
 *        does not make every reference to it look dangling)
 * @param docs [{ type, fullName, parentName, file, text, xml }] the components whose own XML parsed
 * @returns [{ location, message }]
 */
export function checkReferences(names, docs) {
    const index = new Map();
    for (const { type, fullName } of names) {
        if (!index.has(type)) index.set(type, new Set());
        index.get(type).add(fullName.toLowerCase());
    }
    const byName = new Map(docs.map((doc) => [`${doc.type}:${doc.fullName}`.toLowerCase(), doc]));
    const find = (type, name) => byName.get(`${type}:${name}`.toLowerCase());
    const exists = (type, name) => index.get(type)?.has(String(name).toLowerCase()) ?? false;
    const problems = [];

    for (const doc of docs) {
        const { xml } = doc;
        const at = (value) => `${doc.file}:${lineOf(doc.text, `>${value}<`)}`;
        const missing = (value, what) => problems.push({ location: at(value), message: `${what} does not exist` });
        const needObject = (name) => {
            if (CUSTOM_OBJECT.test(name) && !exists('CustomObject', name)) missing(name, `object ${name}`);
        };
        const needField = (object, field, shown = `${object}.${field}`) => {
            if (CUSTOM_FIELD.test(field) && !exists('CustomField', `${object}.${field}`)) {
                missing(shown, `field ${object}.${field}`);
            }
        };
        const needComponent = (name, pageType) => {
            const [namespace, bare] = name.includes(':') ? name.split(':') : ['c', name];
            if (namespace !== 'c') return;
            const lwc = find('LightningComponentBundle', bare);
            if (!exists('LightningComponentBundle', bare) && !exists('AuraDefinitionBundle', bare)) {
                missing(name, `component ${name} (no lwc/${bare} or aura/${bare} bundle)`);
                return;
            }
            const target = pageType && PAGE_TARGET[pageType];
            if (!lwc || !target) return;
            const targets = list(lwc.xml.targets?.target);
            if (lwc.xml.isExposed !== 'true' || !targets.includes(target)) {
                problems.push({
                    location: at(name),
                    message: `component ${name} is placed on a ${pageType} but ${lwc.file} does not expose it with isExposed true and target ${target}`
                });
            }
        };

        switch (doc.type) {
            case 'PermissionSet':
            case 'Profile':
                checkPermissionSet();
                break;
            case 'CustomApplication':
                for (const tab of [...list(xml.tabs), ...list(xml.workspaceConfig?.mappings).map((m) => m.tab)]) {
                    if (tab && !String(tab).startsWith('standard-') && !exists('CustomTab', tab))
                        missing(tab, `tab ${tab}`);
                }
                if (xml.utilityBar && !exists('FlexiPage', xml.utilityBar)) {
                    missing(xml.utilityBar, `utility bar FlexiPage ${xml.utilityBar}`);
                }
                for (const o of [...list(xml.actionOverrides), ...list(xml.profileActionOverrides)]) {
                    if (o.type === 'Flexipage' && o.content && !exists('FlexiPage', o.content)) {
                        missing(o.content, `FlexiPage ${o.content}`);
                    }
                }
                break;
            case 'FlexiPage':
                if (xml.sobjectType) needObject(xml.sobjectType);
                for (const region of list(xml.flexiPageRegions)) {
                    for (const item of list(region.itemInstances)) {
                        const name = item.componentInstance?.componentName;
                        if (name) needComponent(name, xml.type);
                        const field = item.fieldInstance?.fieldItem;
                        if (field && xml.sobjectType) needField(xml.sobjectType, field.replace(/^Record\./, ''), field);
                    }
                }
                break;
            case 'CustomTab':
                if (xml.customObject === 'true') needObject(doc.fullName);
                if (xml.flexiPage && !exists('FlexiPage', xml.flexiPage))
                    missing(xml.flexiPage, `FlexiPage ${xml.flexiPage}`);
                if (xml.lwcComponent) {
                    const lwc = find('LightningComponentBundle', xml.lwcComponent);
                    if (!exists('LightningComponentBundle', xml.lwcComponent)) {
                        missing(xml.lwcComponent, `component ${xml.lwcComponent}`);
                    } else if (lwc && !list(lwc.xml.targets?.target).includes('lightning__Tab')) {
                        problems.push({
                            location: at(xml.lwcComponent),
                            message: `component ${xml.lwcComponent} backs a tab but ${lwc.file} has no lightning__Tab target`
                        });
                    }
                }
                if (xml.auraComponent && !exists('AuraDefinitionBundle', xml.auraComponent)) {
                    missing(xml.auraComponent, `component ${xml.auraComponent}`);
                }
                break;
            case 'NamedCredential':
                for (const p of list(xml.namedCredentialParameters)) {
                    if (p.externalCredential && !exists('ExternalCredential', p.externalCredential)) {
                        missing(p.externalCredential, `external credential ${p.externalCredential}`);
                    }
                }
                break;
            case 'Layout': {
                const object = doc.fullName.split('-')[0];
                needObject(object);
                for (const section of list(xml.layoutSections)) {
                    for (const column of list(section.layoutColumns)) {
                        for (const item of list(column.layoutItems))
                            if (item.field) needField(object, item.field, item.field);
                    }
                }
                break;
            }
            case 'ListView': {
                const object = doc.parentName;
                for (const column of list(xml.columns)) needField(object, column, column);
                for (const filter of list(xml.filters)) if (filter.field) needField(object, filter.field, filter.field);
                break;
            }
            case 'ExternalCredential':
                for (const p of list(xml.externalCredentialParameters)) {
                    const provider = p.externalAuthIdentityProvider;
                    if (provider && !exists('ExternalAuthIdentityProvider', provider)) {
                        missing(provider, `external auth identity provider ${provider}`);
                    }
                }
                break;
            case 'CompactLayout':
                for (const field of list(xml.fields)) needField(doc.parentName, field, field);
                break;
            case 'CustomObjectTranslation':
                // "<Object>-<language>"
                needObject(doc.fullName.slice(0, doc.fullName.lastIndexOf('-')));
                break;
            case 'CustomFieldTranslation': {
                // "<Object>-<language>.<Field>": a translation of a field the object lacks fails the deploy.
                const object = doc.parentName.slice(0, doc.parentName.lastIndexOf('-'));
                const field = doc.fullName.slice(doc.parentName.length + 1);
                if (CUSTOM_FIELD.test(field) && !exists('CustomField', `${object}.${field}`)) {
                    problems.push({
                        location: `${doc.file}:1`,
                        message: `translates field ${object}.${field}, which does not exist`
                    });
                }
                break;
            }
            case 'Queue':
                if (xml.queueRoutingConfig && !exists('QueueRoutingConfig', xml.queueRoutingConfig)) {
                    missing(xml.queueRoutingConfig, `routing configuration ${xml.queueRoutingConfig}`);
                }
                for (const q of list(xml.queueSobject)) needObject(q.sobjectType);
                break;
            case 'ServiceChannel':
                if (xml.relatedEntityType) needObject(xml.relatedEntityType);
                break;
            case 'CustomMetadata': {
                // A record "Type.Record" belongs to Type__mdt and sets that type's fields.
                const object = `${doc.fullName.split('.')[0]}__mdt`;
                if (!exists('CustomObject', object)) {
                    problems.push({
                        location: `${doc.file}:1`,
                        message: `custom metadata type ${object} does not exist`
                    });
                    break;
                }
                for (const v of list(xml.values)) if (v.field) needField(object, v.field, v.field);
                break;
            }
            default:
                break;
        }

        function checkPermissionSet() {
            for (const o of list(xml.objectPermissions)) needObject(o.object);
            for (const f of list(xml.fieldPermissions)) {
                const [object, field] = String(f.field).split('.');
                needObject(object);
                needField(object, field, f.field);
                const definition = find('CustomField', f.field)?.xml;
                if (definition && (definition.required === 'true' || definition.type === 'MasterDetail')) {
                    problems.push({
                        location: at(f.field),
                        message: `field ${f.field} is required, and the deploy rejects permissions on required fields`
                    });
                }
            }
            for (const c of list(xml.classAccesses)) {
                if (!exists('ApexClass', c.apexClass)) missing(c.apexClass, `Apex class ${c.apexClass}`);
            }
            for (const p of list(xml.pageAccesses)) {
                if (!exists('ApexPage', p.apexPage)) missing(p.apexPage, `Visualforce page ${p.apexPage}`);
            }
            for (const t of list(xml.tabSettings)) {
                if (!String(t.tab).startsWith('standard-') && !exists('CustomTab', t.tab))
                    missing(t.tab, `tab ${t.tab}`);
            }
            for (const a of list(xml.applicationVisibilities)) {
                const app = String(a.application);
                if (!app.startsWith('standard__') && !exists('CustomApplication', app)) missing(app, `app ${app}`);
            }
            for (const c of list(xml.customPermissions)) {
                if (!exists('CustomPermission', c.name)) missing(c.name, `custom permission ${c.name}`);
            }
            for (const c of [...list(xml.customMetadataTypeAccesses), ...list(xml.customSettingAccesses)])
                needObject(c.name);
            for (const r of list(xml.recordTypeVisibilities)) {
                if (!exists('RecordType', r.recordType)) missing(r.recordType, `record type ${r.recordType}`);
            }
            for (const f of list(xml.flowAccesses)) {
                if (!exists('Flow', f.flow)) missing(f.flow, `flow ${f.flow}`);
            }
            for (const s of list(xml.servicePresenceStatusAccesses)) {
                const status = s.servicePresenceStatus;
                if (!exists('ServicePresenceStatus', status)) missing(status, `presence status ${status}`);
            }
            for (const access of list(xml.externalCredentialPrincipalAccesses)) {
                // "<ExternalCredential>-<Principal>": developer names cannot contain '-'.
                const ref = String(access.externalCredentialPrincipal);
                const [credential, principal] = [ref.slice(0, ref.indexOf('-')), ref.slice(ref.indexOf('-') + 1)];
                if (!exists('ExternalCredential', credential)) {
                    missing(ref, `external credential ${credential}`);
                    continue;
                }
                const definition = find('ExternalCredential', credential);
                if (!definition) continue; // its own file is broken, and reported as such
                const principals = list(definition.xml.externalCredentialParameters)
                    .filter((p) => /Principal$/.test(p.parameterType))
                    .map((p) => String(p.parameterName).toLowerCase());
                if (!ref.includes('-') || !principals.includes(principal.toLowerCase())) {
                    missing(ref, `principal ${principal} of external credential ${credential} (${definition.file})`);
                }
            }
        }
    }
    return problems;
}
