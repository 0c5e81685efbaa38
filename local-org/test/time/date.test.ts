// System.Date through its NativeType table. Expected values come from Apex Reference, "Date Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_date.htm) unless a
// test names another source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexDate } from '../../src/runtime/values';
import { assertApexError, assertUnsupported, callInstance, callStatic, day, fakeContext, gmt } from './fakeContext';

const ctx = fakeContext();
const date = (y: number, m: number, d: number): ApexDate => callStatic(ctx, 'Date', 'newInstance', y, m, d) as ApexDate;
const call = (self: ApexDate, name: string, ...args: unknown[]): unknown =>
    callInstance(ctx, 'Date', self, name, ...args);

describe('Date.newInstance', () => {
    it('builds the date of a year, month (1 = January) and day (reference example: 1960-02-17)', () => {
        assert.deepEqual(date(1960, 2, 17), day(1960, 2, 17));
    });

    it('rolls an out-of-range month or day into the next unit (StackExchange 167737: month 27 of 2016 is March 2018)', () => {
        assert.deepEqual(date(2016, 27, 7), day(2018, 3, 7));
        assert.deepEqual(date(2024, 3, 0), day(2024, 2, 29));
        assert.deepEqual(date(2023, 2, 30), day(2023, 3, 2));
    });
});

describe('Date.today', () => {
    it("is the current date in the user's time zone, not GMT's", () => {
        const lateEvening = fakeContext({ userTimeZone: 'America/Los_Angeles', now: Date.UTC(2024, 0, 2, 5, 0) });
        assert.deepEqual(callStatic(lateEvening, 'Date', 'today'), day(2024, 1, 1));
        const tokyo = fakeContext({ userTimeZone: 'Asia/Tokyo', now: Date.UTC(2024, 0, 1, 20, 0) });
        assert.deepEqual(callStatic(tokyo, 'Date', 'today'), day(2024, 1, 2));
    });
});

describe('Date.valueOf', () => {
    it('reads yyyy-MM-dd and ignores a time part (reference example: 2008-10-5 12:20:20)', () => {
        assert.deepEqual(callStatic(ctx, 'Date', 'valueOf', '2008-10-5 12:20:20'), day(2008, 10, 5));
        assert.deepEqual(callStatic(ctx, 'Date', 'valueOf', '2024-02-29'), day(2024, 2, 29));
    });

    it('accepts dates outside the 1700-4000 field range (qiita "Date.parse and valueOf": 1699-1-1)', () => {
        assert.deepEqual(callStatic(ctx, 'Date', 'valueOf', '1699-1-1'), day(1699, 1, 1));
    });

    it('throws TypeException for a string in another format', () => {
        assertApexError(
            () => callStatic(ctx, 'Date', 'valueOf', '01/02/2024'),
            'TypeException',
            'Invalid date: 01/02/2024'
        );
    });

    it('converts an Object holding a Date, and a Datetime to its GMT date (digicomet blog, 2014)', () => {
        assert.deepEqual(callStatic(ctx, 'Date', 'valueOf', day(2024, 5, 6)), day(2024, 5, 6));
        assert.deepEqual(callStatic(ctx, 'Date', 'valueOf', gmt(2024, 5, 6, 2, 0)), day(2024, 5, 6));
        assertApexError(
            () => callStatic(ctx, 'Date', 'valueOf', 42),
            'TypeException',
            'Invalid conversion from runtime type Integer to Date'
        );
    });
});

describe('Date.parse', () => {
    it('reads the en_US short date (reference example: 12/27/2009)', () => {
        assert.deepEqual(callStatic(ctx, 'Date', 'parse', '12/27/2009'), day(2009, 12, 27));
    });

    it('reads the short date of the user locale', () => {
        assert.deepEqual(
            callStatic(fakeContext({ userLocale: 'de_DE' }), 'Date', 'parse', '27.12.2009'),
            day(2009, 12, 27)
        );
        assert.deepEqual(
            callStatic(fakeContext({ userLocale: 'en_GB' }), 'Date', 'parse', '27/12/2009'),
            day(2009, 12, 27)
        );
    });

    it('throws TypeException for another format, and for a year before 1700 (qiita: "Invalid date: 1699/1/1")', () => {
        assertApexError(
            () => callStatic(ctx, 'Date', 'parse', '2009-12-27'),
            'TypeException',
            'Invalid date: 2009-12-27'
        );
        assertApexError(() => callStatic(ctx, 'Date', 'parse', '1/1/1699'), 'TypeException', 'Invalid date: 1/1/1699');
    });

    it('fails loudly for a locale whose formats are not in the table', () => {
        assertUnsupported(
            () => callStatic(fakeContext({ userLocale: 'ja_JP' }), 'Date', 'parse', '2009/12/27'),
            /ja_JP/
        );
    });
});

