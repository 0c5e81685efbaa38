// java.text.SimpleDateFormat patterns, which Datetime.format(dateFormatString) and its relatives take (Apex
// Reference, "Datetime Class", format(dateFormatString): "using the supplied Java simple date format", linking
// https://docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html). Letters, counts and quoting follow
// that page; week numbering follows java.util.GregorianCalendar. A letter SimpleDateFormat rejects, and text in
// an unterminated quote, fail loudly: what Apex throws for them is not documented.
import { unsupported } from '../errors';
import {
    MS_PER_DAY,
    civilFromDays,
    dayOfWeek,
    dayOfYear,
    daysFromCivil,
    floorDiv,
    floorMod,
    isLeapYear,
    pad,
    wallFieldsOf
} from './calendar';
import { type LocaleNames, type WeekRules, localeNames, weekRules } from './locales';
import { type Zone, epochToWall, longZoneName, offsetAt, offsetText, shortZoneName } from './zones';

export type PatternToken = { readonly letter: string; readonly count: number } | { readonly text: string };

const PATTERN_LETTERS = 'GyYMLwWDdFEuaHkKhmsSzZX';
const tokenCache = new Map<string, readonly PatternToken[]>();

export function tokenize(pattern: string): readonly PatternToken[] {
    const cached = tokenCache.get(pattern);
    if (cached) return cached;
    const tokens: PatternToken[] = [];
    let literal = '';
    let i = 0;
    while (i < pattern.length) {
        const c = pattern[i];
        if (c === "'") {
            if (pattern[i + 1] === "'") {
                literal += "'";
                i += 2;
                continue;
            }
            let j = i + 1;
            for (;;) {
                if (j >= pattern.length) unsupported(`date format pattern with an unterminated quote: ${pattern}`);
                if (pattern[j] === "'" && pattern[j + 1] === "'") {
                    literal += "'";
                    j += 2;
                } else if (pattern[j] === "'") break;
                else literal += pattern[j++];
            }
            i = j + 1;
        } else if (/[A-Za-z]/.test(c)) {
            if (!PATTERN_LETTERS.includes(c)) unsupported(`date format pattern letter '${c}' (${pattern})`);
            let j = i;
            while (pattern[j] === c) j++;
            if (literal) tokens.push({ text: literal });
            literal = '';
            tokens.push({ letter: c, count: j - i });
            i = j;
        } else {
            literal += c;
            i++;
        }
    }
    if (literal) tokens.push({ text: literal });
    tokenCache.set(pattern, tokens);
    return tokens;
}

/** Calendar.getDayOfWeekDateOnOrBefore: the last `weekday` (1 = Sunday) on or before `epochDay`. */
function weekdayOnOrBefore(epochDay: number, weekday: number): number {
    return epochDay - floorMod(dayOfWeek(epochDay) - weekday, 7);
}

/** GregorianCalendar.getWeekNumber: the week of `epochDay` in the period starting on `periodStart`. */
function weekNumber(periodStart: number, epochDay: number, rules: WeekRules): number {
    let firstWeekStart = weekdayOnOrBefore(periodStart + 6, rules.firstDay);
    if (firstWeekStart - periodStart >= rules.minimalDays) firstWeekStart -= 7;
    return floorDiv(epochDay - firstWeekStart, 7) + 1;
}

/** WEEK_OF_YEAR and the year that week belongs to (SimpleDateFormat 'w' and 'Y'). */
export function weekOfYear(epochDay: number, rules: WeekRules): { week: number; weekYear: number } {
    const { year } = civilFromDays(epochDay);
    const jan1 = daysFromCivil(year, 1, 1);
    const week = weekNumber(jan1, epochDay, rules);
    if (week === 0) return { week: weekNumber(daysFromCivil(year - 1, 1, 1), epochDay, rules), weekYear: year - 1 };
    if (week >= 52) {
        const nextJan1 = jan1 + (isLeapYear(year) ? 366 : 365);
        const nextFirstWeek = weekdayOnOrBefore(nextJan1 + 6, rules.firstDay);
        if (nextFirstWeek - nextJan1 >= rules.minimalDays && epochDay >= nextFirstWeek - 7) {
            return { week: 1, weekYear: year + 1 };
        }
    }
    return { week, weekYear: year };
}

