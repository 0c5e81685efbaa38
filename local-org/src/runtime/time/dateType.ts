// System.Date. Source for every member: Apex Reference, "Date Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_date.htm).
import { raise } from '../errors';
import { type NativeContext, type NativeType, method } from '../native';
import { type ApexValue, ApexDate, ApexDatetime } from '../values';
import { dateArg, intArg, runtimeTypeName, stringArg, userZone } from './args';
import {
    MS_PER_DAY,
    addMonthsToEpochDay,
    civilFromDays,
    dayOfYear,
    daysFromCivil,
    daysInMonth,
    floorDiv,
    isLeapYear,
    monthsBetween
} from './calendar';
import { localeFormats } from './locales';
import { formatPattern, parsePattern } from './pattern';
import { startOfWeek } from './soqlLiterals';
import { dateOf, parseDateValueOf } from './strings';
import { GMT, epochToWall } from './zones';

const self = (value: ApexValue): ApexDate => value as ApexDate;

/** Date.today(): "the current date in the current user's time zone". */
export function todayOf(ctx: NativeContext): ApexDate {
    return new ApexDate(floorDiv(epochToWall(userZone(ctx), ctx.now()), MS_PER_DAY));
}

/** Date.format(): the user's locale short date ('3/21/2001' in en_US); see locales.ts for the formats. */
export function formatDate(date: ApexDate, locale: string): string {
    return formatPattern(localeFormats(locale).shortDate, date.epochDay * MS_PER_DAY, GMT, locale);
}

// Date fields hold 1700-01-01 to 4000-12-31, and Date.parse refuses dates outside that range where
// Date.valueOf does not ("Date.parse('1699/1/1')" throws "System.TypeException: Invalid date: 1699/1/1",
// https://qiita.com/panxl/items/d70ae633fd5eb123d612).
export function inSalesforceRange(year: number): boolean {
    return year >= 1700 && year <= 4000;
}

/** Date.parse(String): the user's locale short date format; TypeException 'Invalid date: ...' otherwise. */
export function parseDate(text: string, ctx: NativeContext): ApexDate {
    const nowYear = civilFromDays(todayOf(ctx).epochDay).year;
    const fields = parsePattern(localeFormats(ctx.userLocale).shortDate, text, ctx.userLocale, nowYear);
    const date = fields && dateOf(fields.year, fields.month, fields.day);
    if (!date || !inSalesforceRange(civilFromDays(date.epochDay).year)) raise('TypeException', `Invalid date: ${text}`);
    return date;
}

/**
 * Date.valueOf(Object), for history values and other Objects holding a Date. A Datetime gives its GMT date
 * without the time (the Versioned Behavior Changes of the reference for API 54.0 and later; GMT, not the user's
 * zone, as "Converting DateTime to Date in Apex: Undocumented Pitfall",
 * http://digicomet.blogspot.com/2014/02/converting-datetime-to-date-in-apex.html, observed).
 */
export function dateValueOfObject(value: ApexValue): ApexDate | null {
    if (value === null || value === undefined) return null;
    if (value instanceof ApexDate) return value;
    if (value instanceof ApexDatetime) return new ApexDate(floorDiv(value.epochMs, MS_PER_DAY));
    if (typeof value === 'string') return parseDateValueOf(value);
    return raise('TypeException', `Invalid conversion from runtime type ${runtimeTypeName(value)} to Date`);
}

export const dateType: NativeType = {
    name: 'Date',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexDate,
    staticMethods: {
        newInstance: [
            method(['Integer', 'Integer', 'Integer'], 'Date', ([y, m, d]) => dateOf(intArg(y), intArg(m), intArg(d)))
        ],
        today: [method([], 'Date', (_args, ctx) => todayOf(ctx))],
        // Most specific first: a String argument is parsed, any other Object converted.
        valueOf: [
            method(['String'], 'Date', ([s]) => parseDateValueOf(stringArg(s))),
            method(['Object'], 'Date', ([v]) => dateValueOfObject(v))
        ],
        parse: [method(['String'], 'Date', ([s], ctx) => parseDate(stringArg(s), ctx))],
        daysInMonth: [method(['Integer', 'Integer'], 'Integer', ([y, m]) => daysInMonth(intArg(y), intArg(m)))],
        isLeapYear: [method(['Integer'], 'Boolean', ([y]) => isLeapYear(intArg(y)))]
    },
    instanceMethods: {
        addDays: [method(['Integer'], 'Date', ([n], _ctx, d) => new ApexDate(self(d).epochDay + intArg(n)))],
        // Java's Calendar.add clamps to the end of a shorter month: 2024-01-31 + 1 month is 2024-02-29.
        addMonths: [
            method(
                ['Integer'],
                'Date',
                ([n], _ctx, d) => new ApexDate(addMonthsToEpochDay(self(d).epochDay, intArg(n)))
            )
        ],
        addYears: [
            method(
                ['Integer'],
                'Date',
                ([n], _ctx, d) => new ApexDate(addMonthsToEpochDay(self(d).epochDay, 12 * intArg(n)))
            )
        ],
        day: [method([], 'Integer', (_args, _ctx, d) => civilFromDays(self(d).epochDay).day)],
        dayOfYear: [method([], 'Integer', (_args, _ctx, d) => dayOfYear(self(d).epochDay))],
        // "If the Date that calls the method occurs after the secondDate, the return value is negative."
        daysBetween: [method(['Date'], 'Integer', ([other], _ctx, d) => dateArg(other).epochDay - self(d).epochDay)],
        format: [method([], 'String', (_args, ctx, d) => formatDate(self(d), ctx.userLocale))],
        isSameDay: [method(['Date'], 'Boolean', ([other], _ctx, d) => dateArg(other).epochDay === self(d).epochDay)],
        month: [method([], 'Integer', (_args, _ctx, d) => civilFromDays(self(d).epochDay).month)],
        // "ignoring the difference in days": 2006-12-02 to 2012-12-08 is 72.
        monthsBetween: [
            method(['Date'], 'Integer', ([other], _ctx, d) => monthsBetween(self(d).epochDay, dateArg(other).epochDay))
        ],
        toStartOfMonth: [
            method([], 'Date', (_args, _ctx, d) => {
                const { year, month } = civilFromDays(self(d).epochDay);
                return new ApexDate(daysFromCivil(year, month, 1));
            })
        ],
        // "depending on the context user's locale": Sunday for en_US, Monday for European locales.
        toStartOfWeek: [
            method([], 'Date', (_args, ctx, d) => new ApexDate(startOfWeek(self(d).epochDay, ctx.userLocale)))
        ],
        year: [method([], 'Integer', (_args, _ctx, d) => civilFromDays(self(d).epochDay).year)]
    }
};
