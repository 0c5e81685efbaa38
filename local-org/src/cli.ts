// `npm run apex -- test [--project DIR] [--class NAME] [--method NAME]`: runs an SFDX project's Apex tests in
// the local org and prints one line per test method, then "N passed, N failed"; exits 1 when any failed.
import path from 'node:path';
import { LocalOrg } from './org/org';
import { runTests, type TestResult } from './testRunner';

const USAGE = `Usage: npm run apex -- test [--project DIR] [--class NAME] [--method NAME]

  --project DIR   the SFDX project (the folder with sfdx-project.json); default: this repository
  --class NAME    only this test class
  --method NAME   only this test method (with --class)`;

function option(args: string[], name: string): string | undefined {
    const index = args.indexOf(name);
    if (index < 0) return undefined;
    const value = args[index + 1];
    if (!value || value.startsWith('--')) throw new Error(`${name} needs a value`);
    return value;
}

function line(result: TestResult): string {
    const head = `${result.passed ? 'PASS' : 'FAIL'}  ${result.className}.${result.methodName} (${result.ms} ms)`;
    if (result.passed) return head;
    const indent = (text: string) =>
        text
            .split('\n')
            .map((l) => `        ${l}`)
            .join('\n');
    const debug = result.debug?.length ? `\n${indent(`System.debug:\n${result.debug.slice(-20).join('\n')}`)}` : '';
    return `${head}\n${indent(result.message ?? '')}${result.stackTrace ? `\n${indent(result.stackTrace)}` : ''}${debug}`;
}

function main(argv: string[]): number {
    const [command, ...args] = argv;
    if (command !== 'test' || args.includes('--help')) {
        console.log(USAGE);
        return command === 'test' || args.includes('--help') || command === '--help' ? 0 : 2;
    }
    const project = path.resolve(option(args, '--project') ?? path.join(__dirname, '..', '..'));
    const started = performance.now();
    const org = LocalOrg.load(project);
    const loaded = performance.now();
    const results = runTests(org, { className: option(args, '--class'), methodName: option(args, '--method') }, (r) =>
        console.log(line(r))
    );
    const failed = results.filter((r) => !r.passed).length;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
        `\nloaded ${project} in ${((loaded - started) / 1000).toFixed(1)} s; ran ${results.length} test methods in ${seconds} s`
    );
    console.log(`${results.length - failed} passed, ${failed} failed`);
    return failed === 0 && results.length > 0 ? 0 : 1;
}

try {
    process.exitCode = main(process.argv.slice(2));
} catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 2;
}