function text(names: readonly string[], index: number): string {
    return names[index] ?? '';
}

/** Formats the instant `epochMs` as seen in `zone`, with names of `locale`. */
export function formatPattern(pattern: string, epochMs: number, zone: Zone, locale: string): string {
    const offset = offsetAt(zone, epochMs);
    const wall = epochToWall(zone, epochMs);
    const f = wallFieldsOf(wall);
    const epochDay = floorDiv(wall, MS_PER_DAY);
    let names: LocaleNames | undefined;
    const loc = (): LocaleNames => (names ??= localeNames(locale));
    let out = '';
    for (const token of tokenize(pattern)) {
        if ('text' in token) {
            out += token.text;
            continue;
        }
        const n = token.count;
        const yearOfEra = f.year > 0 ? f.year : 1 - f.year;
        switch (token.letter) {
            case 'G':
                out += loc().eras[f.year > 0 ? 1 : 0];
                break;
            case 'y':
                out += n === 2 ? pad(yearOfEra % 100, 2) : pad(yearOfEra, n);
                break;
            case 'Y': {
                const { weekYear } = weekOfYear(epochDay, weekRules(locale));
                out += n === 2 ? pad(weekYear % 100, 2) : pad(weekYear, n);
                break;
            }
            case 'M':
            case 'L':
                out +=
                    n >= 4
                        ? text(loc().monthsLong, f.month - 1)
                        : n === 3
                          ? text(loc().monthsShort, f.month - 1)
                          : pad(f.month, n);
                break;
            case 'w':
                out += pad(weekOfYear(epochDay, weekRules(locale)).week, n);
                break;
            case 'W':
                out += pad(weekNumber(daysFromCivil(f.year, f.month, 1), epochDay, weekRules(locale)), n);
                break;
            case 'D':
                out += pad(dayOfYear(epochDay), n);
                break;
            case 'd':
                out += pad(f.day, n);
                break;
            case 'F':
                out += pad(floorDiv(f.day - 1, 7) + 1, n);
                break;
            case 'E':
                out += text(n >= 4 ? loc().weekdaysLong : loc().weekdaysShort, dayOfWeek(epochDay) - 1);
                break;
            case 'u':
                out += pad(floorMod(dayOfWeek(epochDay) - 2, 7) + 1, n);
                break;
            case 'a':
                out += f.hour < 12 ? loc().am : loc().pm;
                break;
            case 'H':
                out += pad(f.hour, n);
                break;
            case 'k':
                out += pad(f.hour === 0 ? 24 : f.hour, n);
                break;
            case 'K':
                out += pad(f.hour % 12, n);
                break;
            case 'h':
                out += pad(f.hour % 12 === 0 ? 12 : f.hour % 12, n);
                break;
            case 'm':
                out += pad(f.minute, n);
                break;
            case 's':
                out += pad(f.second, n);
                break;
            case 'S':
                // SimpleDateFormat prints milliseconds as a number padded to the count ('S' of 7 ms is '7').
                out += pad(f.millisecond, n);
                break;
            case 'z':
                // English names whatever the locale (zones.ts): Java would say 'MEZ' for a German user.
                out += n >= 4 ? longZoneName(zone, epochMs) : shortZoneName(zone, epochMs);
                break;
            case 'Z':
                out += offsetText(offset, '');
                break;
            case 'X':
                // ISO 8601: X is -08, XX -0800, XXX -08:00, and zero is Z; Java rejects four or more.
                if (n > 3) unsupported(`date format pattern '${'X'.repeat(n)}'`);
                out +=
                    offset === 0
                        ? 'Z'
                        : n === 1
                          ? offsetText(offset, '').slice(0, 3)
                          : offsetText(offset, n === 3 ? ':' : '');
                break;
        }
    }
    return out;
}

