// Reading metadata XML. fast-xml-parser does not check well-formedness while parsing, so each file is validated
// first: a malformed file is an error that names it, never a half-read component.
import fs from 'node:fs';
import path from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { MetadataError } from '../data/schema/errors';

/** An XML element as the parser gives it: child elements by tag, attributes as '@_name', text as '#text'. */
export type XmlElement = { readonly [tag: string]: unknown };

const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    // Keep every value as text: metadata decides types (a picklist value '1' is not a number).
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true
});

/** Reads `file` and returns its root element (`rootTag`, e.g. 'CustomObject'). */
export function readXml(file: string, rootTag: string): XmlElement {
    const text = fs.readFileSync(file, 'utf8');
    const valid = XMLValidator.validate(text);
    if (valid !== true) {
        throw new MetadataError(
            file,
            `malformed XML (line ${valid.err.line}, column ${valid.err.col}): ${valid.err.msg}`
        );
    }
    const document = parser.parse(text) as XmlElement;
    const root = document[rootTag];
    if (root === undefined) {
        const found = Object.keys(document).filter((key) => !key.startsWith('?'));
        throw new MetadataError(
            file,
            `expected a <${rootTag}> root element, found <${found.join('>, <') || 'nothing'}>`
        );
    }
    // An empty root (<CustomLabels/>) parses as ''.
    return typeof root === 'object' && root !== null ? (root as XmlElement) : {};
}

/** The text of a child element; an element with attributes keeps its text under '#text'. */
export function text(element: XmlElement | undefined, tag: string): string | undefined {
    const value = element?.[tag];
    if (typeof value === 'string') return value;
    if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : undefined;
    if (value && typeof value === 'object' && '#text' in value) return String((value as XmlElement)['#text']);
    return undefined;
}

export function bool(element: XmlElement | undefined, tag: string, fallback = false): boolean {
    const value = text(element, tag);
    return value === undefined ? fallback : value.trim().toLowerCase() === 'true';
}

export function int(element: XmlElement | undefined, tag: string): number | undefined {
    const value = text(element, tag);
    if (value === undefined || value.trim() === '') return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
}

/** Child elements with a tag: a single child parses as an object, several as an array. */
export function list(element: XmlElement | undefined, tag: string): XmlElement[] {
    const value = element?.[tag];
    if (value === undefined || value === null || value === '') return [];
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => (typeof item === 'object' && item !== null ? (item as XmlElement) : { '#text': item }));
}

/** The texts of repeated simple elements (<categories>a</categories><categories>b</categories>). */
export function texts(element: XmlElement | undefined, tag: string): string[] {
    return list(element, tag).map((item) => String(item['#text'] ?? ''));
}

/** An attribute of an element, e.g. attribute(value, 'xsi:type'). */
export function attribute(element: unknown, name: string): string | undefined {
    if (!element || typeof element !== 'object') return undefined;
    const value = (element as XmlElement)[`@_${name}`];
    return typeof value === 'string' ? value : undefined;
}

/** Files in `dir` whose names end with `suffix`, sorted, as full paths. */
export function filesEndingWith(dir: string, suffix: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir)
        .filter((name) => name.endsWith(suffix))
        .sort()
        .map((name) => path.join(dir, name));
}
