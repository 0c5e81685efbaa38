// How formula operators treat Apex values: blanks, equality, ordering, text conversion, dates.
import { ApexDate, ApexDatetime, ApexDecimal, type ApexValue } from '../../../runtime/values';
import { compare, isNumeric, normalize, toDecimal, toPlainString } from './decimal';

/** A formula that fails while it runs (#Error! in an org): a wrong argument type, VALUE of a non-number... */
export class FormulaError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'FormulaError';
    }
}

/** Blank as ISBLANK sees it: null, or text with no characters (Salesforce stores empty text as null). */
export function isBlank(value: ApexValue): boolean {
    return value === null || value === undefined || value === '';
}

export function isTemporal(value: ApexValue): value is ApexDate | ApexDatetime {
    return value instanceof ApexDate || value instanceof ApexDatetime;
}

/** Equality of = and <>: blank text equals null; numbers compare by value whatever their Apex type. */
export function formulaEquals(a: ApexValue, b: ApexValue): boolean {
    if (isBlank(a) || isBlank(b)) return isBlank(a) && isBlank(b);
    if (isNumeric(a) && isNumeric(b)) return compare(toDecimal(a), toDecimal(b)) === 0;
    if (a instanceof ApexDate && b instanceof ApexDate) return a.epochDay === b.epochDay;
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return a.epochMs === b.epochMs;
    return a === b;
}

/** Ordering of < <= > >=; undefined when either side is blank or they cannot be compared. */
export function formulaCompare(a: ApexValue, b: ApexValue): number | undefined {
    if (isBlank(a) || isBlank(b)) return undefined;
    if (isNumeric(a) && isNumeric(b)) return compare(toDecimal(a), toDecimal(b));
    if (a instanceof ApexDate && b instanceof ApexDate) return Math.sign(a.epochDay - b.epochDay);
    if (a instanceof ApexDatetime && b instanceof ApexDatetime) return Math.sign(a.epochMs - b.epochMs);
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
    throw new FormulaError(`Cannot compare ${describeValue(a)} with ${describeValue(b)}`);
}

export function describeValue(value: ApexValue): string {
    if (value === null || value === undefined) return 'null';
    if (isNumeric(value)) return `number ${toPlainString(toDecimal(value))}`;
    if (value instanceof ApexDate) return `date ${dateText(value)}`;
    if (value instanceof ApexDatetime) return `date/time ${new Date(value.epochMs).toISOString()}`;
    if (typeof value === 'string') return `text "${value}"`;
    return typeof value;
}

/** The condition of IF, AND, OR, NOT and !: a Boolean; a blank condition counts as false. */
export function truth(value: ApexValue, where: string): boolean {
    if (value === null || value === undefined) return false;
    if (typeof value === 'boolean') return value;
    throw new FormulaError(`${where} needs a Boolean, not ${describeValue(value)}`);
}

export function dateText(value: ApexDate): string {
    return new Date(value.epochDay * 86_400_000).toISOString().slice(0, 10);
}

/**
 * TEXT() and the & operator's view of a value: numbers without trailing zeros, dates as YYYY-MM-DD, date/times as
 * 'YYYY-MM-DD HH:MM:SSZ' in GMT.
 * unconfirmed: both formats (not found in the pages searched), and that TEXT of a number drops trailing zeros.
 */
export function formulaText(value: ApexValue): string {
    if (value === null || value === undefined) return '';
    if (typeof value === 'string') return value;
    if (typeof value === 'boolean') return value ? 'true' : 'false';
    if (isNumeric(value)) return toPlainString(normalize(toDecimal(value)));
    if (value instanceof ApexDate) return dateText(value);
    if (value instanceof ApexDatetime)
        return `${new Date(value.epochMs).toISOString().slice(0, 19).replace('T', ' ')}Z`;
    throw new FormulaError(`Cannot convert ${describeValue(value)} to text`);
}

/** A decimal as a whole number of days, for date arithmetic. */
export function wholeDays(value: ApexDecimal): number {
    const n = Number(toPlainString(value));
    return n < 0 ? Math.ceil(n) : Math.floor(n);
}
