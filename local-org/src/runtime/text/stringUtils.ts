// The Apex String methods that are Apache Commons Lang 3 StringUtils methods (Apex Reference, "String Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm).
// Where the Apex Reference is silent (null arguments, empty strings, exact algorithms) these follow
// StringUtils, which the Reference's own examples match (abbreviate, center, difference...).
import { raise } from '../errors';
import {
    codePointLower,
    codePointTitle,
    codePointUpper,
    isJavaDigit,
    isJavaLetter,
    isJavaLetterOrDigit,
    isJavaLowerCase,
    isJavaTitleCase,
    isJavaUpperCase,
    isJavaWhitespace,
    javaCharType,
    javaTrim,
    regionMatchesIgnoreCase,
    required
} from './javaChars';

/** StringUtils throws IllegalArgumentException; Apex reports errors of String methods as StringException. */
function illegalArgument(message: string): never {
    raise('StringException', message);
}

function every(text: string, test: (ch: string) => boolean): boolean {
    for (const ch of text.split('')) if (!test(ch)) return false;
    return true;
}

export function isBlank(text: string | null): boolean {
    return text === null || every(text, isJavaWhitespace);
}

export function isEmpty(text: string | null): boolean {
    return text === null || text.length === 0;
}

// isAlpha and friends go code unit by code unit, as StringUtils does: an empty string is not alphabetic,
// but is "alpha space"; a supplementary letter is not a letter.
export const isAlpha = (text: string): boolean => text.length > 0 && every(text, isJavaLetter);
export const isAlphaSpace = (text: string): boolean => every(text, (ch) => ch === ' ' || isJavaLetter(ch));
export const isAlphanumeric = (text: string): boolean => text.length > 0 && every(text, isJavaLetterOrDigit);
export const isAlphanumericSpace = (text: string): boolean =>
    every(text, (ch) => ch === ' ' || isJavaLetterOrDigit(ch));
export const isNumeric = (text: string): boolean => text.length > 0 && every(text, isJavaDigit);
export const isNumericSpace = (text: string): boolean => every(text, (ch) => ch === ' ' || isJavaDigit(ch));
export const isWhitespace = (text: string): boolean => every(text, isJavaWhitespace);
export const isAllLowerCase = (text: string): boolean => text.length > 0 && every(text, isJavaLowerCase);
export const isAllUpperCase = (text: string): boolean => text.length > 0 && every(text, isJavaUpperCase);
export const isAsciiPrintable = (text: string): boolean =>
    every(text, (ch) => ch.charCodeAt(0) >= 32 && ch.charCodeAt(0) < 127);
export const containsWhitespace = (text: string): boolean => text.split('').some(isJavaWhitespace);
export const deleteWhitespace = (text: string): string =>
    text
        .split('')
        .filter((ch) => !isJavaWhitespace(ch))
        .join('');

/** StringUtils.normalizeSpace: collapses whitespace runs to one space; U+00A0 becomes a space but is kept. */
export function normalizeSpace(text: string): string {
    let out = '';
    let pendingSpace = false;
    let started = false;
    for (const ch of text.split('')) {
        if (isJavaWhitespace(ch)) {
            pendingSpace = started;
            continue;
        }
        if (pendingSpace) out += ' ';
        pendingSpace = false;
        started = true;
        out += ch === '\u00a0' ? ' ' : ch;
    }
    return javaTrim(out);
}

/** abbreviate(maxWidth[, offset]): StringUtils.abbreviate(str, offset, maxWidth) with '...'. */
export function abbreviate(text: string, maxWidth: number, offset = 0): string {
    if (text.length === 0) return text;
    if (maxWidth < 4) illegalArgument('Minimum abbreviation width is 4');
    if (text.length <= maxWidth) return text;
    let start = Math.min(offset, text.length);
    if (text.length - start < maxWidth - 3) start = text.length - (maxWidth - 3);
    if (start <= 4) return text.slice(0, maxWidth - 3) + '...';
    if (maxWidth < 7) illegalArgument('Minimum abbreviation width with offset is 7');
    if (start + maxWidth - 3 < text.length) return '...' + abbreviate(text.slice(start), maxWidth - 3);
    return '...' + text.slice(text.length - (maxWidth - 3));
}

function firstCodePoint(text: string, map: (ch: string) => string): string {
    if (text.length === 0) return text;
    const first = String.fromCodePoint(text.codePointAt(0) as number);
    return map(first) + text.slice(first.length);
}

/** capitalize(): the first character in title case (Character.toTitleCase), the rest unchanged. */
export const capitalize = (text: string): string => firstCodePoint(text, codePointTitle);
export const uncapitalize = (text: string): string => firstCodePoint(text, codePointLower);

