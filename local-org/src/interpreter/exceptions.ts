// Apex exceptions: the Exception class and the System exceptions the platform throws, as built-in classes
// user code can extend and catch (Apex Reference, "Exception Class and Built-In Exceptions"). A thrown
// exception travels through JavaScript as an ApexThrown wrapping the exception object.
import { ApexPlatformError } from '../runtime/errors';
import { STATUS_CODES } from '../runtime/statusCodes';
import { ApexList, T, enumValue, type ApexValue } from '../runtime/values';
import { ApexObject, ClassInfo, type ExceptionData } from './classes';
import type { TypeRegistry } from './types';

/** An Apex exception in flight. Deliberately not an Error: a JS stack trace is never needed here. */
export class ApexThrown {
    constructor(readonly exception: ApexObject) {}

    get typeName(): string {
        return this.exception.cls.displayName;
    }

    get message(): string | null {
        return this.exception.exception?.message ?? null;
    }
}

/**
 * The System exceptions (Apex Reference, "Exception Class and Built-In Exceptions"). LimitException and
 * AssertException cannot be caught: catch and finally blocks do not run for them (Apex Developer Guide,
 * "Exception Statements", Exceptions that Can't be Caught).
 */
export const SYSTEM_EXCEPTIONS = [
    'AssertException',
    'AsyncException',
    'AuraHandledException',
    'CalloutException',
    'DmlException',
    'EmailException',
    'FinalException',
    'HandledException',
    'IllegalArgumentException',
    'InvalidHeaderException',
    'InvalidParameterValueException',
    'JSONException',
    'LimitException',
    'ListException',
    'MathException',
    'NoAccessException',
    'NoDataFoundException',
    'NoSuchElementException',
    'NullPointerException',
    'QueryException',
    'RequiredFeatureMissingException',
    'SearchException',
    'SecurityException',
    'SerializationException',
    'SObjectException',
    'StringException',
    'TypeException',
    'UnexpectedException',
    'XmlException'
] as const;

export const UNCATCHABLE = new Set(['system.limitexception', 'system.assertexception']);

export function exceptionData(self: ApexObject): ExceptionData {
    if (!self.exception) self.exception = { message: null, cause: null, line: 0, column: 1, stackTrace: '' };
    return self.exception;
}

function message(self: ApexObject): string | null {
    return exceptionData(self).message;
}

/** Creates Exception and the System exception classes and registers them. */
export function registerExceptionClasses(registry: TypeRegistry): ClassInfo {
    const base = new ClassInfo('Exception', 'class', null, null, 'Exception');
    base.isException = true;
    const builtin = (name: string, arity: number, fn: (self: ApexObject, args: ApexValue[]) => ApexValue): void => {
        base.addMethod({
            owner: base,
            name,
            key: name.toLowerCase(),
            isStatic: false,
            params: Array.from({ length: arity }, (_, i) => ({ type: T.Object, name: `p${i}`, key: `p${i}` })),
            returnType: null,
            body: null,
            modifiers: { keywords: new Set(['public', 'virtual']), annotations: [], sharing: null },
            line: 0,
            builtin: fn
        });
    };
    builtin('getMessage', 0, (self) => message(self));
    builtin('setMessage', 1, (self, [m]) => {
        exceptionData(self).message = m as string | null;
        return null;
    });
    builtin('getCause', 0, (self) => exceptionData(self).cause);
    builtin('initCause', 1, (self, [cause]) => {
        exceptionData(self).cause = cause as ApexObject | null;
        return null;
    });
    builtin('getTypeName', 0, (self) => self.cls.displayName);
    builtin('getLineNumber', 0, (self) => exceptionData(self).line);
    builtin('getStackTraceString', 0, (self) => exceptionData(self).stackTrace);
    builtin('toString', 0, (self) => {
        const m = message(self);
        return m === null ? self.cls.displayName : `${self.cls.displayName}: ${m}`;
    });
    // DmlException members (Apex Reference, "DmlException Class"); on other exceptions they answer as for no rows.
    const dmlRow = (self: ApexObject, index: ApexValue) => exceptionData(self).dml?.[index as number];
    builtin('getNumDml', 0, (self) => exceptionData(self).dml?.length ?? 0);
    builtin('getDmlMessage', 1, (self, [i]) => dmlRow(self, i)?.message ?? null);
    builtin('getDmlId', 1, (self, [i]) => dmlRow(self, i)?.id ?? null);
    builtin('getDmlIndex', 1, (self, [i]) => dmlRow(self, i)?.index ?? null);
    const statusCode = (code: string | undefined) =>
        code ? enumValue('StatusCode', code, STATUS_CODES.indexOf(code)) : null;
    builtin('getDmlType', 1, (self, [i]) => statusCode(dmlRow(self, i)?.statusCode));
    builtin('getDmlStatusCode', 1, (self, [i]) => dmlRow(self, i)?.statusCode ?? null);
    builtin('getDmlFieldNames', 1, (self, [i]) => new ApexList(T.String, [...(dmlRow(self, i)?.fields ?? [])]));
    registry.addClass(base, 'System.Exception');

    for (const name of SYSTEM_EXCEPTIONS) {
        const cls = new ClassInfo(`System.${name}`, 'class', null, null, `System.${name}`);
        cls.superclass = base;
        cls.isException = true;
        registry.addClass(cls, name);
    }
    return base;
}

/** The System exception class for a platform error raised by native code. */
export function classForPlatformError(registry: TypeRegistry, error: ApexPlatformError): ClassInfo {
    const cls = registry.classes.get(`system.${error.exceptionName.toLowerCase()}`);
    if (!cls) throw new Error(`Unknown platform exception ${error.exceptionName}`);
    return cls;
}
