// Bytes and text: Blob (Apex Reference, "Blob Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_blob.htm) and
// EncodingUtil (Apex Reference, "EncodingUtil Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_encodingUtil.htm).
// Blob.valueOf and toString are UTF-8 (String.getBytes / new String(bytes, UTF-8) in Java); urlEncode and
// urlDecode are java.net.URLEncoder and URLDecoder.
import { raise, unsupported } from '../errors';

/** Blob.valueOf(String): UTF-8, with '?' for an unpaired surrogate as Java's String.getBytes writes it. */
export function utf8Encode(text: string): Uint8Array {
    return new TextEncoder().encode(
        text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?')
    );
}

/** Blob.toString(): strict UTF-8; a byte-order mark is kept as U+FEFF, as Java keeps it. */
export function utf8Decode(bytes: Uint8Array): string {
    try {
        return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
        // The message Apex gives (Salesforce Stack Exchange 229774, "MD5 Blob Cannot Convert to String").
        return raise('StringException', 'BLOB is not a valid UTF-8 string');
    }
}

/** EncodingUtil.base64Encode: standard alphabet, padded. */
export function base64Encode(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('base64');
}

/**
 * EncodingUtil.base64Decode. Apex is lenient about padding and whitespace and rejects other characters with
 * "Unrecognized base64 character: c" (the message as Apex callers report it); a lone final character, which
 * cannot make a byte, is dropped.
 */
export function base64Decode(text: string): Uint8Array {
    let symbols = '';
    for (const ch of text) {
        if (ch === '=' || /[ \t\r\n\f\v]/.test(ch)) continue;
        if (!/[A-Za-z0-9+/]/.test(ch)) raise('StringException', `Unrecognized base64 character: ${ch}`);
        symbols += ch;
    }
    if (symbols.length % 4 === 1) symbols = symbols.slice(0, -1);
    return new Uint8Array(Buffer.from(symbols, 'base64'));
}

/** EncodingUtil.convertToHex: lower-case hexadecimal. */
export function toHex(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('hex');
}

/**
 * EncodingUtil.convertFromHex. The messages are the ones other Apex emulations report; the Reference only says
 * the input must be hexadecimal. Full-width digits and letters count as hex digits, as Character.digit has it.
 */
export function fromHex(text: string): Uint8Array {
    if (text.length % 2 !== 0) {
        raise(
            'InvalidParameterValueException',
            `input string must be an even number of characters long, but was ${text.length}`
        );
    }
    const bytes = new Uint8Array(text.length / 2);
    for (let i = 0; i < text.length; i++) {
        let code = text.charCodeAt(i);
        if (
            (code >= 0xff10 && code <= 0xff19) ||
            (code >= 0xff21 && code <= 0xff26) ||
            (code >= 0xff41 && code <= 0xff46)
        ) {
            code -= 0xfee0;
        }
        const digit = code < 0x80 ? parseInt(String.fromCharCode(code), 16) : NaN;
        if (Number.isNaN(digit))
            raise('InvalidParameterValueException', `Illegal hexadecimal character ${text[i]} at index ${i}`);
        bytes[i >> 1] |= i % 2 === 0 ? digit << 4 : digit;
    }
    return bytes;
}

type Charset = 'utf8' | 'latin1' | 'ascii';

/** The encoding names Java's Charset.forName accepts for the charsets emulated here. */
function charset(name: string): Charset {
    const normalized = name.trim().toLowerCase().replace(/_/g, '-');
    if (normalized === 'utf-8' || normalized === 'utf8') return 'utf8';
    if (['iso-8859-1', 'iso8859-1', 'latin1', 'iso-latin-1', 'l1', 'cp819', 'ibm819'].includes(normalized))
        return 'latin1';
    if (['us-ascii', 'ascii', 'iso646-us', 'us'].includes(normalized)) return 'ascii';
    return unsupported(`EncodingUtil with the encoding '${name}'`);
}

function encodeChars(text: string, cs: Charset): Uint8Array {
    if (cs === 'utf8') return utf8Encode(text);
    // Java writes '?' for a character the charset cannot hold.
    return new Uint8Array(
        [...text].map((ch) =>
            (ch.codePointAt(0) as number) <= (cs === 'ascii' ? 0x7f : 0xff) ? (ch.codePointAt(0) as number) : 0x3f
        )
    );
}

function decodeBytes(bytes: Uint8Array, cs: Charset): string {
    if (cs === 'utf8') return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    return [...bytes].map((b) => (cs === 'ascii' && b > 0x7f ? '\ufffd' : String.fromCharCode(b))).join('');
}

/** EncodingUtil.urlEncode: URLEncoder — letters, digits and . - * _ stay, a space is '+', the rest %XX. */
export function urlEncode(text: string, encoding: string): string {
    const cs = charset(encoding);
    let out = '';
    let pending = '';
    const flush = () => {
        for (const b of encodeChars(pending, cs)) out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
        pending = '';
    };
    for (const ch of text) {
        if (/[A-Za-z0-9.\-*_ ]/.test(ch)) {
            flush();
            out += ch === ' ' ? '+' : ch;
        } else pending += ch;
    }
    flush();
    return out;
}

/** EncodingUtil.urlDecode: URLDecoder — '+' is a space, runs of %XX are decoded together in the charset. */
export function urlDecode(text: string, encoding: string): string {
    const cs = charset(encoding);
    let out = '';
    let i = 0;
    while (i < text.length) {
        const ch = text[i];
        if (ch === '+') {
            out += ' ';
            i++;
        } else if (ch !== '%') {
            out += ch;
            i++;
        } else {
            const bytes: number[] = [];
            while (text[i] === '%') {
                if (i + 2 >= text.length)
                    raise('IllegalArgumentException', 'URLDecoder: Incomplete trailing escape (%) pattern');
                // Integer.parseInt(s, i + 1, i + 3, 16): a leading sign is allowed, a negative value is not.
                const pair = text.slice(i + 1, i + 3);
                const bad = /^[+-]?[0-9a-fA-F]+$/.test(pair)
                    ? -1
                    : /^[+-]/.test(pair)
                      ? 1
                      : pair.search(/[^0-9a-fA-F]/);
                if (bad >= 0) {
                    raise(
                        'IllegalArgumentException',
                        `URLDecoder: Illegal hex characters in escape (%) pattern - Error at index ${bad} in: "${pair}"`
                    );
                }
                const value = parseInt(pair, 16);
                if (value < 0) {
                    raise(
                        'IllegalArgumentException',
                        'URLDecoder: Illegal hex characters in escape (%) pattern - negative value'
                    );
                }
                bytes.push(value);
                i += 3;
            }
            out += decodeBytes(new Uint8Array(bytes), cs);
        }
    }
    return out;
}
