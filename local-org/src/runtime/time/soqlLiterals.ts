// SOQL date literals (TODAY, LAST_N_DAYS:30...) as ranges of days and of instants. Source: SOQL and SOSL
// Reference, "Date Formats and Date Literals in WHERE"
// (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm):
// every literal is a range starting at 00:00:00; "The exact start and end of the range depends on the date literal
// and the locale of the user submitting the query" (the first day of the week); LAST_N_DAYS:n and LAST_90_DAYS
// include today ("LAST_N_DAYS:1 includes yesterday and today"); NEXT_N_DAYS:n and NEXT_90_DAYS start tomorrow
// ("NEXT_N_DAYS:1 is equivalent to TOMORROW"); the N-weeks, N-months, N-quarters and N-years literals cover whole
// periods before or after the current one. The days are the user's days: a Datetime field is compared with the
// user's midnights.
import { raise, unsupported } from '../errors';
import { MS_PER_DAY, addMonthsToEpochDay, civilFromDays, daysFromCivil, floorDiv, floorMod } from './calendar';
import { weekRules } from './locales';
import { epochToWall, wallToEpoch } from './zones';

/** [start, end) in epoch days, start inclusive, end exclusive. */
export type DayRange = [number, number];

/** First day of the week containing `epochDay` for `locale` (Date.toStartOfWeek). */
export function startOfWeek(epochDay: number, locale: string): number {
    const { firstDay } = weekRules(locale);
    // dayOfWeek: 1 = Sunday; 1970-01-01 (epoch day 0) was a Thursday (5).
    return epochDay - floorMod(floorMod(epochDay + 4, 7) + 1 - firstDay, 7);
}

function monthStart(epochDay: number, monthOffset: number): number {
    const { year, month } = civilFromDays(epochDay);
    return addMonthsToEpochDay(daysFromCivil(year, month, 1), monthOffset);
}

function monthsRange(today: number, fromMonths: number, months: number): DayRange {
    return [monthStart(today, fromMonths), monthStart(today, fromMonths + months)];
}

function quarterStart(today: number): number {
    const { year, month } = civilFromDays(today);
    return daysFromCivil(year, month - ((month - 1) % 3), 1);
}

function quartersRange(today: number, fromQuarters: number, quarters: number): DayRange {
    const start = quarterStart(today);
    return [addMonthsToEpochDay(start, 3 * fromQuarters), addMonthsToEpochDay(start, 3 * (fromQuarters + quarters))];
}

function yearsRange(today: number, fromYears: number, years: number): DayRange {
    const { year } = civilFromDays(today);
    return [daysFromCivil(year + fromYears, 1, 1), daysFromCivil(year + fromYears + years, 1, 1)];
}

/**
 * The days a date literal covers, relative to `today` (an epoch day in the user's time zone). `literal` is the
 * name before any ':' (case-insensitive); `n` the number after it for the ':n' literals.
 */
export function soqlDateLiteralDays(literal: string, n: number | undefined, today: number, locale: string): DayRange {
    const name = literal.toUpperCase();
    if (name.includes('FISCAL')) unsupported(`SOQL date literal ${name} (the org's fiscal year settings)`);
    const takesN = /(^|_)N_/.test(name);
    if (takesN && (n === undefined || !Number.isInteger(n) || n < 0)) {
        raise('QueryException', `Date literal ${name} needs a number: ${name}:n`);
    }
    const count = n ?? 0;
    const week = startOfWeek(today, locale);
    switch (name) {
        case 'YESTERDAY':
            return [today - 1, today];
        case 'TODAY':
            return [today, today + 1];
        case 'TOMORROW':
            return [today + 1, today + 2];
        case 'LAST_WEEK':
            return [week - 7, week];
        case 'THIS_WEEK':
            return [week, week + 7];
        case 'NEXT_WEEK':
            return [week + 7, week + 14];
        case 'LAST_MONTH':
            return monthsRange(today, -1, 1);
        case 'THIS_MONTH':
            return monthsRange(today, 0, 1);
        case 'NEXT_MONTH':
            return monthsRange(today, 1, 1);
        case 'LAST_90_DAYS':
            return [today - 90, today + 1];
        case 'NEXT_90_DAYS':
            return [today + 1, today + 91];
        case 'LAST_N_DAYS':
            return [today - count, today + 1];
        case 'NEXT_N_DAYS':
            return [today + 1, today + 1 + count];
        case 'N_DAYS_AGO':
            return [today - count, today - count + 1];
        case 'LAST_N_WEEKS':
            return [week - 7 * count, week];
        case 'NEXT_N_WEEKS':
            return [week + 7, week + 7 + 7 * count];
        case 'N_WEEKS_AGO':
            return [week - 7 * count, week - 7 * count + 7];
        case 'LAST_N_MONTHS':
            return monthsRange(today, -count, count);
        case 'NEXT_N_MONTHS':
            return monthsRange(today, 1, count);
        case 'N_MONTHS_AGO':
            return monthsRange(today, -count, 1);
        case 'THIS_QUARTER':
            return quartersRange(today, 0, 1);
        case 'LAST_QUARTER':
            return quartersRange(today, -1, 1);
        case 'NEXT_QUARTER':
            return quartersRange(today, 1, 1);
        case 'LAST_N_QUARTERS':
            return quartersRange(today, -count, count);
        case 'NEXT_N_QUARTERS':
            return quartersRange(today, 1, count);
        case 'N_QUARTERS_AGO':
            return quartersRange(today, -count, 1);
        case 'THIS_YEAR':
            return yearsRange(today, 0, 1);
        case 'LAST_YEAR':
            return yearsRange(today, -1, 1);
        case 'NEXT_YEAR':
            return yearsRange(today, 1, 1);
        case 'LAST_N_YEARS':
            return yearsRange(today, -count, count);
        case 'NEXT_N_YEARS':
            return yearsRange(today, 1, count);
        case 'N_YEARS_AGO':
            return yearsRange(today, -count, 1);
        default:
            return raise('QueryException', `unexpected token: '${literal}'`);
    }
}

/**
 * The instants a date literal covers for a Datetime field: [start, end) in epoch ms, from the user's midnight
 * at the start to the user's midnight at the end (so a day across a daylight-saving change is 23 or 25 hours).
 * `locale` decides the first day of the week (en_US: Sunday).
 */
export function soqlDateLiteralRange(
    literal: string,
    n: number | undefined,
    nowMs: number,
    timeZone: string,
    locale = 'en_US'
): [number, number] {
    const today = floorDiv(epochToWall(timeZone, nowMs), MS_PER_DAY);
    const [start, end] = soqlDateLiteralDays(literal, n, today, locale);
    return [wallToEpoch(timeZone, start * MS_PER_DAY), wallToEpoch(timeZone, end * MS_PER_DAY)];
}
