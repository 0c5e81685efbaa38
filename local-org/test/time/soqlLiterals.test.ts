// SOQL date literals as ranges. Source: SOQL and SOSL Reference, "Date Formats and Date Literals in WHERE"
// (https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { soqlDateLiteralDays, soqlDateLiteralRange } from '../../src/runtime/time';
import { assertApexError, assertUnsupported, day } from './fakeContext';

// Wednesday 2024-03-13, in Los Angeles.
const today = day(2024, 3, 13).epochDay;
const days = (literal: string, n?: number, locale = 'en_US'): [string, string] => {
    const [start, end] = soqlDateLiteralDays(literal, n, today, locale);
    const iso = (d: number): string => new Date(d * 86_400_000).toISOString().slice(0, 10);
    return [iso(start), iso(end)];
};

describe('SOQL date literals for days', () => {
    it('covers one day for YESTERDAY, TODAY and TOMORROW', () => {
        assert.deepEqual(days('YESTERDAY'), ['2024-03-12', '2024-03-13']);
        assert.deepEqual(days('TODAY'), ['2024-03-13', '2024-03-14']);
        assert.deepEqual(days('tomorrow'), ['2024-03-14', '2024-03-15']);
    });

    it('includes today in LAST_N_DAYS:n and LAST_90_DAYS ("LAST_N_DAYS:1 includes yesterday and today")', () => {
        assert.deepEqual(days('LAST_N_DAYS', 1), ['2024-03-12', '2024-03-14']);
        assert.deepEqual(days('LAST_90_DAYS'), ['2023-12-14', '2024-03-14']);
    });

    it('starts NEXT_N_DAYS:n and NEXT_90_DAYS tomorrow ("NEXT_N_DAYS:1 is equivalent to TOMORROW")', () => {
        assert.deepEqual(days('NEXT_N_DAYS', 1), days('TOMORROW'));
        assert.deepEqual(days('NEXT_90_DAYS'), ['2024-03-14', '2024-06-12']);
    });

    it('covers the single day n days ago for N_DAYS_AGO:n', () => {
        assert.deepEqual(days('N_DAYS_AGO', 13), ['2024-02-29', '2024-03-01']);
    });
});

describe('SOQL date literals for weeks', () => {
    it('starts weeks on Sunday for en_US ("Your locale determines the first day of the week")', () => {
        assert.deepEqual(days('THIS_WEEK'), ['2024-03-10', '2024-03-17']);
        assert.deepEqual(days('LAST_WEEK'), ['2024-03-03', '2024-03-10']);
        assert.deepEqual(days('NEXT_WEEK'), ['2024-03-17', '2024-03-24']);
    });

    it('starts weeks on Monday for de_DE', () => {
        assert.deepEqual(days('THIS_WEEK', undefined, 'de_DE'), ['2024-03-11', '2024-03-18']);
    });

    it('covers whole weeks before or after this one for LAST_N_WEEKS, NEXT_N_WEEKS and N_WEEKS_AGO', () => {
        assert.deepEqual(days('LAST_N_WEEKS', 2), ['2024-02-25', '2024-03-10']);
        assert.deepEqual(days('NEXT_N_WEEKS', 2), ['2024-03-17', '2024-03-31']);
        assert.deepEqual(days('N_WEEKS_AGO', 2), ['2024-02-25', '2024-03-03']);
    });
});

describe('SOQL date literals for months, quarters and years', () => {
    it('covers calendar months, February of a leap year included', () => {
        assert.deepEqual(days('LAST_MONTH'), ['2024-02-01', '2024-03-01']);
        assert.deepEqual(days('THIS_MONTH'), ['2024-03-01', '2024-04-01']);
        assert.deepEqual(days('NEXT_MONTH'), ['2024-04-01', '2024-05-01']);
        assert.deepEqual(days('LAST_N_MONTHS', 3), ['2023-12-01', '2024-03-01']);
        assert.deepEqual(days('NEXT_N_MONTHS', 2), ['2024-04-01', '2024-06-01']);
        assert.deepEqual(days('N_MONTHS_AGO', 1), ['2024-02-01', '2024-03-01']);
    });

    it('covers calendar quarters', () => {
        assert.deepEqual(days('THIS_QUARTER'), ['2024-01-01', '2024-04-01']);
        assert.deepEqual(days('LAST_QUARTER'), ['2023-10-01', '2024-01-01']);
        assert.deepEqual(days('NEXT_QUARTER'), ['2024-04-01', '2024-07-01']);
        assert.deepEqual(days('LAST_N_QUARTERS', 2), ['2023-07-01', '2024-01-01']);
        assert.deepEqual(days('NEXT_N_QUARTERS', 2), ['2024-04-01', '2024-10-01']);
    });

    it('covers calendar years', () => {
        assert.deepEqual(days('THIS_YEAR'), ['2024-01-01', '2025-01-01']);
        assert.deepEqual(days('LAST_YEAR'), ['2023-01-01', '2024-01-01']);
        assert.deepEqual(days('NEXT_N_YEARS', 2), ['2025-01-01', '2027-01-01']);
        assert.deepEqual(days('N_YEARS_AGO', 2), ['2022-01-01', '2023-01-01']);
    });

    it('fails loudly for fiscal literals, which need the org fiscal year settings', () => {
        assertUnsupported(() => days('THIS_FISCAL_YEAR'), /THIS_FISCAL_YEAR/);
    });

    it('throws QueryException for an n literal without n, and for an unknown literal', () => {
        assertApexError(
            () => days('LAST_N_DAYS'),
            'QueryException',
            'Date literal LAST_N_DAYS needs a number: LAST_N_DAYS:n'
        );
        assertApexError(() => days('LAST_FORTNIGHT'), 'QueryException', "unexpected token: 'LAST_FORTNIGHT'");
    });
});

describe('SOQL date literal ranges of instants', () => {
    it("runs from the user's midnight to the user's midnight", () => {
        const now = Date.UTC(2024, 0, 2, 5, 0); // 2024-01-01 21:00 in Los Angeles
        assert.deepEqual(soqlDateLiteralRange('TODAY', undefined, now, 'America/Los_Angeles'), [
            Date.UTC(2024, 0, 1, 8),
            Date.UTC(2024, 0, 2, 8)
        ]);
        assert.deepEqual(soqlDateLiteralRange('TODAY', undefined, now, 'GMT'), [
            Date.UTC(2024, 0, 2),
            Date.UTC(2024, 0, 3)
        ]);
    });

    it('lasts 23 hours on the day daylight saving starts and 25 on the day it ends', () => {
        const spring = soqlDateLiteralRange('TODAY', undefined, Date.UTC(2024, 2, 10, 20), 'America/Los_Angeles');
        assert.deepEqual(spring, [Date.UTC(2024, 2, 10, 8), Date.UTC(2024, 2, 11, 7)]);
        const autumn = soqlDateLiteralRange('TODAY', undefined, Date.UTC(2024, 10, 3, 20), 'America/Los_Angeles');
        assert.equal(autumn[1] - autumn[0], 25 * 3_600_000);
    });

    it('takes the first day of the week from the locale', () => {
        const now = Date.UTC(2024, 2, 13, 20);
        const [sunday] = soqlDateLiteralRange('THIS_WEEK', undefined, now, 'Europe/Berlin');
        const [monday] = soqlDateLiteralRange('THIS_WEEK', undefined, now, 'Europe/Berlin', 'de_DE');
        assert.equal(sunday, Date.UTC(2024, 2, 9, 23));
        assert.equal(monday, Date.UTC(2024, 2, 10, 23));
    });
});
