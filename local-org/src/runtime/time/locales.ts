// What a Salesforce locale (User.LocaleSidKey, 'en_US') decides about dates: the formats of Date.format(),
// Datetime.format(), Datetime.formatLong(), Date.parse() and Datetime.parse(), the first day of the week, and
// the month and day names SimpleDateFormat patterns print.
//
// Formats: Salesforce Help, "Salesforce Supported Locales and ICU Formats"
// (https://help.salesforce.com/s/articleView?id=xcloud.admin_locales_icu.htm): "We use ICU version 71.1, which
// uses the Unicode Common Locale Data Repository (CLDR) version 41". The patterns below are CLDR 41's short date,
// short time and long time, glued by CLDR 41's short dateTimeFormat, with the year written in full where CLDR has
// 'yy': the reference's en_US examples show four-digit years (Apex Reference, "Date Class", format(): '3/21/2001';
// "Datetime Class", format(): '6/6/1993, 3:03 AM', where CLDR's M/d/yy would print 6/6/93), and the same is
// assumed for the other locales. Node's own ICU is newer (CLDR 42 put a narrow no-break space before AM/PM, later
// versions changed some glues), so the patterns are written here rather than asked of Intl. A locale missing from
// this table fails loudly rather than guess.
import { unsupported } from '../errors';

export interface LocaleFormats {
    /** SimpleDateFormat pattern of Date.format(). */
    readonly shortDate: string;
    readonly shortTime: string;
    /** Time part of Datetime.formatLong(). */
    readonly longTime: string;
    /** How a date ({1}) and a time ({0}) combine. */
    readonly glue: string;
}

const FORMATS: Readonly<Record<string, LocaleFormats>> = {
    en_US: { shortDate: 'M/d/yyyy', shortTime: 'h:mm a', longTime: 'h:mm:ss a z', glue: '{1}, {0}' },
    en_GB: { shortDate: 'dd/MM/yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss z', glue: '{1}, {0}' },
    fr_FR: { shortDate: 'dd/MM/yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss z', glue: '{1} {0}' },
    es_ES: { shortDate: 'd/M/yyyy', shortTime: 'H:mm', longTime: 'H:mm:ss z', glue: '{1}, {0}' },
    de_DE: { shortDate: 'dd.MM.yyyy', shortTime: 'HH:mm', longTime: 'HH:mm:ss z', glue: '{1}, {0}' }
};

export const SUPPORTED_FORMAT_LOCALES: readonly string[] = Object.keys(FORMATS);

export function localeFormats(locale: string): LocaleFormats {
    if (!Object.hasOwn(FORMATS, locale)) unsupported(`date and time formats of the locale '${locale}'`);
    return FORMATS[locale];
}

function glue(formats: LocaleFormats, time: string): string {
    // Quote-free patterns, so plain substitution is safe.
    return formats.glue.replace('{1}', formats.shortDate).replace('{0}', time);
}

/** Pattern of Datetime.format() and Datetime.parse(). */
export function shortDateTimePattern(locale: string): string {
    const formats = localeFormats(locale);
    return glue(formats, formats.shortTime);
}

/** Pattern of Datetime.formatLong(): the short date with the long time (Apex Reference, "Datetime Class"). */
export function longDateTimePattern(locale: string): string {
    const formats = localeFormats(locale);
    return glue(formats, formats.longTime);
}

/** 'en_US' -> 'en-US'; 'sr_Latn_RS' -> 'sr-Latn-RS'. */
export function intlTag(locale: string): string {
    const tag = locale.replace(/_/g, '-');
    try {
        return Intl.getCanonicalLocales(tag)[0] ?? 'en-US';
    } catch {
        return 'en-US';
    }
}

export interface WeekRules {
    /** First day of the week in java.util.Calendar numbering: 1 = Sunday, 2 = Monday ... 7 = Saturday. */
    readonly firstDay: number;
    /** Days the first week of a year must have (Calendar.getMinimalDaysInFirstWeek). */
    readonly minimalDays: number;
}

interface IntlWeekInfo {
    readonly firstDay: number;
    readonly minimalDays: number;
}

interface LocaleWithWeekInfo {
    getWeekInfo?: () => IntlWeekInfo;
    weekInfo?: IntlWeekInfo;
}

const weekRuleCache = new Map<string, WeekRules>();

/**
 * Week rules from CLDR (Intl.Locale weekInfo): Sunday for en_US, Monday for the European locales, as the Apex
 * Reference, "Date Class", toStartOfWeek() says ("Sunday in the United States locale, and Monday in European
 * locales"). Salesforce aligned the start day of 116 ICU locales with CLDR in Summer '23 (Salesforce Help,
 * knowledge article 000395777); Node's CLDR may still differ from Salesforce's for a few locales.
 */
export function weekRules(locale: string): WeekRules {
    let rules = weekRuleCache.get(locale);
    if (!rules) {
        const intlLocale = new Intl.Locale(intlTag(locale)) as unknown as LocaleWithWeekInfo;
        const info = intlLocale.getWeekInfo?.() ?? intlLocale.weekInfo ?? { firstDay: 7, minimalDays: 1 };
        rules = { firstDay: (info.firstDay % 7) + 1, minimalDays: info.minimalDays };
        weekRuleCache.set(locale, rules);
    }
    return rules;
}

export interface LocaleNames {
    readonly monthsShort: readonly string[];
    readonly monthsLong: readonly string[];
    /** Index 0 = Sunday. */
    readonly weekdaysShort: readonly string[];
    readonly weekdaysLong: readonly string[];
    readonly am: string;
    readonly pm: string;
    readonly eras: readonly [string, string];
}

const nameCache = new Map<string, LocaleNames>();

function part(
    tag: string,
    options: Intl.DateTimeFormatOptions,
    utcMs: number,
    type: Intl.DateTimeFormatPartTypes
): string {
    const formatter = new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' });
    return formatter.formatToParts(new Date(utcMs)).find((p) => p.type === type)?.value ?? '';
}

/**
 * Month and day names from CLDR through Intl, in the form SimpleDateFormat's 'MMM' and 'EEE' use (a month name
 * taken from a formatted date, so languages that inflect it get the format form, not the stand-alone one).
 */
export function localeNames(locale: string): LocaleNames {
    let names = nameCache.get(locale);
    if (!names) {
        const tag = intlTag(locale);
        const month = (m: number, style: 'short' | 'long'): string =>
            part(tag, { day: 'numeric', month: style }, Date.UTC(2001, m, 15), 'month');
        // 2001-01-07 was a Sunday.
        const weekday = (d: number, style: 'short' | 'long'): string =>
            part(tag, { weekday: style }, Date.UTC(2001, 0, 7 + d), 'weekday');
        const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);
        names = {
            monthsShort: range(12).map((m) => month(m, 'short')),
            monthsLong: range(12).map((m) => month(m, 'long')),
            weekdaysShort: range(7).map((d) => weekday(d, 'short')),
            weekdaysLong: range(7).map((d) => weekday(d, 'long')),
            am: part(tag, { hour: 'numeric', hourCycle: 'h12' }, Date.UTC(2001, 0, 1, 9), 'dayPeriod'),
            pm: part(tag, { hour: 'numeric', hourCycle: 'h12' }, Date.UTC(2001, 0, 1, 21), 'dayPeriod'),
            eras: [
                part(tag, { era: 'short', year: 'numeric' }, Date.UTC(-100, 0, 1), 'era'),
                part(tag, { era: 'short', year: 'numeric' }, Date.UTC(2001, 0, 1), 'era')
            ]
        };
        nameCache.set(locale, names);
    }
    return names;
}
