// Dates, datetimes and times as text: what String.valueOf, string concatenation, System.debug and JSON print,
// and the strings Date.valueOf, Datetime.valueOf, JSON.deserialize and SOQL accept. Pure functions on the
// values of values.ts, for the interpreter, JSON and SOQL modules.
import { raise } from '../errors';
import { ApexDate, ApexDatetime, ApexTime } from '../values';
import {
    MS_PER_DAY,
    MS_PER_HOUR,
    MS_PER_MINUTE,
    daysFromCivil,
    daysInMonth,
    floorDiv,
    floorMod,
    isoDate,
    isoTime,
    lenientEpochDay,
    lenientWallMs
} from './calendar';
import { type ZoneLike, epochToWall, wallToEpoch } from './zones';

// ---------------------------------------------------------------------------------------------------------
// Construction helpers.

/** Date.newInstance(year, month, day), lenient as Apex is: (2024, 2, 30) is 2024-03-01. */
export function dateOf(year: number, month: number, day: number): ApexDate {
    return new ApexDate(lenientEpochDay(year, month, day));
}

/** Time.newInstance: milliseconds since midnight, wrapped into one day like the Time add methods. */
export function timeOf(hour: number, minute: number, second: number, millisecond: number): ApexTime {
    return new ApexTime(
        floorMod(hour * MS_PER_HOUR + minute * MS_PER_MINUTE + second * 1000 + millisecond, MS_PER_DAY)
    );
}

export function datetimeGmt(
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    ms = 0
): ApexDatetime {
    return new ApexDatetime(lenientWallMs(year, month, day, hour, minute, second, ms));
}

/** A local date and time in `zone` (Datetime.newInstance in the user's time zone). */
export function datetimeLocal(
    zone: ZoneLike,
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    ms = 0
): ApexDatetime {
    return new ApexDatetime(wallToEpoch(zone, lenientWallMs(year, month, day, hour, minute, second, ms)));
}

/**
 * The implicit and explicit cast of a Date to a Datetime: midnight GMT, not the user's midnight (Apex Reference,
 * "Datetime Class": the time component is "zeroed out"; Salesforce StackExchange 281180, "Datetime conversion from
 * Date vs explicit midnight": the cast "sets it to midnight GMT").
 */
export function dateToDatetime(date: ApexDate): ApexDatetime {
    return new ApexDatetime(date.epochDay * MS_PER_DAY);
}

/** The date of a Datetime in `zone` (Datetime.date() with the user's zone, dateGmt() with 'GMT'). */
export function datetimeToDate(datetime: ApexDatetime, zone: ZoneLike): ApexDate {
    return new ApexDate(floorDiv(epochToWall(zone, datetime.epochMs), MS_PER_DAY));
}

// ---------------------------------------------------------------------------------------------------------
// String.valueOf, concatenation and System.debug.

/** String.valueOf(Date): 'yyyy-MM-dd' (Apex Reference, "String Class", valueOf(dateToConvert)). */
export function stringOfDate(date: ApexDate): string {
    return isoDate(date.epochDay);
}

/**
 * A Date in string concatenation and System.debug: 'yyyy-MM-dd 00:00:00' (the debug output quoted in "Date.parse
 * and valueOf", https://qiita.com/panxl/items/d70ae633fd5eb123d612: `'parse = ' + d1` prints
 * 'parse = 2000-01-01 00:00:00').
 */
export function concatStringOfDate(date: ApexDate): string {
    return `${isoDate(date.epochDay)} 00:00:00`;
}

/**
 * String.valueOf(Datetime): 'yyyy-MM-dd HH:mm:ss' in the user's time zone (Apex Reference, "String Class",
 * valueOf(datetimeToConvert): "in the standard “yyyy-MM-dd HH:mm:ss” format for the local time zone").
 */
export function stringOfDatetime(datetime: ApexDatetime, timeZone: ZoneLike): string {
    return gmtText(epochToWall(timeZone, datetime.epochMs));
}

/**
 * 'yyyy-MM-dd HH:mm:ss' in GMT: String.valueOfGmt, and a Datetime in string concatenation and System.debug
 * ("Working with datetimes", https://albasfdc.com/2016/03/28/working-with-datetimes/: "Concatenating a datetime
 * object with a string will print GMT datetime, while String.valueOf function will print your time zone").
 */
export function stringOfDatetimeGmt(datetime: ApexDatetime): string {
    return gmtText(datetime.epochMs);
}

function gmtText(wallMs: number): string {
    return `${isoDate(floorDiv(wallMs, MS_PER_DAY))} ${isoTime(floorMod(wallMs, MS_PER_DAY), false)}`;
}

/** A Time in String.valueOf, concatenation and System.debug: 'HH:mm:ss.SSSZ' (System.debug prints 15:30:45.000Z). */
export function stringOfTime(time: ApexTime): string {
    return `${isoTime(time.msOfDay, true)}Z`;
}

// ---------------------------------------------------------------------------------------------------------
// JSON.

export function dateToJson(date: ApexDate): string {
    return isoDate(date.epochDay);
}

/** JSON.serialize(Datetime): GMT with milliseconds, '2018-06-24T21:05:07.899Z' (Salesforce StackExchange 222601). */
export function datetimeToJson(datetime: ApexDatetime): string {
    const ms = datetime.epochMs;
    return `${isoDate(floorDiv(ms, MS_PER_DAY))}T${isoTime(floorMod(ms, MS_PER_DAY), true)}Z`;
}

