// Time zones as Apex sees them: the IDs of java.util.TimeZone (Apex Reference, "TimeZone Class": "any valid
// time zone values that the Java TimeZone class supports"), with the zone rules taken from the tz database that
// Node's Intl carries. Local <-> UTC conversion follows java.util.GregorianCalendar, which Apex runs on.
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, daysFromCivil, floorDiv, pad } from './calendar';

export interface Zone {
    /** The ID Java reports (TimeZone.getID()): as asked for, or 'GMT+05:30' for a custom offset, 'GMT' when unknown. */
    readonly id: string;
    /** tz database name whose rules apply, or null for a fixed offset. */
    readonly iana: string | null;
    /** Offset in ms when `iana` is null. */
    readonly fixedOffset: number;
}

export const GMT: Zone = { id: 'GMT', iana: null, fixedOffset: 0 };

// java.time.ZoneId.SHORT_IDS, the three-letter IDs java.util.TimeZone still accepts. EST, MST and HST are fixed
// offsets in java.util.TimeZone, as in the tz database, so Intl resolves those itself.
const JAVA_SHORT_IDS: Readonly<Record<string, string>> = {
    ACT: 'Australia/Darwin',
    AET: 'Australia/Sydney',
    AGT: 'America/Argentina/Buenos_Aires',
    ART: 'Africa/Cairo',
    AST: 'America/Anchorage',
    BET: 'America/Sao_Paulo',
    BST: 'Asia/Dhaka',
    CAT: 'Africa/Harare',
    CNT: 'America/St_Johns',
    CST: 'America/Chicago',
    CTT: 'Asia/Shanghai',
    EAT: 'Africa/Addis_Ababa',
    ECT: 'Europe/Paris',
    IET: 'America/Indiana/Indianapolis',
    IST: 'Asia/Kolkata',
    JST: 'Asia/Tokyo',
    MIT: 'Pacific/Apia',
    NET: 'Asia/Yerevan',
    NST: 'Pacific/Auckland',
    PLT: 'Asia/Karachi',
    PNT: 'America/Phoenix',
    PRT: 'America/Puerto_Rico',
    PST: 'America/Los_Angeles',
    SST: 'Pacific/Guadalcanal',
    VST: 'Asia/Ho_Chi_Minh'
};

const zoneCache = new Map<string, Zone>();

function ianaExists(name: string): boolean {
    // java.util.TimeZone IDs are case-sensitive; tz database names capitalise every segment.
    if (!name.split('/').every((segment) => /^[A-Z]/.test(segment))) return false;
    try {
        new Intl.DateTimeFormat('en-US', { timeZone: name });
        return true;
    } catch {
        return false;
    }
}

/** A custom ID as java.util.TimeZone parses it: GMT+h, GMT+hh, GMT+hh:mm, GMT+hhmm; normalised to GMT+hh:mm. */
function customZone(id: string): Zone | undefined {
    const m = /^GMT([+-])(\d{1,2})(?::(\d{2}))?$/.exec(id) ?? /^GMT([+-])(\d{2})(\d{2})$/.exec(id);
    return m ? fixedZone(m[1], Number(m[2]), m[3] === undefined ? 0 : Number(m[3])) : undefined;
}

function fixedZone(sign: string, hours: number, minutes: number): Zone | undefined {
    if (hours > 23 || minutes > 59) return undefined;
    const offset = (sign === '-' ? -1 : 1) * (hours * MS_PER_HOUR + minutes * MS_PER_MINUTE);
    return { id: `GMT${sign}${pad(hours, 2)}:${pad(minutes, 2)}`, iana: null, fixedOffset: offset };
}

/**
 * java.util.TimeZone.getTimeZone(id): an unknown ID gives GMT rather than an error (Java SE API, TimeZone;
 * Apex Reference, Datetime.format(dateFormatString, timezone): "If the supplied time zone is not in the correct
 * format, GMT is used").
 */
export function resolveZone(id: string): Zone {
    const cached = zoneCache.get(id);
    if (cached) return cached;
    let zone: Zone;
    if (id === 'GMT') zone = GMT;
    else if (id.startsWith('GMT+') || id.startsWith('GMT-')) zone = customZone(id) ?? GMT;
    else if (Object.hasOwn(JAVA_SHORT_IDS, id)) zone = { id, iana: JAVA_SHORT_IDS[id], fixedOffset: 0 };
    else if (ianaExists(id)) zone = { id, iana: id, fixedOffset: 0 };
    else zone = GMT;
    zoneCache.set(id, zone);
    return zone;
}

export type ZoneLike = Zone | string;

function zoneOf(zone: ZoneLike): Zone {
    return typeof zone === 'string' ? resolveZone(zone) : zone;
}

const wallFormatters = new Map<string, Intl.DateTimeFormat>();

function wallFormatter(iana: string): Intl.DateTimeFormat {
    let formatter = wallFormatters.get(iana);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat('en-US', {
            timeZone: iana,
            hourCycle: 'h23',
            era: 'short',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric'
        });
        wallFormatters.set(iana, formatter);
    }
    return formatter;
}

