// Reads the console's own metadata so the preview lays the page out as the org would: the app (name,
// colour, utility bar), the utility bar's items, record pages, and Omni-Channel presence statuses.
// Components are placed where the flexipages put them; nothing is mounted that the org would not show.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { ROOT } from './paths';

const DEFAULT = path.join(ROOT, 'force-app', 'main', 'default');
const LISTS = new Set(['flexiPageRegions', 'itemInstances', 'componentInstanceProperties', 'channel', 'tabs']);
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, isArray: (name) => LISTS.has(name) });

type Xml = Record<string, unknown>;
const read = (file: string): Xml => parser.parse(fs.readFileSync(file, 'utf8')) as Xml;
const filesIn = (dir: string, suffix: string): string[] =>
    fs.existsSync(dir)
        ? fs
              .readdirSync(dir)
              .filter((f) => f.endsWith(suffix))
              .sort()
              .map((f) => path.join(dir, f))
        : [];
// The XML parser keeps tag values as strings (parseTagValue: false); anything else is not a value.
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export interface PlacedComponent {
    /** `c:relayWorkItemPanel`, `runtime_service_omnichannel:omniWidget`, ... */
    componentName: string;
    /** Utility bar decorators: label, icon, width, height. */
    decorators: Record<string, string>;
    /** Design attributes an admin set, passed to the component as public properties. */
    properties: Record<string, string>;
}

export interface ConsoleLayout {
    appLabel: string;
    headerColor: string;
    utilityItems: PlacedComponent[];
    backgroundComponents: PlacedComponent[];
    /** sObject API name -> the components on its record page. */
    recordPages: Record<string, PlacedComponent[]>;
    /** The app's Lightning page tabs (a CustomTab showing an App Page), in the app's navigation order. */
    appPages: AppPage[];
}

export interface AppPage {
    /** The tab's API name (`standard__navItemPage` apiName). */
    apiName: string;
    label: string;
    components: PlacedComponent[];
}

export interface PresenceStatus {
    id: string;
    apiName: string;
    label: string;
    /** Service channels this status makes the agent available for (none: a busy status). */
    channels: string[];
}

function placed(instance: Xml): PlacedComponent {
    const decorators: Record<string, string> = {};
    const properties: Record<string, string> = {};
    for (const p of (instance.componentInstanceProperties as Xml[] | undefined) ?? []) {
        const bucket = p.type === 'decorator' ? decorators : properties;
        bucket[str(p.name) ?? ''] = str(p.value) ?? '';
    }
    return { componentName: str(instance.componentName) ?? '', decorators, properties };
}

function regions(page: Xml): { name: string; components: PlacedComponent[] }[] {
    return ((page.flexiPageRegions as Xml[] | undefined) ?? []).map((r) => ({
        name: str(r.name) ?? '',
        components: ((r.itemInstances as Xml[] | undefined) ?? [])
            .map((i) => i.componentInstance as Xml | undefined)
            .filter((c): c is Xml => c !== undefined)
            .map(placed)
    }));
}

