// Aggregate queries: AggregateResult rows, aliases and exprN names, GROUP BY, HAVING and the rows they count.
// "Working with SOQL Aggregate Functions", https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_SOQL_agg_fns.htm
// "GROUP BY", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_groupby.htm
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexPlatformError } from '../../src/runtime/errors';
import { ApexDate, ApexDecimal, type SObjectValue } from '../../src/runtime/values';
import { Org } from './fixture';

const decimal = (value: unknown): string => {
    assert.ok(value instanceof ApexDecimal, `expected a Decimal, got ${String(value)}`);
    const digits = (value.unscaled < 0n ? -value.unscaled : value.unscaled).toString().padStart(value.scale + 1, '0');
    const text = value.scale === 0 ? digits : `${digits.slice(0, -value.scale)}.${digits.slice(-value.scale)}`;
    return value.unscaled < 0n ? `-${text}` : text;
};

function sample() {
    const org = new Org();
    const rows: [string | null, string, bigint | null, number][] = [
        ['Retail', 'Acme', 100n, 19000],
        ['retail', 'Apex', 50n, 19500],
        ['Energy', 'Bolt', 25n, 18000],
        [null, 'Null Co', null, 17000]
    ];
    for (const [industry, name, revenue, founded] of rows) {
        org.insert('Account', {
            Industry: industry,
            Name: name,
            AnnualRevenue: revenue === null ? null : new ApexDecimal(revenue, 0),
            Founded__c: new ApexDate(founded)
        });
    }
    return org;
}

describe('aggregate functions', () => {
    it('returns one AggregateResult with exprN names for unaliased aggregates and aliases for the rest', () => {
        const org = sample();
        const result = org.query(
            'SELECT COUNT(Id), SUM(AnnualRevenue) total, AVG(AnnualRevenue), MIN(Founded__c), MAX(Name) FROM Account'
        );
        assert.equal(result.objectName, 'AggregateResult');
        const [row] = result.rows as SObjectValue[];
        assert.equal(row.objectName, 'AggregateResult');
        assert.deepEqual(
            [...row.fields.values()].map((f) => f.name),
            ['expr0', 'total', 'expr1', 'expr2', 'expr3']
        );
        assert.equal(row.get('expr0'), 4);
        assert.equal(decimal(row.get('total')), '175');
        assert.equal(decimal(row.get('expr1')), '58.333333333333');
        assert.deepEqual(row.get('expr2'), new ApexDate(17000));
        assert.equal(row.get('expr3'), 'Null Co');
    });

    it('counts non-null values with COUNT(field) and distinct ones with COUNT_DISTINCT', () => {
        const org = sample();
        const [row] = org.rowsOf('SELECT COUNT(Industry) n, COUNT_DISTINCT(Industry) d FROM Account');
        assert.equal(row.get('n'), 3);
        assert.equal(row.get('d'), 2);
    });

    it('returns one row over no rows: a zero count and a null sum', () => {
        const org = sample();
        const [row] = org.rowsOf("SELECT COUNT(Id) c, SUM(AnnualRevenue) s FROM Account WHERE Name = 'none'");
        assert.equal(row.get('c'), 0);
        assert.equal(row.get('s'), null);
    });
});

describe('GROUP BY and HAVING', () => {
    it('groups text case-insensitively and keys the grouped field by its name', () => {
        const org = sample();
        const rows = org.rowsOf(
            'SELECT Industry, COUNT(Id) c FROM Account GROUP BY Industry ORDER BY Industry NULLS LAST'
        );
        assert.deepEqual(
            rows.map((r) => [r.get('Industry'), r.get('c')]),
            [
                ['Energy', 1],
                ['Retail', 2],
                [null, 1]
            ]
        );
    });

    it('filters groups with HAVING and sorts them by an aggregate', () => {
        const org = sample();
        const rows = org.rowsOf(
            'SELECT Industry ind, SUM(AnnualRevenue) s FROM Account GROUP BY Industry HAVING COUNT(Id) > 0 AND Industry != null ORDER BY SUM(AnnualRevenue) DESC'
        );
        assert.deepEqual(
            rows.map((r) => [r.get('ind'), decimal(r.get('s'))]),
            [
                ['Retail', '150'],
                ['Energy', '25']
            ]
        );
    });

    it('refuses a selected field that is neither grouped nor aggregated', () => {
        const org = sample();
        assert.throws(
            () => org.query('SELECT Name, COUNT(Id) FROM Account GROUP BY Industry'),
            (e: unknown) => e instanceof ApexPlatformError && e.message === 'Field must be grouped or aggregated: Name'
        );
    });
});

describe('query rows counted by aggregates (Working with SOQL Aggregate Functions)', () => {
    it('counts one row for COUNT(field), one per group with GROUP BY, and every aggregated row otherwise', () => {
        const org = sample();
        assert.equal(org.query('SELECT COUNT(Id) FROM Account').rowsCounted, 1);
        assert.equal(org.query('SELECT Industry, COUNT(Id) FROM Account GROUP BY Industry').rowsCounted, 3);
        assert.equal(org.query('SELECT SUM(AnnualRevenue) FROM Account').rowsCounted, 4);
    });
});