/** swapCase(): StringUtils 3.x swaps upper and title case to lower and lower case to upper. */
export function swapCase(text: string): string {
    let out = '';
    for (const ch of text) {
        if (isJavaUpperCase(ch) || isJavaTitleCase(ch)) out += codePointLower(ch);
        else if (isJavaLowerCase(ch)) out += codePointUpper(ch);
        else out += ch;
    }
    return out;
}

// A null pad is a NullPointerException in Apex (other emulations report it so), an empty one means a space.
function padding(pad: string | null | undefined, count: number): string {
    const unit = pad === undefined ? ' ' : required(pad) || ' ';
    return count <= 0 ? '' : unit.repeat(Math.ceil(count / unit.length)).slice(0, count);
}

export function leftPad(text: string, size: number, pad?: string | null): string {
    return padding(pad, size - text.length) + text;
}

export function rightPad(text: string, size: number, pad?: string | null): string {
    return text + padding(pad, size - text.length);
}

/** center(size[, padding]): the extra padding goes to the right, as in StringUtils.center. */
export function center(text: string, size: number, pad?: string | null): string {
    const pads = size - text.length;
    if (pads <= 0) {
        if (pad === null) required(pad);
        return text;
    }
    return rightPad(leftPad(text, text.length + Math.floor(pads / 2), pad), size, pad);
}

export function repeat(text: string, times: number): string {
    return times <= 0 ? '' : text.repeat(times);
}

/** repeat(separator, numberOfTimes): StringUtils.repeat(str, separator, n), quirks included. */
export function repeatWithSeparator(text: string, separator: string | null, times: number): string {
    if (separator === null) return repeat(text, times);
    return removeEnd(repeat(text + separator, times), separator);
}

export function left(text: string, length: number): string {
    return length < 0 ? '' : text.slice(0, length);
}

export function right(text: string, length: number): string {
    if (length < 0) return '';
    return length >= text.length ? text : text.slice(text.length - length);
}

export function mid(text: string, start: number, length: number): string {
    if (length < 0 || start > text.length) return '';
    const from = Math.max(0, start);
    return text.length <= from + length ? text.slice(from) : text.slice(from, from + length);
}

export function remove(text: string, search: string | null): string {
    return isEmpty(search) ? text : text.split(search as string).join('');
}

export function removeStart(text: string, prefix: string | null): string {
    return !isEmpty(prefix) && text.startsWith(prefix as string) ? text.slice((prefix as string).length) : text;
}

export function removeEnd(text: string, suffix: string | null): string {
    return !isEmpty(suffix) && text.endsWith(suffix as string)
        ? text.slice(0, text.length - (suffix as string).length)
        : text;
}

export function startsWithIgnoreCase(text: string, prefix: string | null): boolean {
    return prefix !== null && regionMatchesIgnoreCase(text, 0, prefix, 0, prefix.length);
}

export function endsWithIgnoreCase(text: string, suffix: string | null): boolean {
    return suffix !== null && regionMatchesIgnoreCase(text, text.length - suffix.length, suffix, 0, suffix.length);
}

export function containsIgnoreCase(text: string, search: string | null): boolean {
    if (search === null) return false;
    for (let i = 0; i <= text.length - search.length; i++) {
        if (regionMatchesIgnoreCase(text, i, search, 0, search.length)) return true;
    }
    return false;
}

export function removeStartIgnoreCase(text: string, prefix: string | null): string {
    return !isEmpty(prefix) && startsWithIgnoreCase(text, prefix) ? text.slice((prefix as string).length) : text;
}

export function removeEndIgnoreCase(text: string, suffix: string | null): string {
    return !isEmpty(suffix) && endsWithIgnoreCase(text, suffix)
        ? text.slice(0, text.length - (suffix as string).length)
        : text;
}

export function countMatches(text: string, search: string | null): number {
    return isEmpty(search) ? 0 : text.split(search as string).length - 1;
}

/** indexOfDifference(stringToCompare): -1 when equal, else the first index where they differ. */
export function indexOfDifference(a: string, b: string | null): number {
    if (b === null) return 0;
    if (a === b) return -1;
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
}

/** difference(secondString): the rest of `other` from where the two differ. */
export function difference(text: string, other: string | null): string | null {
    if (other === null) return text;
    const at = indexOfDifference(text, other);
    return at === -1 ? '' : other.slice(at);
}

/** String.getCommonPrefix(List<String>), as StringUtils.getCommonPrefix (a null element means none). */
export function getCommonPrefix(strings: readonly (string | null)[]): string {
    if (strings.length === 0) return '';
    if (strings.some((s) => s === null)) return '';
    const values = strings as string[];
    let length = 0;
    const shortest = Math.min(...values.map((s) => s.length));
    while (length < shortest && values.every((s) => s[length] === values[0][length])) length++;
    return values[0].slice(0, length);
}

