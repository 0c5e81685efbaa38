// Proleptic Gregorian calendar arithmetic on plain numbers: days since 1970-01-01 ("epoch days") and
// milliseconds of "wall time" (a local date and time counted as if it were UTC). Everything time-zone
// dependent lives in zones.ts; everything here is exact integer arithmetic.
//
// Java's GregorianCalendar (which Apex runs on) switches to the Julian calendar before 1582-10-15; dates that
// old never occur in Salesforce data (Date fields hold 1700..4000), so the proleptic calendar is used throughout.

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60_000;
export const MS_PER_HOUR = 3_600_000;
export const MS_PER_DAY = 86_400_000;

export function floorDiv(a: number, b: number): number {
    return Math.floor(a / b);
}

export function floorMod(a: number, b: number): number {
    return a - Math.floor(a / b) * b;
}

export interface CivilDate {
    readonly year: number;
    /** 1 = January. */
    readonly month: number;
    readonly day: number;
}

export interface WallFields extends CivilDate {
    readonly hour: number;
    readonly minute: number;
    readonly second: number;
    readonly millisecond: number;
}

// Days from civil and back: Howard Hinnant's algorithms ("chrono-compatible low-level date algorithms"),
// exact for every year because they work in 400-year eras.
export function daysFromCivil(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = floorDiv(y, 400);
    const yoe = y - era * 400;
    const mp = (month + 9) % 12;
    const doy = floorDiv(153 * mp + 2, 5) + day - 1;
    const doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
    return era * 146097 + doe - 719468;
}

export function civilFromDays(epochDay: number): CivilDate {
    const z = epochDay + 719468;
    const era = floorDiv(z, 146097);
    const doe = z - era * 146097;
    const yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
    const doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
    const mp = floorDiv(5 * doy + 2, 153);
    const day = doy - floorDiv(153 * mp + 2, 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
    return month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1];
}

/** Day of the week as java.util.Calendar numbers it: 1 = Sunday ... 7 = Saturday. */
export function dayOfWeek(epochDay: number): number {
    // 1970-01-01 was a Thursday (5).
    return floorMod(epochDay + 4, 7) + 1;
}

export function dayOfYear(epochDay: number): number {
    const { year } = civilFromDays(epochDay);
    return epochDay - daysFromCivil(year, 1, 1) + 1;
}

/**
 * Apex's lenient construction: out-of-range months and days roll into the next unit, so
 * Date.newInstance(2016, 27, 7) is 2018-03-07 and Date.newInstance(2024, 3, 0) is 2024-02-29
 * (Salesforce StackExchange "Date.newInstance bug", https://salesforce.stackexchange.com/questions/167737).
 */
export function lenientEpochDay(year: number, month: number, day: number): number {
    const months = year * 12 + (month - 1);
    return daysFromCivil(floorDiv(months, 12), floorMod(months, 12) + 1, 1) + day - 1;
}

/** Adds months keeping the day of month, clamped to the end of a shorter month (Jan 31 + 1 month = Feb 28/29). */
export function addMonthsToCivil(date: CivilDate, months: number): CivilDate {
    const total = date.year * 12 + (date.month - 1) + months;
    const year = floorDiv(total, 12);
    const month = floorMod(total, 12) + 1;
    return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

export function addMonthsToEpochDay(epochDay: number, months: number): number {
    const civil = addMonthsToCivil(civilFromDays(epochDay), months);
    return daysFromCivil(civil.year, civil.month, civil.day);
}

/** Whole months from `a` to `b`, ignoring the days of the month (Apex Date.monthsBetween). */
export function monthsBetween(a: number, b: number): number {
    const from = civilFromDays(a);
    const to = civilFromDays(b);
    return (to.year - from.year) * 12 + (to.month - from.month);
}

export function wallFieldsOf(wallMs: number): WallFields {
    const epochDay = floorDiv(wallMs, MS_PER_DAY);
    const msOfDay = wallMs - epochDay * MS_PER_DAY;
    return {
        ...civilFromDays(epochDay),
        hour: floorDiv(msOfDay, MS_PER_HOUR),
        minute: floorDiv(msOfDay, MS_PER_MINUTE) % 60,
        second: floorDiv(msOfDay, MS_PER_SECOND) % 60,
        millisecond: msOfDay % 1000
    };
}

/** Wall milliseconds from fields; like java.util.Calendar in lenient mode, every field may overflow. */
export function lenientWallMs(
    year: number,
    month: number,
    day: number,
    hour = 0,
    minute = 0,
    second = 0,
    millisecond = 0
): number {
    return (
        lenientEpochDay(year, month, day) * MS_PER_DAY +
        hour * MS_PER_HOUR +
        minute * MS_PER_MINUTE +
        second * MS_PER_SECOND +
        millisecond
    );
}

export function pad(value: number, width: number): string {
    const digits = String(Math.abs(value)).padStart(width, '0');
    return value < 0 ? `-${digits}` : digits;
}

/** 'yyyy-MM-dd' of an epoch day. */
export function isoDate(epochDay: number): string {
    const { year, month, day } = civilFromDays(epochDay);
    return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** 'HH:mm:ss' (and '.SSS' when asked) of milliseconds since midnight. */
export function isoTime(msOfDay: number, withMillis: boolean): string {
    const f = wallFieldsOf(floorMod(msOfDay, MS_PER_DAY));
    const base = `${pad(f.hour, 2)}:${pad(f.minute, 2)}:${pad(f.second, 2)}`;
    return withMillis ? `${base}.${pad(f.millisecond, 3)}` : base;
}
