// Helpers for declaring native methods: reading Apex argument values and building results.
import { raise } from '../errors';
import { method, type NativeContext, type NativeMethod } from '../native';
import { ApexBlob, ApexList, type ApexValue, type TypeRef } from '../values';
import { NULL_ARGUMENT } from './javaChars';

type Call = (args: ApexValue[], ctx: NativeContext, self: ApexValue) => ApexValue;

/** One overload: parameter type names, result type name, implementation. */
export const m = (params: readonly string[], returns: string, call: Call): NativeMethod =>
    method(params, returns, call);

/** A String argument, or null. The interpreter has checked the type already. */
export function str(value: ApexValue): string | null {
    return value === null || value === undefined ? null : (value as string);
}

/** A String argument that must not be null (NullPointerException, as for Java String methods). */
export function reqStr(value: ApexValue): string {
    if (value === null || value === undefined) raise('NullPointerException', NULL_ARGUMENT);
    return value as string;
}

/** An Integer argument; null is a NullPointerException, as unboxing a null Integer is in Apex. */
export function int(value: ApexValue): number {
    if (value === null || value === undefined) raise('NullPointerException', NULL_ARGUMENT);
    return value as number;
}

export function bool(value: ApexValue): boolean {
    if (value === null || value === undefined) raise('NullPointerException', NULL_ARGUMENT);
    return value as boolean;
}

/** The bytes of a Blob argument that must not be null. */
export function bytesOf(value: ApexValue): Uint8Array {
    if (!(value instanceof ApexBlob)) raise('NullPointerException', NULL_ARGUMENT);
    return value.bytes;
}

export function blob(bytes: Uint8Array): ApexBlob {
    return new ApexBlob(bytes);
}

/** The elements of a List (or array) argument that must not be null. */
export function itemsOf(value: ApexValue): ApexValue[] {
    if (!(value instanceof ApexList)) raise('NullPointerException', NULL_ARGUMENT);
    return value.items;
}

export function listOf(type: TypeRef, items: ApexValue[]): ApexList {
    return new ApexList(type, items);
}
