// System, UserInfo, Limits, Label, Type, Id, Boolean and Schema statics (Apex Reference: "System Class",
// "UserInfo Class", "Limits Class", "Label Class", "Type Class", "Id Class", "Boolean Class", "Schema Class"),
// and the platform interfaces and enums Apex code names (Queueable, HttpCalloutMock, LoggingLevel...).
import { labelValue } from '../../project/labels';
import { ApexPlatformError, UnsupportedError } from '../../runtime/errors';
import { method, type NativeEnum, type NativeType } from '../../runtime/native';
import { todayOf, timeZoneOf } from '../../runtime/time';
import { ApexDatetime, ApexLong, ApexList, SObjectValue, T, type ApexValue } from '../../runtime/values';
import { ApexObject } from '../../interpreter/classes';
import { apexEquals, hashCodeOf } from '../../interpreter/equality';
import { normalizeId } from '../../interpreter/ids';
import { stringOf } from '../../interpreter/strings';
import { newTypeValue } from '../../interpreter/typeValues';
import type { LocalOrg } from '../org';
import {
    DescribeFieldResult,
    DescribeSObjectResult,
    PicklistEntry,
    SObjectFieldToken,
    SObjectTypeToken,
    DISPLAY_TYPES
} from './schema';
import { STATUS_CODES } from '../../runtime/statusCodes';

const any = (call: (args: ApexValue[]) => ApexValue) => [method(null, 'Object', (args) => call(args))];

