// Building the SOQL AST from dynamic SOQL strings and from inline SOQL in Apex.
// Syntax: "SOQL SELECT Syntax", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSoql } from '../../src/data/soql/parse';
import { ApexPlatformError } from '../../src/runtime/errors';
import { inlineQuery } from './fixture';

function queryError(text: string): string {
    try {
        parseSoql(text);
    } catch (e) {
        assert.ok(e instanceof ApexPlatformError);
        assert.equal(e.exceptionName, 'QueryException');
        return e.message;
    }
    assert.fail(`expected a QueryException for ${text}`);
}

describe('parseSoql', () => {
    it('reads the select list, FROM, WHERE, ORDER BY, LIMIT and OFFSET', () => {
        const q = parseSoql(
            "SELECT Id, Owner.Name FROM Account WHERE Name = 'Acme' AND (Rating__c > 1.50 OR Active__c = TRUE) ORDER BY Name DESC NULLS LAST LIMIT 5 OFFSET 2"
        );
        assert.equal(q.from, 'Account');
        assert.deepEqual(
            q.select.map((s) => (s.kind === 'field' ? s.path.join('.') : s.kind)),
            ['Id', 'Owner.Name']
        );
        assert.equal(q.where?.kind, 'and');
        assert.deepEqual(q.orderBy, [
            { expr: { kind: 'field', path: ['Name'], text: 'Name' }, descending: true, nullsLast: true }
        ]);
        assert.deepEqual(q.limit, { kind: 'number', text: '5' });
        assert.deepEqual(q.offset, { kind: 'number', text: '2' });
    });

    it('keeps a number literal as written so a Decimal keeps its scale', () => {
        const q = parseSoql('SELECT Id FROM Account WHERE Rating__c > 1.50');
        assert.ok(q.where?.kind === 'compare');
        assert.deepEqual(q.where.value, { kind: 'number', text: '1.50' });
    });

    it('turns a bind into a named bind, dotted paths included', () => {
        const q = parseSoql('SELECT Id FROM Account WHERE Id IN :ids AND OwnerId = :ctx.user.Id LIMIT :n');
        assert.ok(q.where?.kind === 'and');
        const [first, second] = q.where.operands;
        assert.ok(first.kind === 'compare' && second.kind === 'compare');
        assert.deepEqual(first.value, { kind: 'bind', name: 'ids', text: 'ids' });
        assert.equal(second.value.kind === 'bind' && second.value.name, 'ctx.user.Id');
        assert.deepEqual(q.limit, { kind: 'bind', name: 'n', text: 'n' });
    });

    it('refuses a bind that is not a variable name in dynamic SOQL', () => {
        assert.match(queryError("SELECT Id FROM Account WHERE Name = :(a + 'x')"), /^unexpected token: /);
    });

    it('decodes string escapes, and keeps \\% and \\_ escaped for LIKE (Quoted String Escape Sequences)', () => {
        // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
        const q = parseSoql("SELECT Id FROM Account WHERE Name LIKE 'it\\'s 100\\% a\\_b\\n'");
        assert.ok(q.where?.kind === 'compare' && q.where.value.kind === 'string');
        assert.equal(q.where.value.value, "it's 100% a_b\n");
        assert.equal(q.where.value.pattern, "it's 100\\% a\\_b\n");
    });

    it('reads date, datetime and relative date literals', () => {
        const q = parseSoql(
            'SELECT Id FROM Account WHERE Founded__c = 2024-02-29 AND CreatedDate > 2024-01-01T09:00:00+01:00 AND CreatedDate = LAST_N_DAYS:7'
        );
        assert.ok(q.where?.kind === 'and');
        const values = q.where.operands.map((c) => (c.kind === 'compare' ? c.value : null));
        assert.deepEqual(values[0], { kind: 'date', epochDay: 19782, text: '2024-02-29' });
        assert.deepEqual(values[1], {
            kind: 'datetime',
            epochMs: Date.UTC(2024, 0, 1, 8),
            text: '2024-01-01T09:00:00+01:00'
        });
        assert.deepEqual(values[2], { kind: 'dateLiteral', name: 'LAST_N_DAYS', n: 7, text: 'LAST_N_DAYS:7' });
    });

    it('reads the WITH security modes, FOR UPDATE and ALL ROWS', () => {
        assert.equal(parseSoql('SELECT Id FROM Account WITH USER_MODE').security, 'USER_MODE');
        assert.equal(parseSoql('select id from account with security_enforced').security, 'SECURITY_ENFORCED');
        assert.equal(parseSoql('SELECT Id FROM Account WITH SYSTEM_MODE').security, 'SYSTEM_MODE');
        assert.equal(parseSoql('SELECT Id FROM Account').security, null);
        assert.equal(parseSoql('SELECT Id FROM Account FOR UPDATE').forUpdate, true);
        assert.equal(parseSoql('SELECT Id FROM Account ALL ROWS').allRows, true);
    });

    it('reads subqueries, semi-joins, aggregates, GROUP BY and HAVING', () => {
        const q = parseSoql(
            'SELECT Industry, COUNT(Id) total, MAX(AnnualRevenue) FROM Account WHERE Id IN (SELECT AccountId FROM Contact) GROUP BY Industry HAVING COUNT(Id) > 1'
        );
        assert.equal(q.select[1].kind === 'aggregate' && q.select[1].alias, 'total');
        assert.equal(q.select[2].kind === 'aggregate' && q.select[2].fn, 'MAX');
        assert.ok(q.where?.kind === 'compare' && q.where.value.kind === 'subquery');
        assert.equal(q.groupBy?.items.length, 1);
        assert.equal(q.having?.kind, 'compare');
        const sub = parseSoql('SELECT Name, (SELECT LastName FROM Contacts ORDER BY LastName LIMIT 3) FROM Account')
            .select[1];
        assert.ok(sub.kind === 'subquery');
        assert.equal(sub.query.from, 'Contacts');
        assert.deepEqual(sub.query.limit, { kind: 'number', text: '3' });
    });

    it('reports a syntax error as the platform words it: unexpected token', () => {
        assert.equal(
            queryError('SELECT Id FROM Account WHERE Name = 1 AND Active__c = true OR Rating__c = 2'),
            "unexpected token: 'OR'"
        );
        assert.equal(queryError('SELECT Id FROM Account ORDER BY Name WITH USER_MODE'), "unexpected token: 'WITH'");
        assert.equal(queryError('SELECT Id FROM Account WHERE'), "unexpected token: '<EOF>'");
        assert.equal(queryError('SELECT Id FROM Account LIMIT ten'), "unexpected token: 'ten'");
        assert.match(queryError("SELECT Id FROM Account WHERE Name = 'x"), /^unexpected token: /);
    });

    it('parses each call afresh', () => {
        assert.notEqual(parseSoql('SELECT Id FROM Account'), parseSoql('SELECT Id FROM Account'));
    });
});

describe('soqlFromContext', () => {
    it('hands each bind expression to the callback and keeps its result as the bind ref', () => {
        const q = inlineQuery(
            '{ List<Account> a = [SELECT Id FROM Account WHERE Id = :acc.Id AND Name IN :names LIMIT :max]; }'
        );
        assert.ok(q.where?.kind === 'and');
        const [first, second] = q.where.operands;
        assert.deepEqual(first.kind === 'compare' && first.value, { kind: 'bind', ref: 'acc.Id', text: 'acc.Id' });
        assert.deepEqual(second.kind === 'compare' && second.value, { kind: 'bind', ref: 'names', text: 'names' });
        assert.deepEqual(q.limit, { kind: 'bind', ref: 'max', text: 'max' });
        assert.equal(q.text, 'SELECT Id FROM Account WHERE Id = :acc.Id AND Name IN :names LIMIT :max');
    });

    it('accepts any Apex expression as an inline bind', () => {
        const q = inlineQuery("{ Account b = [SELECT Id FROM Account WHERE Name = :('x' + 'xx')]; }");
        assert.ok(q.where?.kind === 'compare' && q.where.value.kind === 'bind');
        assert.equal(q.where.value.ref, "('x'+'xx')");
    });
});
