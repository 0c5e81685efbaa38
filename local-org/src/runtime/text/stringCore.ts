// The Apex String methods that are java.lang.String methods (Apex Reference, "String Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm).
// JavaScript strings are UTF-16 like Java's, so indexes and lengths agree; what differs is argument checking
// and the edge cases of the JavaScript built-ins (negative indexes, `$` in replacements), handled here.
import { raise } from '../errors';
import { regionMatchesIgnoreCase, required } from './javaChars';

// Apex reports substring bounds as "Starting position out of bounds: n" / "Ending position out of bounds: n"
// (System.StringException), as widely reported for substring(0, indexOf(...)) with a missing separator.
function startOutOfBounds(index: number): never {
    raise('StringException', `Starting position out of bounds: ${index}`);
}

function endOutOfBounds(index: number): never {
    raise('StringException', `Ending position out of bounds: ${index}`);
}

/** substring(startIndex) and substring(startIndex, endIndex). */
export function substring(text: string, start: number, end: number = text.length): string {
    if (start < 0 || start > text.length) startOutOfBounds(start);
    if (end < start || end > text.length) endOutOfBounds(end);
    return text.slice(start, end);
}

/**
 * charAt(index): the UTF-16 code unit as an Integer. The message is not documented; "Specified index is
 * invalid." is the one other Apex emulations report for an index outside the string.
 */
export function charAt(text: string, index: number): number {
    if (index < 0 || index >= text.length) raise('StringException', 'Specified index is invalid.');
    return text.charCodeAt(index);
}

/** codePointAt(index), as java.lang.String.codePointAt. */
export function codePointAt(text: string, index: number): number {
    if (index < 0 || index >= text.length) startOutOfBounds(index);
    return text.codePointAt(index) as number;
}

/** codePointBefore(index): the code point ending just before `index`. */
export function codePointBefore(text: string, index: number): number {
    if (index < 1 || index > text.length) startOutOfBounds(index);
    const low = text.charCodeAt(index - 1);
    if (index >= 2 && low >= 0xdc00 && low <= 0xdfff) {
        const high = text.charCodeAt(index - 2);
        if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2) as number;
    }
    return low;
}

/** codePointCount(beginIndex, endIndex): an unpaired surrogate counts as one code point, as in Java. */
export function codePointCount(text: string, begin: number, end: number): number {
    if (begin < 0 || begin > text.length) startOutOfBounds(begin);
    if (end < begin || end > text.length) endOutOfBounds(end);
    return [...text.slice(begin, end)].length;
}

/** offsetByCodePoints(index, codePointOffset), as java.lang.String.offsetByCodePoints. */
export function offsetByCodePoints(text: string, index: number, offset: number): number {
    if (index < 0 || index > text.length) startOutOfBounds(index);
    let position = index;
    const isHigh = (i: number): boolean => text.charCodeAt(i) >= 0xd800 && text.charCodeAt(i) <= 0xdbff;
    const isLow = (i: number): boolean => text.charCodeAt(i) >= 0xdc00 && text.charCodeAt(i) <= 0xdfff;
    for (let n = 0; n < offset; n++) {
        if (position >= text.length) endOutOfBounds(index + offset);
        position += isHigh(position) && position + 1 < text.length && isLow(position + 1) ? 2 : 1;
    }
    for (let n = 0; n > offset; n--) {
        if (position <= 0) startOutOfBounds(index + offset);
        position -= isLow(position - 1) && position - 2 >= 0 && isHigh(position - 2) ? 2 : 1;
    }
    return position;
}

/** indexOf(substring) / indexOf(substring, index): a negative index searches from 0, as in Java. */
export function indexOf(text: string, search: string | null, from = 0): number {
    return text.indexOf(required(search), Math.max(0, from));
}

/** lastIndexOf(substring[, endPosition]): unlike JavaScript, a negative position finds nothing. */
export function lastIndexOf(text: string, search: string | null, from: number = text.length): number {
    required(search);
    return from < 0 ? -1 : text.lastIndexOf(search as string, from);
}

function charOf(codePoint: number): string | undefined {
    return Number.isInteger(codePoint) && codePoint >= 0 && codePoint <= 0x10ffff
        ? String.fromCodePoint(codePoint)
        : undefined;
}

/** indexOfChar(character[, startIndex]): `character` is a code point, as in String.indexOf(int, int). */
export function indexOfChar(text: string, codePoint: number, from = 0): number {
    const ch = charOf(codePoint);
    return ch === undefined ? -1 : text.indexOf(ch, Math.max(0, from));
}

/** lastIndexOfChar(character[, endIndex]), as String.lastIndexOf(int, int). */
export function lastIndexOfChar(text: string, codePoint: number, from: number = text.length - 1): number {
    const ch = charOf(codePoint);
    return ch === undefined || from < 0 ? -1 : text.lastIndexOf(ch, from);
}

/** indexOfIgnoreCase(substring[, startPosition]), as StringUtils.indexOfIgnoreCase (null finds nothing). */
export function indexOfIgnoreCase(text: string, search: string | null, from = 0): number {
    if (search === null) return -1;
    const start = Math.max(0, from);
    const endLimit = text.length - search.length + 1;
    if (start > endLimit) return -1;
    if (search.length === 0) return start;
    for (let i = start; i < endLimit; i++) if (regionMatchesIgnoreCase(text, i, search, 0, search.length)) return i;
    return -1;
}

/** lastIndexOfIgnoreCase(substring[, endPosition]), as StringUtils.lastIndexOfIgnoreCase. */
export function lastIndexOfIgnoreCase(text: string, search: string | null, from: number = text.length): number {
    if (search === null) return -1;
    const start = Math.min(from, text.length - search.length);
    if (start < 0) return -1;
    if (search.length === 0) return start;
    for (let i = start; i >= 0; i--) if (regionMatchesIgnoreCase(text, i, search, 0, search.length)) return i;
    return -1;
}

/** compareTo(secondString): Java's code-unit comparison, returning the difference at the first mismatch. */
export function compareTo(text: string, other: string | null): number {
    required(other);
    const s = other as string;
    const limit = Math.min(text.length, s.length);
    for (let i = 0; i < limit; i++) {
        const difference = text.charCodeAt(i) - s.charCodeAt(i);
        if (difference !== 0) return difference;
    }
    return text.length - s.length;
}

/** equalsIgnoreCase(secondString): false for null, otherwise String.equalsIgnoreCase. */
export function equalsIgnoreCase(text: string, other: unknown): boolean {
    return (
        typeof other === 'string' &&
        other.length === text.length &&
        regionMatchesIgnoreCase(text, 0, other, 0, text.length)
    );
}

/** replace(target, replacement): literal, every occurrence; an empty target inserts between code units. */
export function replaceLiteral(text: string, target: string | null, replacement: string | null): string {
    required(target);
    required(replacement);
    // A function replacement keeps JavaScript from reading `$&` and friends in the replacement text.
    return text.replaceAll(target as string, () => replacement as string);
}

/** String.fromCharArray(List<Integer>): each Integer is a code point. */
export function fromCharArray(codes: readonly unknown[]): string {
    return codes
        .map((code) => {
            const ch = typeof code === 'number' ? charOf(code) : undefined;
            if (ch === undefined) raise('StringException', `Invalid code point: ${String(code)}`);
            return ch;
        })
        .join('');
}

/** getChars(): the UTF-16 code units as Integers. */
export function getChars(text: string): number[] {
    const codes: number[] = [];
    for (let i = 0; i < text.length; i++) codes.push(text.charCodeAt(i));
    return codes;
}