export function systemNatives(org: LocalOrg): NativeType[] {
    const interp = org.interp;
    const tx = () => org.tx!;
    const user = (field: string) => org.userValue(field);
    const label = (name: string, language = String(user('LanguageLocaleKey') ?? 'en_US')): string => {
        const value = labelValue(org.project.labels, org.project.labelTranslations, name, language);
        if (value === undefined)
            throw new UnsupportedError(`Field does not exist: ${name} on System.Label (no such custom label)`);
        return value;
    };
    const system: NativeType = {
        name: 'System',
        namespace: 'System',
        staticMethods: {
            debug: any((args) => {
                org.debugLog.push(stringOf(interp, args[args.length - 1], 'concat'));
                return null;
            }),
            now: any(() => new ApexDatetime(org.now())),
            today: any(() => todayOf(interp.nativeContext())),
            currentTimeMillis: any(() => new ApexLong(BigInt(org.now()))),
            assert: any((args) => legacyAssert(args[0] === true, args[1], 'Assertion Failed')),
            assertEquals: any((args) =>
                legacyAssert(
                    apexEquals(interp, args[0], args[1], true),
                    args[2],
                    `Assertion Failed: Expected: ${stringOf(interp, args[0])}, Actual: ${stringOf(interp, args[1])}`
                )
            ),
            assertNotEquals: any((args) =>
                legacyAssert(
                    !apexEquals(interp, args[0], args[1], true),
                    args[2],
                    `Assertion Failed: Same value: ${stringOf(interp, args[0])}`
                )
            ),
            enqueueJob: any((args) => org.async.enqueue(args[0] as ApexObject, args[1])),
            attachFinalizer: any((args) => org.async.attachFinalizer(args[0] as ApexObject)),
            isQueueable: any(() => !!tx().job),
            isBatch: any(() => false),
            isFuture: any(() => false),
            isScheduled: any(() => false),
            equals: any((args) => apexEquals(interp, args[0], args[1])),
            hashCode: any((args) => hashCodeOf(interp, args[0])),
            abortJob: any(() => unsupportedMember('System.abortJob')),
            schedule: any(() => unsupportedMember('System.schedule'))
        }
    };
    const userInfo: NativeType = {
        name: 'UserInfo',
        namespace: 'System',
        staticMethods: {
            getUserId: any(() => org.runningUserId),
            getName: any(() => user('Name')),
            getFirstName: any(() => user('FirstName')),
            getLastName: any(() => user('LastName')),
            getUserName: any(() => user('Username')),
            getUserEmail: any(() => user('Email')),
            getUserType: any(() => user('UserType') ?? 'Standard'),
            getProfileId: any(() => user('ProfileId')),
            getOrganizationId: any(() => org.orgId),
            getOrganizationName: any(() => org.store.get(org.orgId)?.values.get('name') ?? null),
            getLanguage: any(() => user('LanguageLocaleKey')),
            getLocale: any(() => user('LocaleSidKey')),
            getTimeZone: any(() => timeZoneOf(String(user('TimeZoneSidKey') ?? 'GMT'))),
            getDefaultCurrency: any(() => 'USD'),
            isMultiCurrencyOrganization: any(() => false),
            getUiThemeDisplayed: any(() => 'Theme4d'),
            getUiTheme: any(() => 'Theme4d'),
            getSessionId: any(() => null)
        }
    };
    const limit = (get: () => number, max: () => number) => ({ get: any(get), max: any(max) });
    const limits = Object.entries({
        Queries: limit(
            () => tx().limits.soqlQueries,
            () => tx().limits.limits.soqlQueries
        ),
        QueryRows: limit(
            () => tx().limits.queryRows,
            () => tx().limits.limits.queryRows
        ),
        DmlStatements: limit(
            () => tx().limits.dmlStatements,
            () => tx().limits.limits.dmlStatements
        ),
        DmlRows: limit(
            () => tx().limits.dmlRows,
            () => tx().limits.limits.dmlRows
        ),
        Callouts: limit(
            () => tx().limits.callouts,
            () => tx().limits.limits.callouts
        ),
        QueueableJobs: limit(
            () => tx().limits.queueableJobs,
            () => tx().limits.limits.queueableJobs
        ),
        CpuTime: limit(
            () => tx().limits.cpuTimeMs,
            () => tx().limits.limits.cpuTimeMs
        ),
        HeapSize: limit(
            () => 0,
            () => tx().limits.limits.heapSize
        ),
        PublishImmediateDML: limit(
            () => tx().limits.publishImmediateDml,
            () => tx().limits.limits.publishImmediateDml
        ),
        FutureCalls: limit(
            () => tx().limits.futureCalls,
            () => tx().limits.limits.futureCalls
        ),
        EmailInvocations: limit(
            () => tx().limits.emailInvocations,
            () => tx().limits.limits.emailInvocations
        )
    }).reduce<Record<string, ReturnType<typeof any>>>((methods, [name, pair]) => {
        methods[`get${name}`] = pair.get;
        methods[`getLimit${name}`] = pair.max;
        return methods;
    }, {});
    const labels: NativeType = {
        name: 'Label',
        namespace: 'System',
        staticProperty: (name) => label(name),
        staticMethods: {
            // get(namespace, label) in the user's language; get(namespace, label, language) in that language.
            get: any((args) => (args.length === 3 ? label(String(args[1]), String(args[2])) : label(String(args[1])))),
            // Whether the label has text in `language`: its own language or a translation.
            translationExists: any((args) => {
                const found = org.project.labels.find((l) => l.name.toLowerCase() === String(args[1]).toLowerCase());
                if (!found) return false;
                return (
                    found.language === args[2] ||
                    org.project.labelTranslations.get(found.name)?.has(String(args[2])) === true
                );
            })
        }
    };
    const type: NativeType = {
        name: 'Type',
        namespace: 'System',
        staticMethods: {
            forName: any((args) => {
                const name =
                    args.length === 2
                        ? args[0]
                            ? `${String(args[0])}.${String(args[1])}`
                            : String(args[1])
                        : String(args[0]);
                const resolved = interp.registry.tryResolve(name, null);
                return resolved ? newTypeValue(interp, { name, args: [] }, null) : null;
            })
        }
    };
    const id: NativeType = {
        name: 'Id',
        namespace: 'System',
        staticMethods: { valueOf: any((args) => (args[0] === null ? null : normalizeId(String(args[0])))) }
    };
    const bool: NativeType = {
        name: 'Boolean',
        namespace: 'System',
        staticMethods: {
            valueOf: any((args) => {
                const value = args[0];
                if (value === null || typeof value === 'boolean') return value;
                if (typeof value === 'string') return value.toLowerCase() === 'true';
                throw new ApexPlatformError(
                    'TypeException',
                    `Invalid conversion from runtime type ${interp.registry.typeNameOf(value)} to Boolean`
                );
            })
        }
    };
    const schema: NativeType = {
        name: 'Schema',
        namespace: 'Schema',
        staticMethods: {
            getGlobalDescribe: any(() => org.tokens.globalDescribe()),
            describeSObjects: any((args) => {
                const names = (args[0] as ApexList).items.map(String);
                return new ApexList(
                    { name: 'Schema.DescribeSObjectResult', args: [] },
                    names.map((n) => new DescribeSObjectResult(org.tokens.objectToken(n).describe))
                );
            })
        }
    };
    const schemaTypes: NativeType[] = [
        {
            name: 'SObjectType',
            namespace: 'Schema',
            isInstance: (v) => v instanceof SObjectTypeToken,
            staticProperty: (name) => new DescribeSObjectResult(org.tokens.objectToken(name).describe)
        },
        { name: 'SObjectField', namespace: 'Schema', isInstance: (v) => v instanceof SObjectFieldToken },
        { name: 'DescribeSObjectResult', namespace: 'Schema', isInstance: (v) => v instanceof DescribeSObjectResult },
        { name: 'DescribeFieldResult', namespace: 'Schema', isInstance: (v) => v instanceof DescribeFieldResult },
        { name: 'PicklistEntry', namespace: 'Schema', isInstance: (v) => v instanceof PicklistEntry },
        // The rows of an aggregate query (Apex Developer Guide, "Working with SOQL Aggregate Functions"): read
        // with get('alias'); they are SObjects of no object in the schema, so any alias may be read.
        {
            name: 'AggregateResult',
            namespace: 'Schema',
            isInstance: (v) => v instanceof SObjectValue && v.objectName === 'AggregateResult'
        }
    ];
    const interfaces = [
        'Queueable',
        'Finalizer',
        'HttpCalloutMock',
        'Comparable',
        'Comparator',
        'Iterable',
        'Iterator',
        'Schedulable',
        'Callable',
        'StubProvider'
    ].map((name): NativeType => ({ name, namespace: 'System' }));
    const databaseInterfaces = [
        'AllowsCallouts',
        'Stateful',
        'Batchable',
        'RaisesPlatformEvents',
        'BatchableContext'
    ].map((name): NativeType => ({ name: `Database.${name}`, namespace: 'Database' }));
    return [
        system,
        userInfo,
        { name: 'Limits', namespace: 'System', staticMethods: limits },
        labels,
        type,
        id,
        bool,
        schema,
        ...schemaTypes,
        ...interfaces,
        ...databaseInterfaces
    ];
}

export const platformEnums: NativeEnum[] = [
    { name: 'AccessLevel', namespace: 'System', values: ['USER_MODE', 'SYSTEM_MODE'] },
    {
        name: 'LoggingLevel',
        namespace: 'System',
        values: ['NONE', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'FINE', 'FINER', 'FINEST']
    },
    { name: 'ParentJobResult', namespace: 'System', values: ['SUCCESS', 'UNHANDLED_EXCEPTION'] },
    { name: 'StatusCode', namespace: 'System', values: STATUS_CODES },
    { name: 'DisplayType', namespace: 'Schema', values: DISPLAY_TYPES }
];

function legacyAssert(ok: boolean, message: ApexValue, fallback: string): null {
    if (!ok)
        throw new ApexPlatformError(
            'AssertException',
            message === undefined || message === null ? fallback : `Assertion Failed: ${String(message)}`
        );
    return null;
}

function unsupportedMember(name: string): never {
    throw new UnsupportedError(`Not supported by the local org: ${name}`);
}

export { SObjectValue, T };
