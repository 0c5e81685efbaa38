// java.lang.Character semantics on UTF-16 code units. Apex strings are Java strings and Apex's String methods
// delegate to java.lang.String and Apache Commons Lang StringUtils, which classify characters with
// java.lang.Character; JavaScript's own notions (\s, trim, toUpperCase of one char) differ at the edges.
import { raise } from '../errors';

/** The message Apex gives a NullPointerException raised for a null argument of a native method. */
export const NULL_ARGUMENT = 'Argument cannot be null.';

/** Throws NullPointerException when `value` is null, as Apex's native methods do for required arguments. */
export function required<T>(value: T | null | undefined): T {
    if (value === null || value === undefined) raise('NullPointerException', NULL_ARGUMENT);
    return value;
}

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const LOWER = /^\p{Lowercase}$/u;
const UPPER = /^\p{Uppercase}$/u;
const TITLE = /^\p{Lt}$/u;
const SPACE_SEPARATOR = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;

/** Character.isWhitespace: separators except the non-breaking ones, plus \t \n \u000B \f \r and \u001C-\u001F. */
export function isJavaWhitespace(ch: string): boolean {
    const code = ch.charCodeAt(0);
    if ((code >= 0x09 && code <= 0x0d) || (code >= 0x1c && code <= 0x1f)) return true;
    if (code === 0xa0 || code === 0x2007 || code === 0x202f) return false;
    return SPACE_SEPARATOR.test(ch);
}

/** Character.isLetter(char): a lone surrogate is never a letter, which is why StringUtils.isAlpha rejects emoji. */
export function isJavaLetter(ch: string): boolean {
    return LETTER.test(ch);
}

export function isJavaDigit(ch: string): boolean {
    return DIGIT.test(ch);
}

export function isJavaLetterOrDigit(ch: string): boolean {
    return LETTER.test(ch) || DIGIT.test(ch);
}

/** Character.isLowerCase: general category Ll or Other_Lowercase, i.e. Unicode's Lowercase property. */
export function isJavaLowerCase(ch: string): boolean {
    return LOWER.test(ch);
}

export function isJavaUpperCase(ch: string): boolean {
    return UPPER.test(ch);
}

export function isJavaTitleCase(ch: string): boolean {
    return TITLE.test(ch);
}

/** Character.toUpperCase(int): one code point to one code point (so 'ß' stays 'ß', unlike String.toUpperCase). */
export function codePointUpper(ch: string): string {
    // Greek letters with ypogegrammeni have a one-to-one upper case (UnicodeData) besides the two-letter one
    // (SpecialCasing) JavaScript applies.
    const cp = ch.codePointAt(0) as number;
    if ((cp >= 0x1f80 && cp <= 0x1f87) || (cp >= 0x1f90 && cp <= 0x1f97) || (cp >= 0x1fa0 && cp <= 0x1fa7)) {
        return String.fromCodePoint(cp + 8);
    }
    if (cp === 0x1fb3 || cp === 0x1fc3 || cp === 0x1ff3) return String.fromCodePoint(cp + 9);
    const upper = ch.toUpperCase();
    return [...upper].length === 1 ? upper : ch;
}

export function codePointLower(ch: string): string {
    // U+0130 (İ) lower-cases to "i̇" in full case mapping, to plain 'i' in Java's one-to-one mapping.
    if (ch === '\u0130') return 'i';
    const lower = ch.toLowerCase();
    return [...lower].length === 1 ? lower : ch;
}

// The four Unicode digraphs whose title case differs from their upper case (DŽ/Dž/dž, LJ, NJ, DZ).
const TITLE_CASE: Record<string, string> = {
    '\u01c4': '\u01c5',
    '\u01c5': '\u01c5',
    '\u01c6': '\u01c5',
    '\u01c7': '\u01c8',
    '\u01c8': '\u01c8',
    '\u01c9': '\u01c8',
    '\u01ca': '\u01cb',
    '\u01cb': '\u01cb',
    '\u01cc': '\u01cb',
    '\u01f1': '\u01f2',
    '\u01f2': '\u01f2',
    '\u01f3': '\u01f2'
};

/** Character.toTitleCase(int), which JavaScript lacks; it equals the upper case outside the digraphs. */
export function codePointTitle(ch: string): string {
    // Georgian Mkhedruli letters have an upper case (Mtavruli) but are their own title case.
    if (ch >= '\u10d0' && ch <= '\u10ff') return ch;
    return TITLE_CASE[ch] ?? codePointUpper(ch);
}

/** The code units of `text` compare equal ignoring case, as String.regionMatches(true, ...) compares them. */
export function charsEqualIgnoreCase(a: string, b: string): boolean {
    if (a === b) return true;
    const upperA = codePointUpper(a);
    const upperB = codePointUpper(b);
    return upperA === upperB || codePointLower(upperA) === codePointLower(upperB);
}

/** String.regionMatches(true, toffset, other, ooffset, len). */
export function regionMatchesIgnoreCase(
    text: string,
    offset: number,
    other: string,
    otherOffset: number,
    length: number
): boolean {
    if (offset < 0 || otherOffset < 0 || offset + length > text.length || otherOffset + length > other.length)
        return false;
    for (let i = 0; i < length; i++) {
        if (!charsEqualIgnoreCase(text[offset + i], other[otherOffset + i])) return false;
    }
    return true;
}

// Character.getType values, by the Unicode general category names JavaScript's \p{...} accepts.
const CATEGORIES = [
    'Lu',
    'Ll',
    'Lt',
    'Lm',
    'Lo',
    'Mn',
    'Me',
    'Mc',
    'Nd',
    'Nl',
    'No',
    'Zs',
    'Zl',
    'Zp',
    'Cc',
    'Cf',
    'Co',
    'Cs',
    'Pd',
    'Ps',
    'Pe',
    'Pc',
    'Po',
    'Sm',
    'Sc',
    'Sk',
    'So',
    'Pi',
    'Pf'
].map((name) => ({ name, test: new RegExp(`^\\p{${name}}$`, 'u') }));

/** Character.getType(char) as a general category name ('Cn' for unassigned). */
export function javaCharType(ch: string): string {
    for (const category of CATEGORIES) if (category.test.test(ch)) return category.name;
    return 'Cn';
}

/** Java's String.hashCode: s[0]*31^(n-1) + ... + s[n-1] in 32-bit arithmetic. */
export function javaHashCode(text: string): number {
    let hash = 0;
    for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
    return hash;
}

/** String.trim: strips every code unit up to and including U+0020 from both ends. */
export function javaTrim(text: string): string {
    let start = 0;
    let end = text.length;
    while (start < end && text.charCodeAt(start) <= 0x20) start++;
    while (end > start && text.charCodeAt(end - 1) <= 0x20) end--;
    return text.slice(start, end);
}

/** The language part of an Apex locale ('tr_TR' -> 'tr'), for the case mappings that depend on it. */
export function caseLocale(locale: string): string | undefined {
    const language = locale.split(/[_-]/)[0].toLowerCase();
    // Only these languages have locale-specific case rules in Java (dotted/dotless i, Lithuanian dot above).
    return language === 'tr' || language === 'az' || language === 'lt' ? language : undefined;
}

export function javaToLowerCase(text: string, locale: string): string {
    const language = caseLocale(locale);
    return language ? text.toLocaleLowerCase(language) : text.toLowerCase();
}

export function javaToUpperCase(text: string, locale: string): string {
    const language = caseLocale(locale);
    return language ? text.toLocaleUpperCase(language) : text.toUpperCase();
}
