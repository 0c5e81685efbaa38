// The predefined and property character classes of java.util.regex.Pattern (its Javadoc, "Summary of
// regular-expression constructs"), as operands of a JavaScript `v`-flag character class. Apex's Pattern is
// java.util.regex (Apex Reference, "Pattern Class"), so these follow Java, not JavaScript: Java's \s, \h, \v and
// the POSIX classes are ASCII (or Java's own) sets, JavaScript's are not.
import { unsupported } from '../errors';

/** A code point as an escape that is valid anywhere in a `v`-flag pattern. */
export function jsChar(codePoint: number): string {
    const ch = String.fromCodePoint(codePoint);
    return /[A-Za-z0-9]/.test(ch) ? ch : `\\u{${codePoint.toString(16)}}`;
}

function set(...ranges: Array<[number, number] | number>): string {
    return (
        '[' + ranges.map((r) => (typeof r === 'number' ? jsChar(r) : `${jsChar(r[0])}-${jsChar(r[1])}`)).join('') + ']'
    );
}

/** Java's \s: [ \t\n\x0B\f\r]. JavaScript's \s adds U+00A0, U+FEFF and every Unicode space. */
export const JAVA_SPACE = set([0x09, 0x0d], 0x20);
/** \h, horizontal whitespace. */
export const JAVA_HSPACE = set(0x20, 0x09, 0xa0, 0x1680, 0x180e, [0x2000, 0x200a], 0x202f, 0x205f, 0x3000);
/** \v, vertical whitespace (JavaScript's \v is only U+000B). */
export const JAVA_VSPACE = set([0x0a, 0x0d], 0x85, 0x2028, 0x2029);

// Keyed by Java's exact (case-sensitive) names.
const POSIX: Record<string, string> = {
    Lower: set([0x61, 0x7a]),
    Upper: set([0x41, 0x5a]),
    ASCII: set([0x00, 0x7f]),
    Alpha: set([0x41, 0x5a], [0x61, 0x7a]),
    Digit: set([0x30, 0x39]),
    Alnum: set([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]),
    Punct: set([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]),
    Graph: set([0x21, 0x7e]),
    Print: set([0x20, 0x7e]),
    Blank: set(0x20, 0x09),
    Cntrl: set([0x00, 0x1f], 0x7f),
    XDigit: set([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
    Space: JAVA_SPACE
};

const JAVA_CHARACTER: Record<string, string> = {
    javaLowerCase: '\\p{Lowercase}',
    javaUpperCase: '\\p{Uppercase}',
    javaTitleCase: '\\p{Lt}',
    javaLetter: '\\p{L}',
    javaDigit: '\\p{Nd}',
    javaLetterOrDigit: '[\\p{L}\\p{Nd}]',
    javaAlphabetic: '\\p{Alphabetic}',
    javaIdeographic: '\\p{Ideographic}',
    javaSpaceChar: '[\\p{Zs}\\p{Zl}\\p{Zp}]',
    javaISOControl: set([0x00, 0x1f], [0x7f, 0x9f]),
    javaDefined: '\\P{Cn}',
    javaMirrored: '\\p{Bidi_Mirrored}',
    // Character.isWhitespace: separators other than the non-breaking ones, and the ASCII controls below.
    javaWhitespace: `[${set([0x09, 0x0d], [0x1c, 0x1f])}[[\\p{Zs}\\p{Zl}\\p{Zp}]--${set(0xa0, 0x2007, 0x202f)}]]`
};

const BINARY: Record<string, string> = {
    alphabetic: 'Alphabetic',
    ideographic: 'Ideographic',
    letter: 'L',
    lowercase: 'Lowercase',
    uppercase: 'Uppercase',
    titlecase: 'Lt',
    punctuation: 'P',
    control: 'Cc',
    white_space: 'White_Space',
    whitespace: 'White_Space',
    digit: 'Nd',
    hex_digit: 'Hex_Digit',
    hexdigit: 'Hex_Digit',
    join_control: 'Join_Control',
    joincontrol: 'Join_Control',
    noncharacter_code_point: 'Noncharacter_Code_Point',
    noncharactercodepoint: 'Noncharacter_Code_Point',
    emoji: 'Emoji'
};

const CATEGORIES = new Set(
    'L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No Z Zs Zl Zp C Cc Cf Co Cs Cn P Pd Ps Pe Pc Po Pi Pf S Sm Sc Sk So'.split(
        ' '
    )
);

function validJs(operand: string): boolean {
    try {
        new RegExp(`[${operand}]`, 'v');
        return true;
    } catch {
        return false;
    }
}

function category(name: string): string | undefined {
    if (CATEGORIES.has(name)) return `\\p{${name}}`;
    if (name === 'LD') return '[\\p{L}\\p{Nd}]';
    if (name === 'L1') return set([0x00, 0xff]);
    return undefined;
}

function script(name: string): string | undefined {
    // Java's script names are UnicodeScript constants (LATIN, OLD_ITALIC) matched case-insensitively;
    // JavaScript wants Unicode's spelling (Latin, Old_Italic).
    const js = name
        .split('_')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase())
        .join('_');
    const operand = `\\p{Script=${js}}`;
    return validJs(operand) ? operand : undefined;
}

/**
 * The class operand of \p{name} (or \pX), or undefined when Java does not know the name (a syntax error).
 * `caseInsensitive`: under CASE_INSENSITIVE Java lets \p{Lower} and \p{Upper} match either case.
 */
export function propertyClass(name: string, caseInsensitive: boolean): string | undefined {
    if ((name === 'Lower' || name === 'Upper') && caseInsensitive) return POSIX.Alpha;
    if (Object.hasOwn(POSIX, name)) return POSIX[name];
    if (Object.hasOwn(JAVA_CHARACTER, name)) return JAVA_CHARACTER[name];
    if (name === 'all') return set([0x00, 0x10ffff]);
    const eq = name.indexOf('=');
    if (eq > 0) {
        const key = name.slice(0, eq).toLowerCase();
        const value = name.slice(eq + 1);
        if (key === 'gc' || key === 'general_category') return category(value);
        if (key === 'sc' || key === 'script') return script(value);
        if (key === 'blk' || key === 'block')
            unsupported(`the Unicode block class \\p{${name}} in a regular expression`);
        return undefined;
    }
    if (name.startsWith('In')) unsupported(`the Unicode block class \\p{${name}} in a regular expression`);
    if (name.startsWith('Is')) {
        const rest = name.slice(2);
        const key = rest.toLowerCase();
        if (Object.hasOwn(BINARY, key)) return `\\p{${BINARY[key]}}`;
        if (rest.toLowerCase() === 'assigned') return '\\P{Cn}';
        return category(rest) ?? script(rest);
    }
    const found = category(name);
    if (found) return found;
    if (name.startsWith('java')) unsupported(`the character class \\p{${name}} in a regular expression`);
    return undefined;
}
