// format() of Integer, Long, Double and Decimal: "the String value ... using the locale of the context user"
// (Apex Reference, Integer/Long/Double/Decimal Class > format()). The examples: 22 -> '22', 4271990L ->
// '4,271,990', Double 1261992 -> '1,261,992', Decimal 12345.6789 -> '12,345.679' (en_US). That is Java's
// NumberFormat.getInstance(locale): grouping, at most three fraction digits, half-even rounding. Java takes its
// locale data from CLDR, as Intl does, so Intl.NumberFormat with those options gives the same text.
import type { ApexDecimal } from '../values';
import { decimalToPlainString } from './decimal';
import { javaDoubleToString } from './double';

const formats = new Map<string, Intl.NumberFormat>();

/** 'en_US' (User.LocaleSidKey) -> 'en-US'; an unknown locale falls back to en-US. */
function numberFormat(locale: string): Intl.NumberFormat {
    let format = formats.get(locale);
    if (!format) {
        const tag = locale.replace(/_/g, '-');
        // roundingMode is Intl.NumberFormat v3 (Node 20 has it; TypeScript's ES2022 lib does not declare it).
        const options = { maximumFractionDigits: 3, roundingMode: 'halfEven' } as Intl.NumberFormatOptions;
        try {
            format = new Intl.NumberFormat(tag, options);
        } catch {
            format = new Intl.NumberFormat('en-US', options);
        }
        formats.set(locale, format);
    }
    return format;
}

// Intl formats a decimal string exactly (no detour through a double), which Decimal and Long need.
type ExactFormat = (value: string) => string;

function formatText(text: string, locale: string): string {
    return (numberFormat(locale).format as unknown as ExactFormat)(text);
}

export function formatInteger(value: number | bigint, locale: string): string {
    return formatText(value.toString(), locale);
}

export function formatDouble(value: number, locale: string): string {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞'; // DecimalFormatSymbols' infinity sign
    return formatText(javaDoubleToString(value).replace('E', 'e'), locale);
}

export function formatDecimal(value: ApexDecimal, locale: string): string {
    return formatText(decimalToPlainString(value), locale);
}
