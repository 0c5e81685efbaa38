// Reads the English value of every custom label from CustomLabels.labels-meta.xml, so the preview shows
// (and the preview Apex handlers throw) exactly the text an English-speaking agent sees in an org.
import fs from 'node:fs';
import { LABELS_FILE } from './paths';

const unescapeXml = (s: string): string =>
    s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&');

/** Label name (without the `c.` namespace) -> English value. */
export function readLabels(file: string = LABELS_FILE): Map<string, string> {
    const xml = fs.readFileSync(file, 'utf8');
    const labels = new Map<string, string>();
    for (const match of xml.matchAll(/<labels>([\s\S]*?)<\/labels>/g)) {
        const body = match[1] ?? '';
        const name = /<fullName>([\s\S]*?)<\/fullName>/.exec(body)?.[1]?.trim();
        const value = /<value>([\s\S]*?)<\/value>/.exec(body)?.[1];
        if (name && value !== undefined) {
            labels.set(name, unescapeXml(value));
        }
    }
    return labels;
}

/** The English text of one label; an unknown name is a programming error, as it is at deploy time. */
export function labelText(name: string, labels: Map<string, string> = readLabels()): string {
    const value = labels.get(name);
    if (value === undefined) {
        throw new Error(`Custom label ${name} is not defined in ${LABELS_FILE}`);
    }
    return value;
}