/** Offset from UTC, in ms, in effect at the instant `epochMs` (TimeZone.getOffset(long) in Java). */
export function offsetAt(zone: ZoneLike, epochMs: number): number {
    const z = zoneOf(zone);
    if (z.iana === null) return z.fixedOffset;
    const wholeSecond = floorDiv(epochMs, 1000) * 1000;
    const parts: Record<string, string> = {};
    for (const part of wallFormatter(z.iana).formatToParts(new Date(wholeSecond))) parts[part.type] = part.value;
    const yearOfEra = Number(parts.year);
    const year = parts.era === 'BC' || parts.era === 'B' ? 1 - yearOfEra : yearOfEra;
    const wall =
        daysFromCivil(year, Number(parts.month), Number(parts.day)) * MS_PER_DAY +
        Number(parts.hour) * MS_PER_HOUR +
        Number(parts.minute) * MS_PER_MINUTE +
        Number(parts.second) * 1000;
    return wall - wholeSecond;
}

/** The local wall time (ms, counted as if UTC) that the instant `epochMs` shows in `zone`. */
export function epochToWall(zone: ZoneLike, epochMs: number): number {
    return epochMs + offsetAt(zone, epochMs);
}

/**
 * The instant a local wall time names in `zone`. Like java.util.GregorianCalendar (whose computeTime "assumes
 * standard time" on both sides of a daylight-saving change): a time skipped by the spring-forward gap is read
 * with the offset before the gap (2:30 becomes 3:30 daylight time), and a time repeated by the fall-back overlap
 * is read with the offset after it (the second, standard-time occurrence).
 */
export function wallToEpoch(zone: ZoneLike, wallMs: number): number {
    const z = zoneOf(zone);
    if (z.iana === null) return wallMs - z.fixedOffset;
    const before = offsetAt(z, wallMs - MS_PER_DAY);
    const after = offsetAt(z, wallMs + MS_PER_DAY);
    const valid = [...new Set([before, after, offsetAt(z, wallMs - before)])].filter(
        (offset) => offsetAt(z, wallMs - offset) === offset
    );
    if (valid.length === 0) return wallMs - before;
    return wallMs - Math.min(...valid);
}

/** '+05:30' style, as SimpleDateFormat's XXX and Java's custom zone IDs write offsets. */
export function offsetText(offsetMs: number, separator: string): string {
    const sign = offsetMs < 0 ? '-' : '+';
    const minutes = floorDiv(Math.abs(offsetMs), MS_PER_MINUTE);
    return `${sign}${pad(floorDiv(minutes, 60), 2)}${separator}${pad(minutes % 60, 2)}`;
}

// Zone names. Java takes them from CLDR plus its own English table; Intl has only CLDR, whose en-US data lacks
// abbreviations such as CET or IST. Trying the English locales that carry them gets Java's English names for the
// common zones; what none of them has falls back, as Java does, to 'GMT+05:30'.
const NAME_LOCALES = ['en-US', 'en-GB', 'en-AU', 'en-IN', 'en-NZ'];
const nameFormatters = new Map<string, Intl.DateTimeFormat>();

function intlZoneName(iana: string, epochMs: number, style: 'short' | 'long', locale: string): string {
    const key = `${iana}|${style}|${locale}`;
    let formatter = nameFormatters.get(key);
    if (!formatter) {
        formatter = new Intl.DateTimeFormat(locale, { timeZone: iana, timeZoneName: style });
        nameFormatters.set(key, formatter);
    }
    return formatter.formatToParts(new Date(epochMs)).find((part) => part.type === 'timeZoneName')?.value ?? '';
}

function isOffsetName(name: string): boolean {
    return /^(GMT|UTC)[+\-\u2212]/.test(name) || name === '';
}

function utcLike(z: Zone): 'UTC' | 'GMT' | undefined {
    if (z.iana === null) return z.fixedOffset === 0 && z.id === 'GMT' ? 'GMT' : undefined;
    if (['UTC', 'Etc/UTC', 'Etc/UCT', 'UCT', 'Etc/Universal', 'Universal', 'Etc/Zulu', 'Zulu'].includes(z.iana)) {
        return 'UTC';
    }
    if (['Etc/GMT', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'Etc/Greenwich', 'GMT0', 'Greenwich'].includes(z.iana)) {
        return 'GMT';
    }
    return undefined;
}

/** SimpleDateFormat 'z': 'PST', 'PDT', 'CET', 'GMT', or 'GMT+05:30' where English has no abbreviation. */
export function shortZoneName(zone: ZoneLike, epochMs: number): string {
    const z = zoneOf(zone);
    const special = utcLike(z);
    if (special) return special;
    if (z.iana === null) return `GMT${offsetText(z.fixedOffset, ':')}`;
    for (const locale of NAME_LOCALES) {
        const name = intlZoneName(z.iana, epochMs, 'short', locale);
        if (!isOffsetName(name)) return name;
    }
    return `GMT${offsetText(offsetAt(z, epochMs), ':')}`;
}

/** SimpleDateFormat 'zzzz': 'Pacific Standard Time', 'British Summer Time', 'Coordinated Universal Time'. */
export function longZoneName(zone: ZoneLike, epochMs: number): string {
    const z = zoneOf(zone);
    const special = utcLike(z);
    if (special === 'UTC') return 'Coordinated Universal Time';
    if (special === 'GMT') return 'Greenwich Mean Time';
    if (z.iana === null) return `GMT${offsetText(z.fixedOffset, ':')}`;
    const name = intlZoneName(z.iana, epochMs, 'long', 'en-US');
    return isOffsetName(name) ? `GMT${offsetText(offsetAt(z, epochMs), ':')}` : name;
}
