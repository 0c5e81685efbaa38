// escape*/unescape* of the Apex String class (Apex Reference, "String Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm).
// They are Apache Commons Lang 3 StringEscapeUtils (ESCAPE_JAVA, ESCAPE_ECMASCRIPT, ESCAPE_HTML3/4, the basic
// XML entities, CsvEscaper): the tables and translator order below are theirs.
import { raise } from '../errors';
import { ENTITIES } from './htmlEntities';

type Entity = [string, number];

function escapeTable(...tables: Entity[][]): Map<string, string> {
    const map = new Map<string, string>();
    for (const table of tables) for (const [name, code] of table) map.set(String.fromCharCode(code), `&${name};`);
    return map;
}

function unescapeTable(...tables: Entity[][]): Map<string, string> {
    const map = new Map<string, string>();
    for (const table of tables) for (const [name, code] of table) map.set(name, String.fromCharCode(code));
    return map;
}

const HTML3_ESCAPE = escapeTable(ENTITIES.basic, ENTITIES.iso8859_1);
const HTML4_ESCAPE = escapeTable(ENTITIES.basic, ENTITIES.iso8859_1, ENTITIES.html40Extended);
const XML_ESCAPE = escapeTable(ENTITIES.basic, ENTITIES.apos);
const HTML3_UNESCAPE = unescapeTable(ENTITIES.basic, ENTITIES.iso8859_1);
const HTML4_UNESCAPE = unescapeTable(ENTITIES.basic, ENTITIES.iso8859_1, ENTITIES.html40Extended);
const XML_UNESCAPE = unescapeTable(ENTITIES.basic, ENTITIES.apos);

function mapChars(text: string, table: Map<string, string>): string {
    let out = '';
    for (const ch of text) out += table.get(ch) ?? ch;
    return out;
}

/** escapeHtml3(): HTML 3.0 entities (the basic four and ISO-8859-1); the apostrophe is left alone. */
export const escapeHtml3 = (text: string): string => mapChars(text, HTML3_ESCAPE);
/** escapeHtml4(): HTML 4.0 entities. */
export const escapeHtml4 = (text: string): string => mapChars(text, HTML4_ESCAPE);
/** escapeXml(): "only the five basic XML entities (gt, lt, quot, amp, apos)"; code points above 0x7f stay. */
export const escapeXml = (text: string): string => mapChars(text, XML_ESCAPE);

/** NumericEntityUnescaper with its default option: the ';' is required. Returns [text, consumed] or undefined. */
function numericEntity(text: string, index: number): [string, number] | undefined {
    if (text[index] !== '&' || text[index + 1] !== '#' || index >= text.length - 2) return undefined;
    let start = index + 2;
    const hex = text[start] === 'x' || text[start] === 'X';
    if (hex) start++;
    if (start === text.length) return undefined;
    let end = start;
    const digit = hex ? /[0-9a-fA-F]/ : /[0-9]/;
    while (end < text.length && digit.test(text[end])) end++;
    if (end === start || text[end] !== ';') return undefined;
    const value = parseInt(text.slice(start, end), hex ? 16 : 10);
    // Integer.parseInt overflows past 2^31-1 and the entity is then left as it is.
    if (!Number.isFinite(value) || value > 0x7fffffff) return undefined;
    const ch = value > 0xffff ? String.fromCodePoint(Math.min(value, 0x10ffff)) : String.fromCharCode(value);
    return [ch, end + 1 - index];
}

function unescapeEntities(text: string, table: Map<string, string>): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
        if (text[i] === '&') {
            const semicolon = text.indexOf(';', i + 1);
            const named = semicolon > i ? table.get(text.slice(i + 1, semicolon)) : undefined;
            if (named !== undefined) {
                out += named;
                i = semicolon + 1;
                continue;
            }
            const numeric = numericEntity(text, i);
            if (numeric) {
                out += numeric[0];
                i += numeric[1];
                continue;
            }
        }
        out += text[i++];
    }
    return out;
}

export const unescapeHtml3 = (text: string): string => unescapeEntities(text, HTML3_UNESCAPE);
export const unescapeHtml4 = (text: string): string => unescapeEntities(text, HTML4_UNESCAPE);
/** unescapeXml(): the five basic entities and numeric character references. */
export const unescapeXml = (text: string): string => unescapeEntities(text, XML_UNESCAPE);

const CONTROL_ESCAPES: Record<string, string> = { '\b': '\\b', '\n': '\\n', '\t': '\\t', '\f': '\\f', '\r': '\\r' };

function unicodeEscape(code: number): string {
    return '\\u' + code.toString(16).toUpperCase().padStart(4, '0');
}

function escapeJavaLike(text: string, extra: Record<string, string>): string {
    let out = '';
    for (let i = 0; i < text.length; i++) {
        const ch = text[i];
        const code = text.charCodeAt(i);
        const mapped = extra[ch] ?? CONTROL_ESCAPES[ch];
        if (mapped !== undefined) out += mapped;
        else if (code < 32 || code > 0x7f) out += unicodeEscape(code);
        else out += ch;
    }
    return out;
}