describe('Date.daysInMonth and Date.isLeapYear', () => {
    it('counts 29 days in February of a leap year (reference example: February 1960)', () => {
        assert.equal(callStatic(ctx, 'Date', 'daysInMonth', 1960, 2), 29);
        assert.equal(callStatic(ctx, 'Date', 'daysInMonth', 2023, 2), 28);
        assert.equal(callStatic(ctx, 'Date', 'daysInMonth', 2024, 4), 30);
    });

    it('follows the Gregorian rule: 2004 and 2000 are leap years, 1900 is not', () => {
        assert.equal(callStatic(ctx, 'Date', 'isLeapYear', 2004), true);
        assert.equal(callStatic(ctx, 'Date', 'isLeapYear', 2000), true);
        assert.equal(callStatic(ctx, 'Date', 'isLeapYear', 1900), false);
    });
});

describe('Date arithmetic', () => {
    it('adds days across a month and a leap day', () => {
        assert.deepEqual(call(date(1960, 2, 17), 'addDays', 2), day(1960, 2, 19));
        assert.deepEqual(call(date(2024, 2, 28), 'addDays', 1), day(2024, 2, 29));
        assert.deepEqual(call(date(2024, 3, 1), 'addDays', -1), day(2024, 2, 29));
    });

    it('adds months, clamping to the end of a shorter month (reference example: 1990-11-21 + 3 = 1991-02-21)', () => {
        assert.deepEqual(call(date(1990, 11, 21), 'addMonths', 3), day(1991, 2, 21));
        assert.deepEqual(call(date(2024, 1, 31), 'addMonths', 1), day(2024, 2, 29));
        assert.deepEqual(call(date(2023, 1, 31), 'addMonths', 1), day(2023, 2, 28));
        assert.deepEqual(call(date(2024, 3, 31), 'addMonths', -1), day(2024, 2, 29));
    });

    it('adds years, moving February 29 to February 28 (reference example: 1983-07-15 + 2 = 1985-07-15)', () => {
        assert.deepEqual(call(date(1983, 7, 15), 'addYears', 2), day(1985, 7, 15));
        assert.deepEqual(call(date(2024, 2, 29), 'addYears', 1), day(2025, 2, 28));
    });

    it('counts days between dates, negative when the argument is earlier', () => {
        assert.equal(call(date(2008, 1, 1), 'daysBetween', date(2008, 1, 30)), 29);
        assert.equal(call(date(2008, 1, 30), 'daysBetween', date(2008, 1, 1)), -29);
        assert.equal(call(date(2024, 1, 1), 'daysBetween', date(2025, 1, 1)), 366);
    });

    it('counts months between dates ignoring the days (reference example: 72)', () => {
        assert.equal(call(date(2006, 12, 2), 'monthsBetween', date(2012, 12, 8)), 72);
        assert.equal(call(date(2024, 1, 31), 'monthsBetween', date(2024, 2, 1)), 1);
        assert.equal(call(date(2024, 3, 1), 'monthsBetween', date(2024, 1, 31)), -2);
    });
});

describe('Date components', () => {
    it('returns the day, month, year and day of the year (reference examples)', () => {
        assert.equal(call(date(1989, 4, 21), 'day'), 21);
        assert.equal(call(date(2004, 11, 21), 'month'), 11);
        assert.equal(call(date(1988, 12, 17), 'year'), 1988);
        assert.equal(call(date(1998, 10, 21), 'dayOfYear'), 294);
        assert.equal(call(date(2024, 12, 31), 'dayOfYear'), 366);
    });

    it('compares dates with isSameDay', () => {
        assert.equal(call(date(2008, 1, 30), 'isSameDay', date(2008, 1, 30)), true);
        assert.equal(call(date(2008, 1, 30), 'isSameDay', date(2008, 1, 31)), false);
    });
});

describe('Date.toStartOfMonth and Date.toStartOfWeek', () => {
    it('returns the first of the month (reference example: 1987-12-17 -> 1987-12-01)', () => {
        assert.deepEqual(call(date(1987, 12, 17), 'toStartOfMonth'), day(1987, 12, 1));
    });

    it('starts the week on Sunday for en_US and on Monday for European locales', () => {
        // 2024-01-17 is a Wednesday.
        assert.deepEqual(call(date(2024, 1, 17), 'toStartOfWeek'), day(2024, 1, 14));
        const german = fakeContext({ userLocale: 'de_DE' });
        assert.deepEqual(callInstance(german, 'Date', date(2024, 1, 17), 'toStartOfWeek'), day(2024, 1, 15));
        assert.deepEqual(callInstance(german, 'Date', date(2024, 1, 14), 'toStartOfWeek'), day(2024, 1, 8));
        assert.deepEqual(call(date(2024, 1, 14), 'toStartOfWeek'), day(2024, 1, 14));
    });
});

describe('Date.format', () => {
    it('prints the en_US short date with a four-digit year (reference example: 3/21/2001)', () => {
        assert.equal(call(date(2001, 3, 21), 'format'), '3/21/2001');
    });

    it('prints the short date of the user locale (CLDR 41 short dates with four-digit years)', () => {
        const formats: Record<string, string> = {
            en_GB: '02/01/2024',
            fr_FR: '02/01/2024',
            es_ES: '2/1/2024',
            de_DE: '02.01.2024'
        };
        for (const [locale, expected] of Object.entries(formats)) {
            assert.equal(
                callInstance(fakeContext({ userLocale: locale }), 'Date', date(2024, 1, 2), 'format'),
                expected,
                locale
            );
        }
    });
});
