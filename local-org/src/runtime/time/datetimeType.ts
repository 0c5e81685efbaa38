// System.Datetime. Source for every member: Apex Reference, "Datetime Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_datetime.htm).
// "Local" there means the context user's time zone (NativeContext.userTimeZone); the calendar arithmetic of the
// add methods is java.util.Calendar's in that zone, which Apex runs on.
import { raise } from '../errors';
import { type NativeContext, type NativeMethod, type NativeType, method } from '../native';
import { type ApexValue, ApexDate, ApexDatetime, ApexLong, ApexTime } from '../values';
import { dateArg, datetimeArg, intArg, runtimeTypeName, stringArg, timeArg, userZone } from './args';
import {
    MS_PER_DAY,
    MS_PER_HOUR,
    MS_PER_MINUTE,
    addMonthsToCivil,
    civilFromDays,
    dayOfYear,
    daysFromCivil,
    floorDiv,
    floorMod,
    wallFieldsOf
} from './calendar';
import { inSalesforceRange } from './dateType';
import { longDateTimePattern, shortDateTimePattern } from './locales';
import { formatPattern, parsePattern } from './pattern';
import { dateToDatetime, datetimeGmt, datetimeLocal, datetimeToDate, parseDatetimeValueOf } from './strings';
import { GMT, type Zone, epochToWall, resolveZone, wallToEpoch } from './zones';

const self = (value: ApexValue): ApexDatetime => value as ApexDatetime;

/** Adds whole months to the local date, keeping the local time of day (Calendar.add(MONTH) in `zone`). */
export function addMonthsLocal(datetime: ApexDatetime, months: number, zone: Zone): ApexDatetime {
    const wall = epochToWall(zone, datetime.epochMs);
    const epochDay = floorDiv(wall, MS_PER_DAY);
    const civil = addMonthsToCivil(civilFromDays(epochDay), months);
    const shifted = daysFromCivil(civil.year, civil.month, civil.day) * MS_PER_DAY + floorMod(wall, MS_PER_DAY);
    return new ApexDatetime(wallToEpoch(zone, shifted));
}

/** Adds days to the local date, keeping the local time of day across daylight-saving changes. */
export function addDaysLocal(datetime: ApexDatetime, days: number, zone: Zone): ApexDatetime {
    return new ApexDatetime(wallToEpoch(zone, epochToWall(zone, datetime.epochMs) + days * MS_PER_DAY));
}

/** Datetime.format(): the user's locale short date and time, in the user's zone ('6/6/1993, 3:03 AM'). */
export function formatDatetime(datetime: ApexDatetime, ctx: NativeContext): string {
    return formatPattern(shortDateTimePattern(ctx.userLocale), datetime.epochMs, userZone(ctx), ctx.userLocale);
}

/** Datetime.parse(String): "in the local time zone and in the format of the user locale". */
export function parseDatetime(text: string, ctx: NativeContext): ApexDatetime {
    const zone = userZone(ctx);
    const nowYear = civilFromDays(floorDiv(epochToWall(zone, ctx.now()), MS_PER_DAY)).year;
    const f = parsePattern(shortDateTimePattern(ctx.userLocale), text, ctx.userLocale, nowYear);
    const datetime = f && datetimeLocal(zone, f.year, f.month, f.day, f.hour, f.minute, f.second, f.millisecond);
    if (
        !datetime ||
        !inSalesforceRange(civilFromDays(floorDiv(epochToWall(zone, datetime.epochMs), MS_PER_DAY)).year)
    ) {
        raise('TypeException', `Invalid date/time: ${text}`);
    }
    return datetime;
}

/** Datetime.valueOf(Object): a Datetime as is, a Date at midnight GMT (as the cast), a String as valueOf(String). */
export function datetimeValueOfObject(value: ApexValue, ctx: NativeContext): ApexDatetime | null {
    if (value === null || value === undefined) return null;
    if (value instanceof ApexDatetime) return value;
    if (value instanceof ApexDate) return dateToDatetime(value);
    if (typeof value === 'string') return parseDatetimeValueOf(value, userZone(ctx));
    return raise('TypeException', `Invalid conversion from runtime type ${runtimeTypeName(value)} to Datetime`);
}

type Part = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millisecond';

/** A component getter, local (user's zone) or GMT. */
function component(part: Part, gmt: boolean): NativeMethod {
    return method([], 'Integer', (_args, ctx, dt) => {
        const ms = self(dt).epochMs;
        return wallFieldsOf(gmt ? ms : epochToWall(userZone(ctx), ms))[part];
    });
}

const ints = (n: number): string[] => Array.from({ length: n }, () => 'Integer');

