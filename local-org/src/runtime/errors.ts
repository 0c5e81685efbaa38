// A platform exception raised by native code (the String, Decimal, JSON... members the runtime provides).
// The interpreter turns it into an instance of the Apex exception class it names, so Apex code can catch it
// exactly as it would in an org (`catch (System.TypeException e)`), with getMessage() returning `message`.
export type PlatformExceptionName =
    | 'AssertException'
    | 'AuraHandledException'
    | 'NoDataFoundException'
    | 'NullPointerException'
    | 'ListException'
    | 'QueryException'
    | 'DmlException'
    | 'SObjectException'
    | 'MathException'
    | 'TypeException'
    | 'StringException'
    | 'JSONException'
    | 'CalloutException'
    | 'LimitException'
    | 'IllegalArgumentException'
    | 'InvalidParameterValueException'
    | 'NoSuchElementException'
    | 'NoAccessException'
    | 'SecurityException'
    | 'SerializationException'
    | 'UnexpectedException'
    | 'FinalException'
    | 'AsyncException'
    | 'CalloutException'
    | 'RequiredFeatureMissingException'
    | 'XmlException'
    | 'EmailException'
    | 'InvalidHeaderException'
    | 'HandledException';

export class ApexPlatformError extends Error {
    constructor(
        readonly exceptionName: PlatformExceptionName,
        message: string
    ) {
        super(message);
        this.name = `System.${exceptionName}`;
    }
}

/** Throws the platform exception `name` with `message`; typed `never` so it can end an expression. */
export function raise(name: PlatformExceptionName, message: string): never {
    throw new ApexPlatformError(name, message);
}

/**
 * A construct the runtime does not emulate. It is never caught by Apex code: the run stops and the message
 * names the construct (and, where the interpreter knows it, the file and line), so an unsupported feature is
 * never a silent wrong answer.
 */
export class UnsupportedError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'UnsupportedError';
    }
}

export function unsupported(what: string): never {
    throw new UnsupportedError(`Not supported by the local org: ${what}`);
}
