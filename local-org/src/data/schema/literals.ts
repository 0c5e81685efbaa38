// Apex values from the text metadata holds them in: custom metadata values, field defaults, formula literals.
// The forms are those of XML Schema (xsd:decimal, xsd:date, xsd:dateTime), which is what the Metadata API writes.
import { ApexDate, ApexDatetime, ApexDecimal } from '../../runtime/values';

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** A decimal literal ('12', '-0.50', '1e3') as an ApexDecimal keeping its scale; undefined when it is not one. */
export function parseDecimal(text: string): ApexDecimal | undefined {
    const match = DECIMAL.exec(text.trim());
    if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
    const [, sign, whole, fraction = '', exponent = '0'] = match;
    let unscaled = BigInt(`${whole}${fraction}` || '0');
    let scale = fraction.length - Number(exponent);
    if (scale < 0) {
        unscaled *= 10n ** BigInt(-scale);
        scale = 0;
    }
    return new ApexDecimal(sign === '-' ? -unscaled : unscaled, scale);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' as an ApexDate; undefined when it is not a real calendar date. */
export function parseDate(text: string): ApexDate | undefined {
    const match = DATE.exec(text.trim());
    if (!match) return undefined;
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    const check = new Date(ms);
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
        return undefined;
    }
    return new ApexDate(Math.round(ms / 86_400_000));
}

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** An xsd:dateTime ('2024-01-01T09:05:00.000Z'; no zone means UTC) as an ApexDatetime. */
export function parseDatetime(text: string): ApexDatetime | undefined {
    const trimmed = text.trim();
    if (!DATETIME.test(trimmed)) return undefined;
    const zoned = /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed) ? trimmed : `${trimmed}Z`;
    const ms = Date.parse(zoned);
    return Number.isNaN(ms) ? undefined : new ApexDatetime(ms);
}

/** 'true'/'false' in any case, as metadata writes booleans; undefined for anything else. */
export function parseBoolean(text: string): boolean | undefined {
    const lower = text.trim().toLowerCase();
    return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Rescales a decimal to `scale` digits after the point, rounding half up (Number field storage). */
export function withScale(value: ApexDecimal, scale: number): ApexDecimal {
    if (value.scale === scale) return value;
    if (value.scale < scale) return new ApexDecimal(value.unscaled * 10n ** BigInt(scale - value.scale), scale);
    const divisor = 10n ** BigInt(value.scale - scale);
    const quotient = value.unscaled / divisor;
    const remainder = value.unscaled % divisor;
    const roundAway = (remainder < 0n ? -remainder : remainder) * 2n >= divisor;
    return new ApexDecimal(roundAway ? quotient + (value.unscaled < 0n ? -1n : 1n) : quotient, scale);
}