export const datetimeType: NativeType = {
    name: 'Datetime',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexDatetime,
    staticMethods: {
        newInstance: [
            // "milliseconds since January 1, 1970, 00:00:00 GMT".
            method(['Long'], 'Datetime', ([ms]) => new ApexDatetime(intArg(ms))),
            method(['Date', 'Time'], 'Datetime', ([d, t], ctx) => {
                const wall = dateArg(d).epochDay * MS_PER_DAY + timeArg(t).msOfDay;
                return new ApexDatetime(wallToEpoch(userZone(ctx), wall));
            }),
            method(ints(3), 'Datetime', (a, ctx) =>
                datetimeLocal(userZone(ctx), intArg(a[0]), intArg(a[1]), intArg(a[2]))
            ),
            method(ints(6), 'Datetime', (a, ctx) => {
                const [y, mo, d, h, mi, s] = a.map(intArg);
                return datetimeLocal(userZone(ctx), y, mo, d, h, mi, s);
            })
        ],
        newInstanceGmt: [
            method(['Date', 'Time'], 'Datetime', ([d, t]) => {
                return new ApexDatetime(dateArg(d).epochDay * MS_PER_DAY + timeArg(t).msOfDay);
            }),
            method(ints(3), 'Datetime', (a) => datetimeGmt(intArg(a[0]), intArg(a[1]), intArg(a[2]))),
            method(ints(6), 'Datetime', (a) => {
                const [y, mo, d, h, mi, s] = a.map(intArg);
                return datetimeGmt(y, mo, d, h, mi, s);
            })
        ],
        now: [method([], 'Datetime', (_args, ctx) => new ApexDatetime(ctx.now()))],
        parse: [method(['String'], 'Datetime', ([s], ctx) => parseDatetime(stringArg(s), ctx))],
        // "The specified string should use the standard date format “yyyy-MM-dd HH:mm:ss” in the local time zone."
        valueOf: [
            method(['String'], 'Datetime', ([s], ctx) => parseDatetimeValueOf(stringArg(s), userZone(ctx))),
            method(['Object'], 'Datetime', ([v], ctx) => datetimeValueOfObject(v, ctx))
        ],
        valueOfGmt: [method(['String'], 'Datetime', ([s]) => parseDatetimeValueOf(stringArg(s), GMT))]
    },
    instanceMethods: {
        addDays: [method(['Integer'], 'Datetime', ([n], ctx, dt) => addDaysLocal(self(dt), intArg(n), userZone(ctx)))],
        addHours: [
            method(
                ['Integer'],
                'Datetime',
                ([n], _c, dt) => new ApexDatetime(self(dt).epochMs + intArg(n) * MS_PER_HOUR)
            )
        ],
        addMinutes: [
            method(
                ['Integer'],
                'Datetime',
                ([n], _c, dt) => new ApexDatetime(self(dt).epochMs + intArg(n) * MS_PER_MINUTE)
            )
        ],
        addMonths: [
            method(['Integer'], 'Datetime', ([n], ctx, dt) => addMonthsLocal(self(dt), intArg(n), userZone(ctx)))
        ],
        addSeconds: [
            method(['Integer'], 'Datetime', ([n], _c, dt) => new ApexDatetime(self(dt).epochMs + intArg(n) * 1000))
        ],
        addYears: [
            method(['Integer'], 'Datetime', ([n], ctx, dt) => addMonthsLocal(self(dt), 12 * intArg(n), userZone(ctx)))
        ],
        date: [method([], 'Date', (_args, ctx, dt) => datetimeToDate(self(dt), userZone(ctx)))],
        dateGMT: [method([], 'Date', (_args, _ctx, dt) => datetimeToDate(self(dt), GMT))],
        day: [component('day', false)],
        dayGmt: [component('day', true)],
        dayOfYear: [
            method([], 'Integer', (_a, ctx, dt) => dayOfYear(datetimeToDate(self(dt), userZone(ctx)).epochDay))
        ],
        dayOfYearGmt: [method([], 'Integer', (_a, _ctx, dt) => dayOfYear(datetimeToDate(self(dt), GMT).epochDay))],
        format: [
            method([], 'String', (_args, ctx, dt) => formatDatetime(self(dt), ctx)),
            method(['String'], 'String', ([p], ctx, dt) =>
                formatPattern(stringArg(p), self(dt).epochMs, userZone(ctx), ctx.userLocale)
            ),
            // An unknown time zone formats in GMT ("If the supplied time zone is not in the correct format, GMT is used").
            method(['String', 'String'], 'String', ([p, tz], ctx, dt) =>
                formatPattern(stringArg(p), self(dt).epochMs, resolveZone(stringArg(tz)), ctx.userLocale)
            )
        ],
        formatGmt: [
            method(['String'], 'String', ([p], ctx, dt) =>
                formatPattern(stringArg(p), self(dt).epochMs, GMT, ctx.userLocale)
            )
        ],
        formatLong: [
            method([], 'String', (_args, ctx, dt) =>
                formatPattern(longDateTimePattern(ctx.userLocale), self(dt).epochMs, userZone(ctx), ctx.userLocale)
            )
        ],
        getTime: [method([], 'Long', (_args, _ctx, dt) => new ApexLong(BigInt(self(dt).epochMs)))],
        hour: [component('hour', false)],
        hourGmt: [component('hour', true)],
        isSameDay: [
            method(['Datetime'], 'Boolean', ([other], ctx, dt) => {
                const zone = userZone(ctx);
                return datetimeToDate(self(dt), zone).epochDay === datetimeToDate(datetimeArg(other), zone).epochDay;
            })
        ],
        millisecond: [component('millisecond', false)],
        millisecondGmt: [component('millisecond', true)],
        minute: [component('minute', false)],
        minuteGmt: [component('minute', true)],
        month: [component('month', false)],
        monthGmt: [component('month', true)],
        second: [component('second', false)],
        secondGmt: [component('second', true)],
        time: [
            method(
                [],
                'Time',
                (_a, ctx, dt) => new ApexTime(floorMod(epochToWall(userZone(ctx), self(dt).epochMs), MS_PER_DAY))
            )
        ],
        timeGmt: [method([], 'Time', (_a, _ctx, dt) => new ApexTime(floorMod(self(dt).epochMs, MS_PER_DAY)))],
        year: [component('year', false)],
        yearGmt: [component('year', true)]
    }
};
