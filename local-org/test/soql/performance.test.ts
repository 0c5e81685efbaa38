// 10,000 rows per object: Id filters use byId instead of scanning, and full scans, sorts, subqueries and
// aggregates stay well within a test's time.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { ApexDecimal, ApexList, ApexSet, T } from '../../src/runtime/values';
import { Org } from './fixture';

const ROWS = 10_000;

describe('10,000 rows per object', () => {
    const org = new Org();
    const accounts: string[] = [];
    before(() => {
        for (let i = 0; i < ROWS; i++) {
            accounts.push(
                org.insert('Account', {
                    Name: `Account ${String(i).padStart(5, '0')}`,
                    Industry: i % 2 ? 'Retail' : 'Energy',
                    AnnualRevenue: new ApexDecimal(BigInt(i), 2)
                })
            );
        }
        for (let i = 0; i < ROWS; i++) org.insert('Contact', { LastName: `C${i}`, AccountId: accounts[i % 500] });
    });

    it('looks rows up by Id for Id = :x and Id IN :ids without scanning', () => {
        org.scans = 0;
        org.lookups = 0;
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id = :id', { id: accounts[1234] }), [accounts[1234]]);
        const ids = new ApexSet(T.Id, accounts.slice(0, 50));
        assert.equal(org.ids("SELECT Id FROM Account WHERE Id IN :ids AND Industry = 'Retail'", { ids }).length, 25);
        assert.equal(org.scans, 0);
        assert.ok(org.lookups <= 51);
    });

    it('scans, filters, sorts and pages 10,000 rows quickly', () => {
        const started = performance.now();
        const rows = org.rowsOf(
            "SELECT Name FROM Account WHERE Industry = 'Retail' AND Name LIKE 'Account%' ORDER BY AnnualRevenue DESC LIMIT 3"
        );
        assert.deepEqual(
            rows.map((r) => r.get('Name')),
            ['Account 09999', 'Account 09997', 'Account 09995']
        );
        assert.ok(performance.now() - started < 2000);
    });

    it('fills child subqueries for many parents with one pass over the children', () => {
        org.scans = 0;
        const started = performance.now();
        const rows = org.rowsOf('SELECT Id, (SELECT Id FROM Contacts) FROM Account WHERE Id IN :ids', {
            ids: new ApexList(T.list(T.Id), accounts.slice(0, 500))
        });
        assert.equal(rows.length, 500);
        assert.equal((rows[0].get('Contacts') as ApexList).items.length, ROWS / 500);
        assert.equal(org.scans, 1);
        assert.ok(performance.now() - started < 2000);
    });

    it('aggregates 10,000 rows quickly', () => {
        const started = performance.now();
        const rows = org.rowsOf('SELECT Industry, COUNT(Id) c FROM Account GROUP BY Industry ORDER BY Industry');
        assert.deepEqual(
            rows.map((r) => [r.get('Industry'), r.get('c')]),
            [
                ['Energy', ROWS / 2],
                ['Retail', ROWS / 2]
            ]
        );
        assert.ok(performance.now() - started < 2000);
    });
});
