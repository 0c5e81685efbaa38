// Runs a project's Apex tests as the platform does (Apex Developer Guide, "Testing Apex", "Using Test Setup
// Methods", "Isolation of Test Data from Organization Data in Unit Tests"): every @IsTest method of every
// @IsTest class, each in its own transaction with fresh statics, starting from the data its class's @TestSetup
// method made, and rolled back afterwards. A failure reports the exception and an Apex-style stack trace.
import path from 'node:path';
import type { MethodInfo } from './interpreter/classes';
import { ApexObject, type ClassInfo } from './interpreter/classes';
import { ApexThrown } from './interpreter/exceptions';
import { asApexThrown } from './interpreter/execute';
import { StaticState } from './interpreter/interpreter';
import type { LocalOrg } from './org/org';
import { Transaction } from './org/transaction';

export interface TestResult {
    readonly className: string;
    readonly methodName: string;
    readonly passed: boolean;
    readonly ms: number;
    /** For a failure: the exception type and message, or the runtime's own error. */
    readonly message?: string;
    readonly stackTrace?: string;
    /** System.debug output of a failed test. */
    readonly debug?: readonly string[];
}

export interface TestFilter {
    readonly className?: string;
    readonly methodName?: string;
}

function isTestMethod(method: MethodInfo): boolean {
    return method.modifiers.annotations.some((a) => a.key === 'istest') || method.modifiers.keywords.has('testmethod');
}

function isSetupMethod(method: MethodInfo): boolean {
    return method.modifiers.annotations.some((a) => a.key === 'testsetup');
}

/** Test classes: top-level classes annotated @IsTest that declare at least one test method. */
export function testClasses(org: LocalOrg, filter: TestFilter = {}): ClassInfo[] {
    return [...new Set(org.interp.registry.classes.values())]
        .filter((cls) => cls.decl && !cls.outer && cls.hasAnnotation('istest'))
        .filter((cls) => !filter.className || cls.name.toLowerCase() === filter.className.toLowerCase())
        .filter((cls) => [...cls.methods.values()].flat().some(isTestMethod))
        .sort((a, b) => a.name.localeCompare(b.name));
}

export function runTests(
    org: LocalOrg,
    filter: TestFilter = {},
    report: (result: TestResult) => void = () => undefined
): TestResult[] {
    const results: TestResult[] = [];
    for (const cls of testClasses(org, filter)) {
        const methods = [...cls.methods.values()]
            .flat()
            .filter(isTestMethod)
            .filter((m) => !filter.methodName || m.name.toLowerCase() === filter.methodName.toLowerCase())
            .sort((a, b) => a.line - b.line);
        const setups = [...cls.methods.values()].flat().filter(isSetupMethod);
        const classMark = org.store.mark();
        let setupFailure: TestResult | null = null;
        for (const setup of setups) {
            const outcome = runInTestContext(org, cls, setup);
            if (!outcome.passed) {
                setupFailure = outcome;
                break;
            }
        }
        for (const method of methods) {
            const result: TestResult = setupFailure
                ? {
                      ...setupFailure,
                      methodName: method.name,
                      message: `@TestSetup ${setupFailure.methodName} failed: ${setupFailure.message}`
                  }
                : runInTestContext(org, cls, method);
            results.push(result);
            report(result);
        }
        org.store.rollback(classMark);
        org.version++;
    }
    return results;
}

/** Runs one method as a test transaction, then undoes everything it did to the data. */
function runInTestContext(org: LocalOrg, cls: ClassInfo, method: MethodInfo): TestResult {
    const started = performance.now();
    const mark = org.store.mark();
    org.testing.running = true;
    org.callouts.reset();
    org.async.waiting.length = 0;
    org.events.reset();
    org.interp.statics = new StaticState();
    org.tx = new Transaction(mark, false, true);
    org.userStack.length = 0;
    org.userStack.push(org.adminUserId);
    org.debugLog.length = 0;
    const done = (passed: boolean, message?: string, stackTrace?: string): TestResult => ({
        className: cls.name,
        methodName: method.name,
        passed,
        ms: Math.round(performance.now() - started),
        message,
        stackTrace,
        debug: passed ? undefined : [...org.debugLog]
    });
    try {
        const self = method.isStatic ? null : org.interp.instantiate(cls, [], method.line);
        org.interp.invoke(method, self, [], method.line);
        return isSetupMethod(method) ? done(true) : done(true);
    } catch (error) {
        const thrown = asApexThrown(org.interp, error);
        if (thrown) return done(false, describe(thrown), withSources(thrown));
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return done(false, `local org: ${message}`, error instanceof Error ? error.stack : undefined);
    } finally {
        if (!isSetupMethod(method)) {
            org.store.rollback(mark);
            org.version++;
        }
        org.tx = null;
        org.testing.running = false;
        org.interp.stack.length = 0;
    }
}

/** The Apex stack trace, each line followed by the source file and line it names (relative to the working folder). */
function withSources(thrown: ApexThrown): string | undefined {
    const data = thrown.exception.exception;
    if (!data?.stackTrace) return undefined;
    const files = data.sourceFrames ?? [];
    return data.stackTrace
        .split('\n')
        .map((line, i) =>
            files[i] ? `${line}  (${path.relative(process.cwd(), files[i].file)}:${files[i].line})` : line
        )
        .join('\n');
}

function describe(thrown: ApexThrown): string {
    const message = thrown.message;
    const cause = thrown.exception.exception?.cause;
    const text = message === null ? thrown.typeName : `${thrown.typeName}: ${message}`;
    return cause instanceof ApexObject ? `${text}\n  caused by: ${describe(new ApexThrown(cause))}` : text;
}