function twoDigitYear(value: number, nowYear: number): number {
    const start = nowYear - 80;
    const year = start - floorMod(start, 100) + value;
    return year < start ? year + 100 : year;
}

export interface ParsedFields {
    year: number;
    month: number;
    day: number;
    hour: number;
    minute: number;
    second: number;
    millisecond: number;
}

/**
 * Parses `input` against a pattern of numeric fields, month and day names, AM/PM and literals, as the locale
 * formats of Date.parse and Datetime.parse need. Like a lenient SimpleDateFormat, numbers may have any number of
 * digits and out-of-range values roll over (the caller builds the date leniently); unlike it, the whole input
 * must match and any run of spaces matches any run of spaces. Returns undefined when the input does not match.
 */
export function parsePattern(
    pattern: string,
    input: string,
    locale: string,
    nowYear: number
): ParsedFields | undefined {
    const fields: ParsedFields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
    let pm: boolean | undefined;
    let hour12: number | undefined;
    const s = input.trim();
    let i = 0;
    const names = (): LocaleNames => localeNames(locale);
    const matchName = (candidates: readonly string[]): number => {
        let best = -1;
        for (let k = 0; k < candidates.length; k++) {
            const name = candidates[k];
            if (name && s.slice(i, i + name.length).toLowerCase() === name.toLowerCase()) {
                if (best < 0 || name.length > candidates[best].length) best = k;
            }
        }
        if (best >= 0) i += candidates[best].length;
        return best;
    };
    for (const token of tokenize(pattern)) {
        if ('text' in token) {
            for (const c of token.text) {
                if (/\s/.test(c)) {
                    if (!/\s/.test(s[i] ?? '')) return undefined;
                    while (/\s/.test(s[i] ?? '')) i++;
                } else if (s[i] === c) i++;
                else return undefined;
            }
            continue;
        }
        if (token.letter === 'a') {
            const k = matchName([names().am, names().pm]);
            if (k < 0) return undefined;
            pm = k === 1;
            continue;
        }
        if (token.letter === 'E') {
            if (matchName([...names().weekdaysLong, ...names().weekdaysShort]) < 0) return undefined;
            continue;
        }
        if ((token.letter === 'M' || token.letter === 'L') && token.count >= 3) {
            const k = matchName([...names().monthsLong, ...names().monthsShort]);
            if (k < 0) return undefined;
            fields.month = (k % 12) + 1;
            continue;
        }
        const digits = /^\d+/.exec(s.slice(i))?.[0];
        if (!digits) return undefined;
        i += digits.length;
        const value = Number(digits);
        switch (token.letter) {
            case 'y':
                // SimpleDateFormat reads a two-digit year, for a pattern of at most two 'y', within 80 years
                // before and 20 after now; any other year literally.
                fields.year = token.count <= 2 && digits.length === 2 ? twoDigitYear(value, nowYear) : value;
                break;
            case 'M':
            case 'L':
                fields.month = value;
                break;
            case 'd':
                fields.day = value;
                break;
            case 'H':
                fields.hour = value;
                break;
            case 'k':
                fields.hour = value === 24 ? 0 : value;
                break;
            case 'h':
            case 'K':
                hour12 = value % 12;
                break;
            case 'm':
                fields.minute = value;
                break;
            case 's':
                fields.second = value;
                break;
            case 'S':
                fields.millisecond = value;
                break;
            default:
                unsupported(`parsing the date pattern letter '${token.letter}'`);
        }
    }
    if (i !== s.length) return undefined;
    if (hour12 !== undefined) fields.hour = hour12 + (pm ? 12 : 0);
    else if (pm !== undefined && pm && fields.hour < 12) fields.hour += 12;
    return fields;
}