/** escapeJava(): quotes, backslash and control characters; non-ASCII as \uXXXX (the apostrophe stays). */
export const escapeJava = (text: string): string => escapeJavaLike(text, { '"': '\\"', '\\': '\\\\' });
/** escapeEcmaScript(): as escapeJava, plus the apostrophe and '/'. */
export const escapeEcmaScript = (text: string): string =>
    escapeJavaLike(text, { "'": "\\'", '"': '\\"', '\\': '\\\\', '/': '\\/' });

/** escapeUnicode(): code units above 0x7f as \uXXXX (the Reference's example: 'você é' -> 'voc\u00EA \u00E9'). */
export function escapeUnicode(text: string): string {
    let out = '';
    for (let i = 0; i < text.length; i++)
        out += text.charCodeAt(i) > 0x7f ? unicodeEscape(text.charCodeAt(i)) : text[i];
    return out;
}

/** UnicodeUnescaper: '\' then one or more 'u', an optional '+', and four hex digits. */
function unicodeUnescape(text: string, index: number): [string, number] | undefined {
    if (text[index] !== '\\' || text[index + 1] !== 'u') return undefined;
    let i = 2;
    while (text[index + i] === 'u') i++;
    if (text[index + i] === '+') i++;
    if (index + i + 4 > text.length) {
        raise(
            'IllegalArgumentException',
            `Less than 4 hex digits in unicode value: '${text.slice(index)}' due to end of CharSequence`
        );
    }
    const digits = text.slice(index + i, index + i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(digits)) raise('IllegalArgumentException', `Unable to parse unicode value: ${digits}`);
    return [String.fromCharCode(parseInt(digits, 16)), i + 4];
}

/** OctalUnescaper: '\' then up to three octal digits (three only when the first is 0-3). */
function octalUnescape(text: string, index: number): [string, number] | undefined {
    if (text[index] !== '\\' || !/[0-7]/.test(text[index + 1] ?? '')) return undefined;
    let digits = text[index + 1];
    if (/[0-7]/.test(text[index + 2] ?? '')) {
        digits += text[index + 2];
        if (/[0-3]/.test(digits[0]) && /[0-7]/.test(text[index + 3] ?? '')) digits += text[index + 3];
    }
    return [String.fromCharCode(parseInt(digits, 8)), 1 + digits.length];
}

const JAVA_UNESCAPES: Record<string, string> = {
    b: '\b',
    n: '\n',
    t: '\t',
    f: '\f',
    r: '\r',
    '\\': '\\',
    '"': '"',
    "'": "'"
};

/** unescapeJava() and unescapeEcmaScript() (the same translator); a backslash before anything else is dropped. */
export function unescapeJava(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
        const translated = octalUnescape(text, i) ?? unicodeUnescape(text, i);
        if (translated) {
            out += translated[0];
            i += translated[1];
        } else if (text[i] === '\\') {
            const next = text[i + 1];
            const mapped = next === undefined ? undefined : JAVA_UNESCAPES[next];
            out += mapped ?? '';
            i += mapped === undefined ? 1 : 2;
        } else {
            out += text[i++];
        }
    }
    return out;
}

/** unescapeUnicode(): only \uXXXX sequences. */
export function unescapeUnicode(text: string): string {
    let out = '';
    let i = 0;
    while (i < text.length) {
        const translated = unicodeUnescape(text, i);
        if (translated) {
            out += translated[0];
            i += translated[1];
        } else {
            out += text[i++];
        }
    }
    return out;
}

const CSV_SPECIAL = /[,"\r\n]/;

/** escapeCsv(): quoted, with doubled quotes, only when it holds a comma, quote, CR or LF. */
export function escapeCsv(text: string): string {
    return CSV_SPECIAL.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** unescapeCsv(): unquotes only a quoted value that needed quoting; otherwise the text is returned as it is. */
export function unescapeCsv(text: string): string {
    // A lone quote both starts and ends the value; StringUtils then fails taking what lies between.
    if (text === '"') raise('StringException', 'begin 1, end 0, length 1');
    if (text.length < 2 || text[0] !== '"' || text[text.length - 1] !== '"') return text;
    const inner = text.slice(1, -1);
    return CSV_SPECIAL.test(inner) ? inner.replaceAll('""', '"') : text;
}

/** escapeSingleQuotes(s): a backslash before each single quote (for dynamic SOQL); nothing else. */
export function escapeSingleQuotes(text: string): string {
    return text.replaceAll("'", "\\'");
}

/**
 * stripHtmlTags(): "Removes HTML markup and returns plain text." The Reference gives no algorithm; this removes
 * comments, script and style elements with their content, and every tag, and leaves entities as they are.
 */
export function stripHtmlTags(text: string): string {
    return text
        .replace(/<!--[\s\S]*?-->/g, '')
        .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
        .replace(/<\/?[a-zA-Z!][^>]*>/g, '');
}
