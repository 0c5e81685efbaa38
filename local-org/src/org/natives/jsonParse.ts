// A JSON reader for the JSON class: keeps every number's text (so a Decimal or a Long is exact) and object
// keys in order. Malformed input is a JSONException with the position, as the platform's parser (Jackson)
// reports it: "Unexpected character ('x' (code 120)) ... at [line:1, column:2]".
import { ApexPlatformError } from '../../runtime/errors';

export class JsonNumber {
    constructor(readonly text: string) {}
}

export type JsonValue = null | boolean | string | JsonNumber | JsonValue[] | Map<string, JsonValue>;

export function parseJson(text: string): JsonValue {
    let i = 0;
    const where = (): string => {
        const before = text.slice(0, i);
        const line = before.split('\n').length;
        const column = i - before.lastIndexOf('\n');
        return `[line:${line}, column:${column}]`;
    };
    const fail = (what: string): never => {
        throw new ApexPlatformError('JSONException', `${what} at ${where()}`);
    };
    const unexpected = (): never => {
        if (i >= text.length) return fail('Unexpected end-of-input');
        const c = text[i];
        return fail(
            `Unexpected character ('${c}' (code ${c.charCodeAt(0)})): expected a valid value (number, String, array, object, 'true', 'false' or 'null')`
        );
    };
    const space = (): void => {
        while (i < text.length && /\s/.test(text[i])) i++;
    };
    const literal = (word: string, value: JsonValue): JsonValue => {
        if (text.startsWith(word, i)) {
            i += word.length;
            return value;
        }
        return unexpected();
    };
    const string = (): string => {
        i++;
        let out = '';
        while (i < text.length) {
            const c = text[i++];
            if (c === '"') return out;
            if (c === '\\') {
                const e = text[i++];
                const simple: Record<string, string> = {
                    '"': '"',
                    '\\': '\\',
                    '/': '/',
                    b: '\b',
                    f: '\f',
                    n: '\n',
                    r: '\r',
                    t: '\t'
                };
                if (e in simple) out += simple[e];
                else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i, i + 4))) {
                    out += String.fromCharCode(parseInt(text.slice(i, i + 4), 16));
                    i += 4;
                } else fail(`Unrecognized character escape '${e}'`);
            } else if (c < ' ') {
                fail(
                    `Illegal unquoted character ((CTRL-CHAR, code ${c.charCodeAt(0)})): has to be escaped using backslash to be included in string value`
                );
            } else out += c;
        }
        return fail('Unexpected end-of-input in a String value');
    };
    const number = (): JsonNumber => {
        const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
        if (!match) return unexpected();
        i += match[0].length;
        return new JsonNumber(match[0]);
    };
    const value = (): JsonValue => {
        space();
        const c = text[i];
        if (c === '{') {
            i++;
            const map = new Map<string, JsonValue>();
            space();
            if (text[i] === '}') {
                i++;
                return map;
            }
            for (;;) {
                space();
                if (text[i] !== '"')
                    fail(`Unexpected character ('${text[i] ?? ''}'): was expecting double-quote to start field name`);
                const key = string();
                space();
                if (text[i] !== ':')
                    fail(
                        `Unexpected character ('${text[i] ?? ''}'): was expecting a colon to separate field name and value`
                    );
                i++;
                map.set(key, value());
                space();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === '}') {
                    i++;
                    return map;
                }
                return fail(
                    `Unexpected character ('${text[i] ?? ''}'): was expecting comma to separate Object entries`
                );
            }
        }
        if (c === '[') {
            i++;
            const list: JsonValue[] = [];
            space();
            if (text[i] === ']') {
                i++;
                return list;
            }
            for (;;) {
                list.push(value());
                space();
                if (text[i] === ',') {
                    i++;
                    continue;
                }
                if (text[i] === ']') {
                    i++;
                    return list;
                }
                return fail(`Unexpected character ('${text[i] ?? ''}'): was expecting comma to separate Array entries`);
            }
        }
        if (c === '"') return string();
        if (c === 't') return literal('true', true);
        if (c === 'f') return literal('false', false);
        if (c === 'n') return literal('null', null);
        if (c === '-' || (c >= '0' && c <= '9')) return number();
        return unexpected();
    };
    space();
    if (i >= text.length) fail('No content to map due to end-of-input');
    const result = value();
    space();
    if (i < text.length) unexpected();
    return result;
}
