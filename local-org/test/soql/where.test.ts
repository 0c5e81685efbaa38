// WHERE: comparison and logical operators, typed comparisons, binds, semi-joins, date literals, and type errors.
// "Comparison Operators", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_comparisonoperators.htm
// "Logical Operators", https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_logicaloperators.htm
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexPlatformError } from '../../src/runtime/errors';
import {
    ApexDate,
    ApexDatetime,
    ApexDecimal,
    ApexDouble,
    ApexList,
    ApexLong,
    ApexSet,
    SObjectValue,
    T
} from '../../src/runtime/values';
import { Org } from './fixture';

function queryError(run: () => unknown): string {
    try {
        run();
    } catch (e) {
        assert.ok(e instanceof ApexPlatformError, String(e));
        assert.equal(e.exceptionName, 'QueryException');
        return e.message;
    }
    assert.fail('expected a QueryException');
}

const day = (iso: string) => new ApexDate(Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000));
const instant = (iso: string) => new ApexDatetime(Date.parse(iso));

function sample() {
    const org = new Org();
    const a = org.insert('Account', {
        Name: 'Acme Corp',
        Industry: 'Retail',
        AnnualRevenue: new ApexDecimal(150050n, 2),
        NumberOfEmployees: 50,
        Rating__c: new ApexDouble(4.5),
        Tags__c: 'Gold;Partner',
        Active__c: true,
        Founded__c: day('2024-06-14'),
        CreatedDate: instant('2024-06-15T08:00:00Z'),
        Code__c: 'AbC'
    });
    const b = org.insert('Account', {
        Name: 'Beta_Works 100%',
        Industry: 'Energy',
        AnnualRevenue: new ApexDecimal(99n, 0),
        NumberOfEmployees: 7,
        Tags__c: 'Silver',
        Active__c: false,
        Founded__c: day('2020-01-01'),
        CreatedDate: instant('2024-06-01T00:00:00Z')
    });
    const c = org.insert('Account', { Name: 'Cobalt' });
    return { org, a, b, c };
}

describe('comparisons by field type', () => {
    it('compares text case-insensitively with = and !=, and != keeps null values', () => {
        const { org, a, b, c } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name = 'ACME corp'"), [a]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Industry != 'retail'"), [b, c]);
    });

    it('compares a unique case-sensitive field exactly', () => {
        const { org, a } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Code__c = 'AbC'"), [a]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Code__c = 'abc'"), []);
    });

    it('orders text case-insensitively with < and >', () => {
        const { org, b, c } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name > 'b'"), [b, c]);
    });

    it('compares numbers as numbers whatever their Apex type', () => {
        const { org, a, b } = sample();
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE AnnualRevenue > 1000.5'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE AnnualRevenue = 1500.500'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE NumberOfEmployees <= 7'), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Rating__c >= 4.5'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE AnnualRevenue < :n', { n: new ApexLong(100n) }), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE NumberOfEmployees = :n', { n: new ApexDouble(50) }), [
            a
        ]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE NumberOfEmployees > -1'), [a, b]);
    });

    it('treats a null checkbox as false', () => {
        const { org, a, b, c } = sample();
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Active__c = true'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Active__c = FALSE'), [b, c]);
    });

    it('matches = null and != null', () => {
        const { org, a, b, c } = sample();
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Industry = null'), [c]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Industry != null'), [a, b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Industry = :nothing', { nothing: null }), [c]);
    });

    it('compares dates and datetimes with their literals', () => {
        const { org, a, b } = sample();
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c = 2024-06-14'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c < 2024-01-01'), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE CreatedDate >= 2024-06-15T01:00:00-07:00'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE CreatedDate < 2024-06-15T00:00:00Z'), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c = :d', { d: day('2020-01-01') }), [b]);
    });

    it('refuses a literal of the wrong type with the platform message', () => {
        const { org } = sample();
        assert.equal(
            queryError(() => org.query("SELECT Id FROM Account WHERE AnnualRevenue = '5'")),
            "value of filter criterion for field 'AnnualRevenue' must be of type double and should not be enclosed in quotes"
        );
        assert.equal(
            queryError(() => org.query('SELECT Id FROM Account WHERE Name = 5')),
            "value of filter criterion for field 'Name' must be of type string and should be enclosed in quotes"
        );
        assert.equal(
            queryError(() => org.query('SELECT Id FROM Account WHERE CreatedDate > 2024-01-01')),
            "value of filter criterion for field 'CreatedDate' must be of type dateTime and should not be enclosed in quotes"
        );
    });

    it('refuses a bind of the wrong type, as Apex does for a bind expression', () => {
        const { org } = sample();
        assert.equal(
            queryError(() => org.query('SELECT Id FROM Account WHERE AnnualRevenue = :v', { v: 'many' })),
            'Invalid bind expression type of String for column of type Decimal'
        );
        assert.equal(
            queryError(() =>
                org.query('SELECT Id FROM Account WHERE Founded__c = :v', { v: instant('2024-06-14T00:00:00Z') })
            ),
            'Invalid bind expression type of Datetime for column of type Date'
        );
    });
});

