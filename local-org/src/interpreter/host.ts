// What the interpreter needs from the org around it: the schema, SOQL, DML, System.runAs, platform
// statics and properties, and the running user's settings for native members. The local org (org/)
// implements it.
import type * as A from '../apex/ast';
import type { OrgSchema } from '../data/schemaTypes';
import type { NativeContext } from '../runtime/native';
import type { ApexValue } from '../runtime/values';
import type { Frame } from './frame';
import type { Interpreter } from './interpreter';
import type { RType } from './types';

export interface Host {
    readonly schema: OrgSchema;
    /** Runs inline SOQL. Returns a List, an Integer (COUNT()) or, where Apex assigns a single row, the list still. */
    query(interp: Interpreter, frame: Frame, expr: A.SoqlExpr): ApexValue;
    /** Runs a DML statement on a record or list of records. */
    dml(interp: Interpreter, frame: Frame, stmt: A.DmlStmt, records: ApexValue, mergeWith: ApexValue): void;
    /** Runs `body` as another user (System.runAs). */
    runAs(interp: Interpreter, frame: Frame, args: ApexValue[], body: () => void): void;
    /** `Type.name` for a platform type (an SObject type's SObjectType or field token, an enum value...). */
    staticProperty(interp: Interpreter, type: RType, name: string, frame: Frame): ApexValue;
    /** `value.name` for a platform value (DescribeSObjectResult.fields...), or undefined when it has none. */
    nativeProperty?(interp: Interpreter, value: ApexValue, name: string): ApexValue | undefined;
    /** `Type.method(args)` for a platform type; undefined when the type has no such static method. */
    callStatic(interp: Interpreter, type: RType, name: string, args: ApexValue[], frame: Frame): ApexValue;
    /** `value.method(args)` for a platform value (String, List, SObject, HttpRequest...). */
    callInstance(interp: Interpreter, value: ApexValue, name: string, args: ApexValue[], frame: Frame): ApexValue;
    /** `new T(args)` for a platform type (HttpRequest, an SObject...). */
    constructNative(
        interp: Interpreter,
        type: RType,
        typeRef: import('../runtime/values').TypeRef,
        args: A.Expr[],
        frame: Frame
    ): ApexValue;
    nativeContext(interp: Interpreter): NativeContext;
    /** `record.Field__c.addError(message)`: an error on that field, reported when the record is saved. */
    addFieldError?(
        interp: Interpreter,
        record: import('../runtime/values').SObjectValue,
        field: string,
        args: ApexValue[]
    ): void;
    /** Called before each statement: governor limits (CPU time) are counted here. */
    tick?(): void;
}
