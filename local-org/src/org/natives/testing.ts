// Test and Assert (Apex Reference, "Test Class", "Assert Class"). Assertion failures are AssertException,
// which Apex code cannot catch (Apex Developer Guide, "Exception Statements").
import { ApexPlatformError, UnsupportedError } from '../../runtime/errors';
import { method, type NativeType } from '../../runtime/native';
import { ApexDatetime, type ApexValue } from '../../runtime/values';
import type { ApexObject } from '../../interpreter/classes';
import { apexEquals } from '../../interpreter/equality';
import { stringOf } from '../../interpreter/strings';
import { ApexTypeValue } from '../../interpreter/typeValues';
import type { LocalOrg } from '../org';

const any = (call: (args: ApexValue[]) => ApexValue) => [method(null, 'Object', (args) => call(args))];

/** The EventBus test broker of Test.getEventBus() (Apex Reference, "EventBus.TestBroker Class"). */
export class TestBroker {
    readonly apexTypeName = 'EventBus.TestBroker';
}

export function testingNatives(org: LocalOrg): NativeType[] {
    const interp = org.interp;
    const show = (value: ApexValue) => stringOf(interp, value);
    const fail = (message: ApexValue, detail: string): never => {
        const custom = message === undefined || message === null ? '' : `${String(message)}. `;
        throw new ApexPlatformError('AssertException', `Assertion Failed: ${custom}${detail}`);
    };
    const test: NativeType = {
        name: 'Test',
        namespace: 'System',
        staticMethods: {
            startTest: any(() => (org.testing.startTest(), null)),
            stopTest: any(() => (org.testing.stopTest(), null)),
            isRunningTest: any(() => org.testing.running),
            setMock: any((args) => (org.callouts.setMock(args[0] as ApexTypeValue, args[1] as ApexObject), null)),
            getEventBus: any(() => new TestBroker()),
            setCreatedDate: any((args) => {
                const id = String(args[0]);
                if (!org.store.get(id)) throw new ApexPlatformError('IllegalArgumentException', `Invalid id: ${id}`);
                org.store.update(id, new Map([['createddate', args[1] as ApexDatetime]]));
                return null;
            }),
            loadData: any(() => unsupported('Test.loadData (static resources)')),
            createStub: any(() => unsupported('Test.createStub')),
            setFixedSearchResults: any(() => unsupported('Test.setFixedSearchResults (SOSL)')),
            getStandardPricebookId: any(() => unsupported('Test.getStandardPricebookId'))
        }
    };
    const broker: NativeType = {
        name: 'EventBus.TestBroker',
        namespace: 'EventBus',
        isInstance: (v) => v instanceof TestBroker,
        instanceMethods: {
            deliver: any(() => (org.events.deliver(), null))
        }
    };
    const assert: NativeType = {
        name: 'Assert',
        namespace: 'System',
        staticMethods: {
            areEqual: any((args) =>
                apexEquals(interp, args[0], args[1], true)
                    ? null
                    : fail(args[2], `Expected: ${show(args[0])}, Actual: ${show(args[1])}`)
            ),
            areNotEqual: any((args) =>
                !apexEquals(interp, args[0], args[1], true)
                    ? null
                    : fail(args[2], `Expected: not ${show(args[0])}, Actual: ${show(args[1])}`)
            ),
            isTrue: any((args) =>
                args[0] === true ? null : fail(args[1], 'Expected: true, Actual: ' + show(args[0]))
            ),
            isFalse: any((args) =>
                args[0] === false ? null : fail(args[1], 'Expected: false, Actual: ' + show(args[0]))
            ),
            isNull: any((args) =>
                args[0] === null || args[0] === undefined
                    ? null
                    : fail(args[1], 'Expected: null, Actual: ' + show(args[0]))
            ),
            isNotNull: any((args) =>
                args[0] !== null && args[0] !== undefined ? null : fail(args[1], 'Expected: not null, Actual: null')
            ),
            isInstanceOfType: any((args) => {
                const type = args[1] as ApexTypeValue;
                return interp.registry.isInstance(args[0], type.type)
                    ? null
                    : fail(
                          args[2],
                          `Expected instance of ${type.name}, Actual: ${interp.registry.typeNameOf(args[0])}`
                      );
            }),
            isNotInstanceOfType: any((args) => {
                const type = args[1] as ApexTypeValue;
                return !interp.registry.isInstance(args[0], type.type)
                    ? null
                    : fail(args[2], `Expected not an instance of ${type.name}`);
            }),
            fail: any((args) => {
                throw new ApexPlatformError(
                    'AssertException',
                    args[0] === undefined || args[0] === null
                        ? 'Assertion Failed'
                        : `Assertion Failed: ${String(args[0])}`
                );
            })
        }
    };
    return [test, broker, assert];
}

function unsupported(what: string): never {
    throw new UnsupportedError(`Not supported by the local org: ${what}`);
}
