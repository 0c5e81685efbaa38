// Reading the arguments and receivers the interpreter hands to the Date, Datetime, Time and TimeZone members.
// The interpreter has already matched the parameter types; these only unwrap the values and turn a null
// argument into the NullPointerException Apex throws for it.
import { raise } from '../errors';
import type { NativeContext } from '../native';
import { type ApexValue, ApexDate, ApexDatetime, ApexDecimal, ApexDouble, ApexLong, ApexTime } from '../values';
import { type Zone, resolveZone } from './zones';

function nullArgument(): never {
    return raise('NullPointerException', 'Argument cannot be null.');
}

/** An Integer argument (a Long is accepted too, for newInstance(Long) and lenient callers). */
export function intArg(value: ApexValue): number {
    if (typeof value === 'number') return value;
    if (value instanceof ApexLong) return Number(value.value);
    if (value === null || value === undefined) return nullArgument();
    return raise('TypeException', `Expected an Integer, got ${runtimeTypeName(value)}`);
}

export function stringArg(value: ApexValue): string {
    if (typeof value === 'string') return value;
    if (value === null || value === undefined) return nullArgument();
    return raise('TypeException', `Expected a String, got ${runtimeTypeName(value)}`);
}

export function dateArg(value: ApexValue): ApexDate {
    if (value instanceof ApexDate) return value;
    if (value === null || value === undefined) return nullArgument();
    return raise('TypeException', `Expected a Date, got ${runtimeTypeName(value)}`);
}

export function datetimeArg(value: ApexValue): ApexDatetime {
    if (value instanceof ApexDatetime) return value;
    if (value === null || value === undefined) return nullArgument();
    return raise('TypeException', `Expected a Datetime, got ${runtimeTypeName(value)}`);
}

export function timeArg(value: ApexValue): ApexTime {
    if (value instanceof ApexTime) return value;
    if (value === null || value === undefined) return nullArgument();
    return raise('TypeException', `Expected a Time, got ${runtimeTypeName(value)}`);
}

/** The Apex name of a runtime value's type, for "Invalid conversion from runtime type X to Date". */
export function runtimeTypeName(value: ApexValue): string {
    if (typeof value === 'string') return 'String';
    if (typeof value === 'number') return 'Integer';
    if (typeof value === 'boolean') return 'Boolean';
    if (value instanceof ApexLong) return 'Long';
    if (value instanceof ApexDouble) return 'Double';
    if (value instanceof ApexDecimal) return 'Decimal';
    if (value instanceof ApexDate) return 'Date';
    if (value instanceof ApexDatetime) return 'Datetime';
    if (value instanceof ApexTime) return 'Time';
    return 'Object';
}

/** The running user's time zone (User.TimeZoneSidKey). */
export function userZone(ctx: NativeContext): Zone {
    return resolveZone(ctx.userTimeZone);
}
