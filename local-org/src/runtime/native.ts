// The interface between the interpreter and the platform's own types written in TypeScript (String, Math,
// Decimal, JSON, HttpRequest...). A native type declares its static and instance methods; the interpreter
// resolves `String.isBlank(x)`, `s.substring(1)` or `new HttpRequest()` to them.
//
// Overloads: a method name maps to a list of specs. The interpreter picks the first spec whose `params`
// accept the arguments' runtime values (see `accepts` in the interpreter: 'Object' accepts anything, a
// numeric parameter accepts a narrower number, which is converted before `call` sees it). `params: null`
// accepts any number of arguments of any type and leaves checking to `call`.
//
// Arguments arrive as Apex values (see values.ts). `self` is the receiver of an instance method (a JS
// string for String methods, an ApexList for List methods...); it is never null: the interpreter throws
// NullPointerException before calling a method on null. Errors are thrown with `raise(...)` (errors.ts).
import type { ApexValue, TypeRef } from './values';

export interface NativeMethod {
    /** Apex type names of the parameters ('Object' for any), or null for any arguments. */
    readonly params: readonly string[] | null;
    /** Apex type name of the result, 'void' for none. */
    readonly returns: string;
    readonly call: (args: ApexValue[], ctx: NativeContext, self: ApexValue) => ApexValue;
}

export interface NativeType {
    /** Canonical name, e.g. 'String', 'Math', 'HttpRequest', 'Database.SaveResult'. */
    readonly name: string;
    /** The namespace that may qualify the name in Apex ('System' for System.Math). */
    readonly namespace: string;
    readonly staticMethods?: Readonly<Record<string, readonly NativeMethod[]>>;
    readonly instanceMethods?: Readonly<Record<string, readonly NativeMethod[]>>;
    /** Static properties and constants (`Integer.MAX_VALUE`...), read by lower-cased name. */
    readonly staticProperties?: Readonly<Record<string, (ctx: NativeContext) => ApexValue>>;
    readonly constructors?: readonly NativeMethod[];
    /** Static properties whose names are not fixed (System.Label.X, Schema.SObjectType.Account); undefined if none. */
    readonly staticProperty?: (name: string, ctx: NativeContext) => ApexValue | undefined;
    /** For an instance: does `value` belong to this type (used by instanceof, casts and dispatch)? */
    readonly isInstance?: (value: ApexValue) => boolean;
}

/** What native members may ask of the running transaction. The interpreter provides it. */
export interface NativeContext {
    /** The running user's time zone, e.g. 'America/Los_Angeles' (User.TimeZoneSidKey). */
    readonly userTimeZone: string;
    /** The running user's locale, e.g. 'en_US' (User.LocaleSidKey). */
    readonly userLocale: string;
    /** The running user's language, e.g. 'en_US' (User.LanguageLocaleKey). */
    readonly userLanguage: string;
    /** The current time in milliseconds since the epoch (Datetime.now(), System.now()). */
    now(): number;
    /** Calls an Apex instance method on any value (compareTo, equals, hashCode, toString...). */
    invoke(target: ApexValue, method: string, args: ApexValue[]): ApexValue;
    /** String.valueOf(value) as Apex prints it. */
    stringOf(value: ApexValue): string;
    /** Converts a value to a declared type, as assignment does (Integer -> Decimal, String -> Id...). */
    convert(value: ApexValue, to: TypeRef): ApexValue;
}

/** Shorthand for declaring a method. */
export function method(
    params: readonly string[] | null,
    returns: string,
    call: (args: ApexValue[], ctx: NativeContext, self: ApexValue) => ApexValue
): NativeMethod {
    return { params, returns, call };
}

/** An enum of the platform, e.g. {name: 'RoundingMode', namespace: 'System', values: ['CEILING', ...]}. */
export interface NativeEnum {
    readonly name: string;
    readonly namespace: string;
    /** Value names in declaration order (their ordinals). */
    readonly values: readonly string[];
}