/** getLevenshteinDistance(stringToCompare[, threshold]); beyond the threshold it is -1. */
export function levenshteinDistance(a: string, b: string | null, threshold?: number): number {
    if (b === null) illegalArgument('Strings must not be null');
    if (threshold !== undefined && threshold < 0) illegalArgument('Threshold must not be negative');
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current[j] = Math.min(current[j - 1] + 1, previous[j] + 1, previous[j - 1] + cost);
        }
        previous = current;
    }
    const distance = previous[b.length];
    return threshold !== undefined && distance > threshold ? -1 : distance;
}

// containsAny / indexOfAny and friends treat their argument as a set of characters; a surrogate pair counts
// only when both halves match, as in StringUtils.
function indexOfAnyChar(text: string, chars: string): number {
    for (let i = 0; i < text.length; i++) {
        const at = chars.indexOf(text[i]);
        if (at < 0) continue;
        const high = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff;
        if (!high || at === chars.length - 1 || chars[at + 1] === text[i + 1]) return i;
    }
    return -1;
}

export const indexOfAny = (text: string, chars: string | null): number =>
    isEmpty(chars) ? -1 : indexOfAnyChar(text, chars as string);
export const containsAny = (text: string, chars: string | null): boolean => indexOfAny(text, chars) >= 0;
export const containsNone = (text: string, chars: string | null): boolean => indexOfAny(text, chars) < 0;

export function indexOfAnyBut(text: string, chars: string | null): number {
    if (isEmpty(chars)) return -1;
    const set = chars as string;
    for (let i = 0; i < text.length; i++) {
        const found = set.includes(text[i]);
        const high = text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff;
        if (i + 1 < text.length && high) {
            if (found && !set.includes(text[i + 1])) return i;
        } else if (!found) return i;
    }
    return -1;
}

export function containsOnly(text: string, chars: string | null): boolean {
    if (chars === null) return false;
    if (text.length === 0) return true;
    return chars.length > 0 && indexOfAnyBut(text, chars) === -1;
}

/** splitByCharacterType / splitByCharacterTypeCamelCase: runs of one Character.getType. */
export function splitByCharacterType(text: string, camelCase: boolean): string[] {
    if (text.length === 0) return [];
    const parts: string[] = [];
    let tokenStart = 0;
    let currentType = javaCharType(text[0]);
    for (let pos = 1; pos < text.length; pos++) {
        const type = javaCharType(text[pos]);
        if (type === currentType) continue;
        if (camelCase && type === 'Ll' && currentType === 'Lu') {
            // "ASFRules" splits as "ASF", "Rules": the upper-case letter before a lower-case one starts a word.
            if (pos - 1 !== tokenStart) {
                parts.push(text.slice(tokenStart, pos - 1));
                tokenStart = pos - 1;
            }
        } else {
            parts.push(text.slice(tokenStart, pos));
            tokenStart = pos;
        }
        currentType = type;
    }
    parts.push(text.slice(tokenStart));
    return parts;
}

export function substringAfter(text: string, separator: string | null): string {
    if (text.length === 0) return text;
    if (separator === null) return '';
    const at = text.indexOf(separator);
    return at < 0 ? '' : text.slice(at + separator.length);
}

export function substringAfterLast(text: string, separator: string | null): string {
    if (text.length === 0) return text;
    if (isEmpty(separator)) return '';
    const at = text.lastIndexOf(separator as string);
    return at < 0 || at === text.length - (separator as string).length
        ? ''
        : text.slice(at + (separator as string).length);
}

export function substringBefore(text: string, separator: string | null): string {
    if (text.length === 0 || separator === null) return text;
    if (separator.length === 0) return '';
    const at = text.indexOf(separator);
    return at < 0 ? text : text.slice(0, at);
}

export function substringBeforeLast(text: string, separator: string | null): string {
    if (text.length === 0 || isEmpty(separator)) return text;
    const at = text.lastIndexOf(separator as string);
    return at < 0 ? text : text.slice(0, at);
}

/** substringBetween(tag) / substringBetween(open, close): null when either is missing. */
export function substringBetween(text: string, open: string | null, close: string | null): string | null {
    if (open === null || close === null) return null;
    const start = text.indexOf(open);
    if (start < 0) return null;
    const end = text.indexOf(close, start + open.length);
    return end < 0 ? null : text.slice(start + open.length, end);
}

/** reverse(): StringBuilder.reverse keeps surrogate pairs in order. */
export function reverse(text: string): string {
    return [...text].reverse().join('');
}