describe('Ids', () => {
    it('accepts 15- and 18-character Ids, in any case for the 18-character form', () => {
        const { org, a } = sample();
        assert.deepEqual(org.ids(`SELECT Id FROM Account WHERE Id = '${a.slice(0, 15)}'`), [a]);
        assert.deepEqual(org.ids(`SELECT Id FROM Account WHERE Id = '${a.toUpperCase()}'`), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id = :id', { id: a.slice(0, 15) }), [a]);
    });

    it('refuses a malformed Id', () => {
        const { org } = sample();
        assert.equal(
            queryError(() => org.query("SELECT Id FROM Account WHERE Id = 'nope'")),
            'invalid ID field: nope'
        );
    });

    it('uses a bound SObject, or a list of them, as their Ids (Using Apex Variables in SOQL and SOSL Queries)', () => {
        // https://developer.salesforce.com/docs/atlas.en-us.apexcode.meta/apexcode/langCon_apex_SOQL_variables.htm
        const { org, a, b } = sample();
        const acc = new SObjectValue('Account');
        acc.set('Id', b);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id = :acc', { acc }), [b]);
        const list = new ApexList(T.list(T.SObject), [acc, Object.assign(new SObjectValue('Account'), {})]);
        (list.items[1] as SObjectValue).set('Id', a);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id IN :accounts', { accounts: list }), [a, b]);
    });
});

describe('IN, NOT IN and semi-joins', () => {
    it('matches literal lists, bound lists and bound sets, = with a collection meaning IN', () => {
        const { org, a, b, c } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Industry IN ('retail', 'Energy')"), [a, b]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Industry NOT IN ('Retail')"), [b, c]);
        const names = new ApexList(T.list(T.String), ['cobalt', 'Acme Corp']);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Name IN :names', { names }), [a, c]);
        const ids = new ApexSet(T.Id, [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id = :ids', { ids }), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id NOT IN :ids', { ids }), [a, c]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id IN :ids', { ids: new ApexSet(T.Id) }), []);
    });

    it('filters by a semi-join and an anti-join subquery', () => {
        const { org, a, b, c } = sample();
        org.insert('Contact', { LastName: 'X', AccountId: b });
        org.insert('Contact', { LastName: 'Y', AccountId: a });
        assert.deepEqual(
            org.ids("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact WHERE LastName = 'x')"),
            [b]
        );
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Id NOT IN (SELECT AccountId FROM Contact)'), [c]);
    });
});

describe('LIKE', () => {
    it('matches % and _ case-insensitively', () => {
        const { org, a, b } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name LIKE 'acme%'"), [a]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name LIKE '_ETA%'"), [b]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name LIKE '%corp'"), [a]);
    });

    it('matches escaped \\_ and \\% literally (Quoted String Escape Sequences)', () => {
        // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
        const { org, b } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name LIKE 'beta\\_%'"), [b]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name LIKE 'acme\\_%'"), []);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Name LIKE '%100\\%'"), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Name LIKE :p', { p: '%\\_works%' }), [b]);
    });
});

describe('INCLUDES and EXCLUDES on multi-select picklists', () => {
    it("treats 'a;b' as both values and a list as any of them", () => {
        const { org, a, b, c } = sample();
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Tags__c INCLUDES ('gold;partner')"), [a]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Tags__c INCLUDES ('Gold;Silver')"), []);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Tags__c INCLUDES ('Partner', 'Silver')"), [a, b]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Tags__c EXCLUDES ('Gold')"), [b, c]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE Tags__c = 'Partner;Gold'"), [a]);
    });
});

describe('AND, OR, NOT and parentheses', () => {
    it('combines conditions', () => {
        const { org, a, b, c } = sample();
        assert.deepEqual(
            org.ids(
                "SELECT Id FROM Account WHERE Industry = 'Retail' OR (NumberOfEmployees < 10 AND Active__c = false)"
            ),
            [a, b]
        );
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE NOT Name LIKE 'a%'"), [b, c]);
        assert.deepEqual(org.ids("SELECT Id FROM Account WHERE (NOT (Industry = 'Retail')) AND Name != 'Cobalt'"), [b]);
    });
});

describe('date literals (Date Formats and Date Literals in WHERE)', () => {
    // https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
    // The fixture's now is 2024-06-15T12:00Z, 05:00 on 2024-06-15 in America/Los_Angeles.
    it('compares a date field with the range of days a literal covers', () => {
        const { org, a, b } = sample();
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c = YESTERDAY'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c = LAST_N_DAYS:3'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c < THIS_YEAR'), [b]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE Founded__c > LAST_YEAR'), [a]);
    });

    it("compares a datetime field with the user's midnights", () => {
        const { org, a, b } = sample();
        // 2024-06-15T08:00Z is 01:00 on the 15th in Los Angeles: today.
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE CreatedDate = TODAY'), [a]);
        // 2024-06-01T00:00Z is still May 31 in Los Angeles.
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE CreatedDate = THIS_MONTH'), [a]);
        assert.deepEqual(org.ids('SELECT Id FROM Account WHERE CreatedDate < LAST_N_DAYS:7'), [b]);
        // In Tokyo 08:00Z is the afternoon of the 15th, today there as well.
        assert.deepEqual(
            org.query('SELECT Id FROM Account WHERE CreatedDate = TODAY', {}, { userTimeZone: 'Asia/Tokyo' })
                .rowsCounted,
            1
        );
    });
});