/** JSON.serialize(Time): '10:10:10.010Z' (Salesforce StackExchange 220809). */
export function timeToJson(time: ApexTime): string {
    return stringOfTime(time);
}

// ISO 8601 as Joda-Time's ISODateTimeFormat.dateTimeParser reads it, which Salesforce's JSON parser behaves like:
// a bare year is a date (JSON.deserialize('96598', Datetime.class) is 96598-01-01, Salesforce StackExchange 339236),
// the time, seconds and fraction are optional, and a value without an offset is GMT (StackExchange 316124,
// "JSON.deserialize converts to GMT by default").
const ISO_DATETIME =
    /^([+-]?\d{1,9})(?:-(\d{2})(?:-(\d{2}))?)?(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/;

function offsetMs(zone: string | undefined): number {
    if (!zone || zone === 'Z') return 0;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return sign * (Number(digits.slice(0, 2)) * MS_PER_HOUR + Number(digits.slice(2) || '0') * MS_PER_MINUTE);
}

function parseIso(text: string): number | undefined {
    const m = ISO_DATETIME.exec(text);
    if (!m) return undefined;
    const year = Number(m[1]);
    const month = m[2] === undefined ? 1 : Number(m[2]);
    const day = m[3] === undefined ? 1 : Number(m[3]);
    const hour = m[4] === undefined ? 0 : Number(m[4]);
    const minute = m[5] === undefined ? 0 : Number(m[5]);
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const millis = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
    if (hour > 23 || minute > 59 || second > 59) return undefined;
    const wall = daysFromCivil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE;
    return wall + second * 1000 + millis - offsetMs(m[8]);
}

function cannotDeserialize(type: string, text: string): never {
    // The wording Salesforce uses when a JSON string does not convert (quoted for Time in StackExchange 220809).
    return raise(
        'JSONException',
        `Cannot deserialize instance of ${type} from VALUE_STRING value ${text} or request may be missing a required field`
    );
}

/** A JSON string read as a Datetime: ISO 8601 with 'Z', an offset or none (GMT), with or without milliseconds. */
export function parseJsonDatetime(text: string): ApexDatetime {
    const ms = parseIso(text);
    return ms === undefined ? cannotDeserialize('datetime', text) : new ApexDatetime(ms);
}

/** A JSON string read as a Date: 'yyyy-MM-dd', or an ISO datetime whose GMT date is taken. */
export function parseJsonDate(text: string): ApexDate {
    const ms = parseIso(text);
    return ms === undefined ? cannotDeserialize('date', text) : new ApexDate(floorDiv(ms, MS_PER_DAY));
}

/** A JSON string read as a Time: 'HH:mm', 'HH:mm:ss' or 'HH:mm:ss.SSS', with an optional 'Z'. */
export function parseJsonTime(text: string): ApexTime {
    const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?Z?$/.exec(text);
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return cannotDeserialize('time', text);
    return timeOf(Number(m[1]), Number(m[2]), Number(m[3] ?? 0), Number((m[4] ?? '0').padEnd(3, '0')));
}

// ---------------------------------------------------------------------------------------------------------
// Date.valueOf(String) and Datetime.valueOf(String): "the standard date format “yyyy-MM-dd HH:mm:ss”" (Apex
// Reference, "Date Class" and "Datetime Class"). Single-digit fields are accepted ('2008-10-5 12:20:20' is the
// documented example) and values roll over as in Date.newInstance.

const VALUE_OF = /^(\d{1,4})-(\d{1,2})-(\d{1,2})(?:[ ](\d{1,2}):(\d{1,2}):(\d{1,2}))?$/;

/** Date.valueOf(String): the date part of 'yyyy-MM-dd' or 'yyyy-MM-dd HH:mm:ss'; TypeException otherwise. */
export function parseDateValueOf(text: string): ApexDate {
    const m = VALUE_OF.exec(text.trim());
    if (!m) return raise('TypeException', `Invalid date: ${text}`);
    return dateOf(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** Datetime.valueOf(String) in `zone` (valueOfGmt with 'GMT'): 'yyyy-MM-dd HH:mm:ss'; TypeException otherwise. */
export function parseDatetimeValueOf(text: string, zone: ZoneLike): ApexDatetime {
    const m = VALUE_OF.exec(text.trim());
    if (!m || m[4] === undefined) return raise('TypeException', `Invalid date/time: ${text}`);
    const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
    return datetimeLocal(zone, year, month, day, hour, minute, second);
}

// ---------------------------------------------------------------------------------------------------------
// Literals in SOQL text (SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE",
// https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm):
// a date is YYYY-MM-DD; a dateTime is YYYY-MM-DDThh:mm:ss followed by Z, +hh:mm or -hh:mm.

/** A SOQL date literal, or null when `text` is not one (the caller reports the query error). */
export function parseSoqlDate(text: string): ApexDate | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) return null;
    const [year, month, day] = m.slice(1).map(Number);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return new ApexDate(daysFromCivil(year, month, day));
}

/** A SOQL dateTime literal, or null when `text` is not one. Fractional seconds are accepted too. */
export function parseSoqlDatetime(text: string): ApexDatetime | null {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/.test(text)) return null;
    const ms = parseIso(text);
    return ms === undefined ? null : new ApexDatetime(ms);
}
