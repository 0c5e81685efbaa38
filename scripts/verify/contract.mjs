// `npm run verify:contract [projectRoot]`: the contracts between Relay's layers, checked without an org.
//  1. The Apex generated from the Genesys request contract is in sync (scripts/contract/generate-apex.mjs --check).
//  2. Every `@salesforce/apex/Class.method` an LWC imports is a public/global static @AuraEnabled Apex method.
//  3. types/apex.d.ts declares each one as ApexMethod<Params, Result> matching the Apex signature (parameter
//     names and types, result fields), and declares nothing else.
//  4. Every object literal an LWC passes to an Apex method (imperatively or through @wire) uses its parameter names.
//  5. The Genesys request contract agrees with the installed official SDK (purecloud-platform-client-v2: method, path,
//     query parameters, body fields) and records each operation's OAuth scopes and Genesys permissions
//     (contract-lib/genesys-sdk.mjs).
// Prints `path:line:col message` per problem and a summary; exits 1 on any problem.
import path from 'node:path';
import { checkContract } from './contract-lib/check.mjs';
import { checkGenesysContract } from './contract-lib/genesys-sdk.mjs';

const started = Date.now();
const root = path.resolve(process.argv[2] ?? process.cwd());

try {
    const lwc = await checkContract(root);
    const genesys = checkGenesysContract(root);
    const problems = [...lwc.problems, ...genesys.problems];
    const notes = [...lwc.notes, ...genesys.notes];
    const { stats } = lwc;
    for (const note of notes) console.log(`note: ${note}`);
    for (const p of problems) console.log(`${p.file}:${p.line}:${p.col} ${p.message}`);
    const counts =
        `${stats.imports} Apex method(s) imported, ${stats.callSites} call site(s), ` +
        `${stats.declarations} declaration(s), ${stats.apexClassesParsed} Apex class file(s) parsed`;
    const ms = Date.now() - started;
    if (problems.length > 0) {
        console.log(`verify:contract: ${problems.length} problem(s); ${counts}; ${ms} ms`);
        process.exitCode = 1;
    } else {
        console.log(`verify:contract: OK; ${counts}; ${ms} ms`);
    }
} catch (error) {
    console.error(`verify:contract: could not run: ${error.stack ?? error}`);
    process.exitCode = 1;
}
