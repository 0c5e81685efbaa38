// ORDER BY, LIMIT, OFFSET and COUNT().
// "ORDER BY", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_orderby.htm
// "LIMIT", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_limit.htm
// "OFFSET", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_offset.htm
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexPlatformError } from '../../src/runtime/errors';
import { ApexDecimal } from '../../src/runtime/values';
import { Org } from './fixture';

function sample() {
    const org = new Org();
    const zed = org.insert('User', { Name: 'zed' });
    const amy = org.insert('User', { Name: 'Amy' });
    const names = ['banana', 'Apple', null, 'cherry'];
    const revenue = [new ApexDecimal(5n, 0), new ApexDecimal(5n, 0), new ApexDecimal(1n, 0), null];
    const owners = [zed, amy, amy, null];
    const ids = names.map((name, i) =>
        org.insert('Account', { Name: name, AnnualRevenue: revenue[i], OwnerId: owners[i] })
    );
    const names$ = (rows: string[]) => rows.map((id) => org.rows.get(id)!.values.get('name') ?? null);
    return { org, ids, names$ };
}

describe('ORDER BY', () => {
    it('sorts ascending by default, text case-insensitively, nulls first', () => {
        const { org, names$ } = sample();
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY Name')), [null, 'Apple', 'banana', 'cherry']);
    });

    it('puts nulls last when sorting descending unless told otherwise', () => {
        const { org, names$ } = sample();
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY Name DESC')), [
            'cherry',
            'banana',
            'Apple',
            null
        ]);
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY Name DESC NULLS FIRST')), [
            null,
            'cherry',
            'banana',
            'Apple'
        ]);
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY Name ASC NULLS LAST')), [
            'Apple',
            'banana',
            'cherry',
            null
        ]);
    });

    it('sorts by several fields, each with its own direction', () => {
        const { org, names$ } = sample();
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY AnnualRevenue DESC, Name')), [
            'Apple',
            'banana',
            null,
            'cherry'
        ]);
    });

    it('sorts by a parent field, rows with an empty lookup included', () => {
        const { org, names$ } = sample();
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY Owner.Name, Name')), [
            'cherry',
            null,
            'Apple',
            'banana'
        ]);
    });
});

describe('LIMIT and OFFSET', () => {
    it('takes literal or bound counts, OFFSET first', () => {
        const { org, names$ } = sample();
        assert.deepEqual(names$(org.ids('SELECT Id FROM Account ORDER BY Name NULLS LAST LIMIT 2')), [
            'Apple',
            'banana'
        ]);
        assert.deepEqual(
            names$(org.ids('SELECT Id FROM Account ORDER BY Name NULLS LAST LIMIT :n OFFSET :k', { n: 2, k: 1 })),
            ['banana', 'cherry']
        );
    });

    it('refuses an OFFSET over 2,000', () => {
        const { org } = sample();
        assert.throws(
            () => org.query('SELECT Id FROM Account OFFSET 2001'),
            (e: unknown) => e instanceof ApexPlatformError && e.message === 'Maximum SOQL offset allowed is 2000'
        );
    });

    it('refuses a negative or null bound LIMIT', () => {
        const { org } = sample();
        assert.throws(() => org.query('SELECT Id FROM Account LIMIT :n', { n: -1 }), ApexPlatformError);
        assert.throws(() => org.query('SELECT Id FROM Account LIMIT :n', { n: null }), ApexPlatformError);
    });
});

describe('COUNT() (COUNT() and COUNT(fieldName))', () => {
    // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_count.htm
    it('returns the number of matching rows, counting one query row', () => {
        const { org } = sample();
        const result = org.query('SELECT COUNT() FROM Account WHERE AnnualRevenue != null');
        assert.deepEqual(result.rows, { count: 3 });
        assert.equal(result.rowsCounted, 1);
        assert.equal(result.objectName, 'Account');
    });

    it('counts up to the LIMIT', () => {
        const { org } = sample();
        assert.deepEqual(org.query('SELECT COUNT() FROM Account LIMIT 2').rows, { count: 2 });
    });
});
