// Date arithmetic with + and - (Apex Developer Guide, "Expression Operators"): a Date plus an Integer adds
// days; a Datetime plus an Integer or a Decimal/Double adds days, a fraction being part of a day; a Time plus
// an Integer adds milliseconds.
import { numberToString, numericTypeOf } from '../runtime/numbers';
import { ApexDate, ApexDatetime, ApexTime, type ApexValue } from '../runtime/values';

const DAY_MS = 86_400_000;

function toJsNumber(value: ApexValue): number {
    return typeof value === 'number' ? value : Number(numberToString(value));
}

/** The result of `left op right` when left is a Date, Datetime or Time, else undefined. */
export function addToDate(left: ApexValue, right: ApexValue, op: '+' | '-'): ApexValue | undefined {
    if (!numericTypeOf(right)) return undefined;
    const sign = op === '+' ? 1 : -1;
    const amount = toJsNumber(right) * sign;
    if (left instanceof ApexDate) return new ApexDate(left.epochDay + Math.trunc(amount));
    if (left instanceof ApexDatetime) return new ApexDatetime(left.epochMs + Math.round(amount * DAY_MS));
    if (left instanceof ApexTime)
        return new ApexTime((((left.msOfDay + Math.trunc(amount)) % DAY_MS) + DAY_MS) % DAY_MS);
    return undefined;
}