/** The console app (the first Console app in the project) and the flexipages it uses. */
export function readConsoleLayout(base: string = DEFAULT): ConsoleLayout {
    const app = filesIn(path.join(base, 'applications'), '.app-meta.xml')
        .map((f) => read(f).CustomApplication as Xml)
        .find((a) => a.navType === 'Console');
    const brand = (app?.brand as Xml | undefined) ?? {};
    const pages = filesIn(path.join(base, 'flexipages'), '.flexipage-meta.xml').map((f) => ({
        name: path.basename(f, '.flexipage-meta.xml'),
        page: read(f).FlexiPage as Xml
    }));
    const utilityBar = pages.find((p) => p.name === str(app?.utilityBar))?.page;
    const utilityRegions = utilityBar ? regions(utilityBar) : [];
    const recordPages: Record<string, PlacedComponent[]> = {};
    for (const { page } of pages.filter((p) => p.page.type === 'RecordPage' && p.page.sobjectType)) {
        const sobject = str(page.sobjectType) ?? '';
        recordPages[sobject] = [...(recordPages[sobject] ?? []), ...regions(page).flatMap((r) => r.components)];
    }
    const appPages: AppPage[] = [];
    for (const tabName of ((app?.tabs as unknown[] | undefined) ?? []).map(String)) {
        const file = path.join(base, 'tabs', `${tabName}.tab-meta.xml`);
        const tab = fs.existsSync(file) ? (read(file).CustomTab as Xml) : undefined;
        const page = pages.find((p) => p.name === str(tab?.flexiPage) && p.page.type === 'AppPage')?.page;
        if (tab && page) {
            appPages.push({
                apiName: tabName,
                label: str(tab.label) ?? tabName,
                components: regions(page).flatMap((r) => r.components)
            });
        }
    }
    return {
        appLabel: str(app?.label) ?? 'Console',
        headerColor: str(brand.headerColor) ?? '#0176d3',
        utilityItems: utilityRegions.find((r) => r.name === 'utilityItems')?.components ?? [],
        backgroundComponents: utilityRegions.find((r) => r.name === 'backgroundComponents')?.components ?? [],
        recordPages,
        appPages
    };
}

/** Omni-Channel presence statuses from servicePresenceStatuses/, with stable preview ids. */
export function readPresenceStatuses(base: string = DEFAULT): PresenceStatus[] {
    return filesIn(path.join(base, 'servicePresenceStatuses'), '.servicePresenceStatus-meta.xml').map((file, i) => {
        const status = read(file).ServicePresenceStatus as Xml;
        const channels = ((status.channels as Xml | undefined)?.channel as unknown[] | undefined) ?? [];
        return {
            id: `0N5${String(i + 1).padStart(12, '0')}AAA`,
            apiName: path.basename(file, '.servicePresenceStatus-meta.xml'),
            label: str(status.label) ?? path.basename(file),
            channels: channels.map(String)
        };
    });
}

export interface ServiceChannel {
    id: string;
    developerName: string;
    label: string;
    relatedEntityType: string;
}

/** Omni-Channel service channels from serviceChannels/, with stable preview ids. */
export function readServiceChannels(base: string = DEFAULT): ServiceChannel[] {
    return filesIn(path.join(base, 'serviceChannels'), '.serviceChannel-meta.xml').map((file, i) => {
        const channel = read(file).ServiceChannel as Xml;
        const developerName = path.basename(file, '.serviceChannel-meta.xml');
        return {
            id: `0N9${String(i + 1).padStart(12, '0')}AAA`,
            developerName,
            label: str(channel.label) ?? developerName,
            relatedEntityType: str(channel.relatedEntityType) ?? ''
        };
    });
}

export interface ObjectLabels {
    label: string;
    fields: Record<string, string>;
}

/** The labels an admin sees for the project's objects and fields, from objects/<Object>/. */
export function readObjectLabels(base: string = DEFAULT): Record<string, ObjectLabels> {
    const dir = path.join(base, 'objects');
    const labels: Record<string, ObjectLabels> = {};
    if (!fs.existsSync(dir)) return labels;
    for (const sobject of fs.readdirSync(dir).sort()) {
        const meta = path.join(dir, sobject, `${sobject}.object-meta.xml`);
        if (!fs.existsSync(meta)) continue;
        const fields: Record<string, string> = {};
        for (const file of filesIn(path.join(dir, sobject, 'fields'), '.field-meta.xml')) {
            const label = str((read(file).CustomField as Xml | undefined)?.label);
            if (label) fields[path.basename(file, '.field-meta.xml')] = label;
        }
        labels[sobject] = { label: str((read(meta).CustomObject as Xml | undefined)?.label) ?? sobject, fields };
    }
    return labels;
}
