// Apex dates and times: the Date, Datetime, Time and TimeZone native types, and the pure conversions the
// interpreter, JSON and SOQL need (string forms, JSON forms, SOQL literals).
import type { NativeType } from '../native';
import { dateType } from './dateType';
import { datetimeType } from './datetimeType';
import { timeType } from './timeType';
import { timeZoneType } from './timeZoneType';

export const timeTypes: NativeType[] = [dateType, datetimeType, timeType, timeZoneType];

export { dateType, formatDate, parseDate, todayOf } from './dateType';
export { datetimeType, formatDatetime, parseDatetime } from './datetimeType';
export { timeType } from './timeType';
export { ApexTimeZone, displayName, timeZoneOf, timeZoneType } from './timeZoneType';
export {
    concatStringOfDate,
    dateOf,
    dateToDatetime,
    dateToJson,
    datetimeGmt,
    datetimeLocal,
    datetimeToDate,
    datetimeToJson,
    parseDateValueOf,
    parseDatetimeValueOf,
    parseJsonDate,
    parseJsonDatetime,
    parseJsonTime,
    parseSoqlDate,
    parseSoqlDatetime,
    stringOfDate,
    stringOfDatetime,
    stringOfDatetimeGmt,
    stringOfTime,
    timeOf,
    timeToJson
} from './strings';
export { soqlDateLiteralDays, soqlDateLiteralRange, startOfWeek } from './soqlLiterals';
export { resolveZone, offsetAt, epochToWall, wallToEpoch, type Zone } from './zones';
export { formatPattern } from './pattern';
export { SUPPORTED_FORMAT_LOCALES } from './locales';
