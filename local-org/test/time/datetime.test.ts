// System.Datetime through its NativeType table. The reference examples assume a user in California
// (America/Los_Angeles); so does the fake context. Expected values come from Apex Reference, "Datetime Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_datetime.htm) unless a
// test names another source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexDatetime, ApexLong } from '../../src/runtime/values';
import { assertApexError, callInstance, callStatic, day, fakeContext, gmt } from './fakeContext';

const ctx = fakeContext();
const local = (...fields: number[]): ApexDatetime =>
    callStatic(ctx, 'Datetime', 'newInstance', ...fields) as ApexDatetime;
const call = (self: ApexDatetime, name: string, ...args: unknown[]): unknown =>
    callInstance(ctx, 'Datetime', self, name, ...args);
const time = (h: number, m: number, s: number, ms: number): unknown =>
    callStatic(ctx, 'Time', 'newInstance', h, m, s, ms);

describe('Datetime.newInstance', () => {
    it("reads year..second in the user's time zone (PST in January, PDT in July)", () => {
        assert.deepEqual(local(1998, 1, 28, 18, 2, 3), gmt(1998, 1, 29, 2, 2, 3));
        assert.deepEqual(local(2012, 7, 9, 3, 3, 3), gmt(2012, 7, 9, 10, 3, 3));
    });

    it("is midnight in the user's time zone for a date alone", () => {
        assert.deepEqual(local(2008, 12, 1), gmt(2008, 12, 1, 8));
    });

    it('reads milliseconds since the epoch as GMT (reference example: 1341828183000 is 2012-07-09 03:03:03 local)', () => {
        assert.deepEqual(callStatic(ctx, 'Datetime', 'newInstance', 1341828183000), local(2012, 7, 9, 3, 3, 3));
        assert.deepEqual(callStatic(ctx, 'Datetime', 'newInstance', new ApexLong(0n)), new ApexDatetime(0));
    });

    it("combines a Date and a Time in the user's time zone (reference example: 2011-11-18 03:03:03)", () => {
        assert.deepEqual(
            callStatic(ctx, 'Datetime', 'newInstance', day(2011, 11, 18), time(3, 3, 3, 0)),
            local(2011, 11, 18, 3, 3, 3)
        );
    });

    it('reads a time skipped by the spring-forward gap as daylight time one hour later (java.util.GregorianCalendar)', () => {
        // 2024-03-10 02:30 does not exist in Los Angeles; Java reads it with the standard offset: 03:30 PDT.
        assert.deepEqual(local(2024, 3, 10, 2, 30, 0), gmt(2024, 3, 10, 10, 30));
        assert.deepEqual(local(2024, 3, 10, 3, 30, 0), gmt(2024, 3, 10, 10, 30));
    });

    it('reads a time repeated by the fall-back overlap as standard time (java.util.GregorianCalendar)', () => {
        // 2024-11-03 01:30 happens twice in Los Angeles: 08:30Z (PDT) and 09:30Z (PST).
        assert.deepEqual(local(2024, 11, 3, 1, 30, 0), gmt(2024, 11, 3, 9, 30));
    });
});

describe('Datetime.newInstanceGmt', () => {
    it('reads the fields in GMT (reference example: 1998-01-29 02:02:03 GMT is 1998-01-28 18:02:03 in California)', () => {
        const dt = callStatic(ctx, 'Datetime', 'newInstanceGmt', 1998, 1, 29, 2, 2, 3);
        assert.deepEqual(dt, local(1998, 1, 28, 18, 2, 3));
        assert.deepEqual(callStatic(ctx, 'Datetime', 'newInstanceGmt', 1996, 3, 22), gmt(1996, 3, 22));
        assert.deepEqual(
            callStatic(ctx, 'Datetime', 'newInstanceGmt', day(2013, 11, 12), time(3, 3, 3, 0)),
            gmt(2013, 11, 12, 3, 3, 3)
        );
    });
});

describe('Datetime.now', () => {
    it("is the context's clock", () => {
        assert.deepEqual(
            callStatic(fakeContext({ now: 1_700_000_000_123 }), 'Datetime', 'now'),
            new ApexDatetime(1_700_000_000_123)
        );
    });
});

describe('Datetime.valueOf, valueOfGmt and parse', () => {
    it("reads yyyy-MM-dd HH:mm:ss in the user's time zone (reference example: 2008-10-5 12:20:20)", () => {
        assert.deepEqual(callStatic(ctx, 'Datetime', 'valueOf', '2008-10-5 12:20:20'), local(2008, 10, 5, 12, 20, 20));
    });

    it('reads yyyy-MM-dd HH:mm:ss in GMT with valueOfGmt (reference example: 2009-3-5 5:2:2 is 2009-03-04 21:02:02 local)', () => {
        assert.deepEqual(callStatic(ctx, 'Datetime', 'valueOfGmt', '2009-3-5 5:2:2'), local(2009, 3, 4, 21, 2, 2));
    });

    it('throws TypeException without the time or with an ISO T (StackExchange 261970: "only ... yyyy-MM-dd HH:mm:ss")', () => {
        assertApexError(
            () => callStatic(ctx, 'Datetime', 'valueOf', '2024-01-01'),
            'TypeException',
            'Invalid date/time: 2024-01-01'
        );
        assertApexError(
            () => callStatic(ctx, 'Datetime', 'valueOf', '2024-01-01T10:00:00Z'),
            'TypeException',
            'Invalid date/time: 2024-01-01T10:00:00Z'
        );
    });

    it('converts a Date Object to midnight GMT, as the cast does (StackExchange 281180)', () => {
        assert.deepEqual(callStatic(ctx, 'Datetime', 'valueOf', day(2019, 10, 12)), gmt(2019, 10, 12));
    });

    it("parses the user locale's short date and time (reference example: '10/14/2011, 11:46 AM')", () => {
        const dt = callStatic(ctx, 'Datetime', 'parse', '10/14/2011, 11:46 AM') as ApexDatetime;
        assert.deepEqual(dt, local(2011, 10, 14, 11, 46, 0));
        assert.equal(call(dt, 'format'), '10/14/2011, 11:46 AM');
        assert.deepEqual(callStatic(ctx, 'Datetime', 'parse', '10/14/2011, 11:46 PM'), local(2011, 10, 14, 23, 46, 0));
        assert.deepEqual(
            callStatic(fakeContext({ userLocale: 'de_DE' }), 'Datetime', 'parse', '14.10.2011, 23:46'),
            local(2011, 10, 14, 23, 46, 0)
        );
    });

    it('throws TypeException for text in another format (StackExchange 339236: "Invalid date/time: 96598")', () => {
        assertApexError(
            () => callStatic(ctx, 'Datetime', 'parse', '96598'),
            'TypeException',
            'Invalid date/time: 96598'
        );
    });
});

describe('Datetime arithmetic', () => {
    it('adds hours, minutes and seconds (reference examples)', () => {
        assert.deepEqual(call(local(1997, 1, 31, 7, 8, 16), 'addHours', 3), local(1997, 1, 31, 10, 8, 16));
        assert.deepEqual(call(local(1999, 2, 11, 8, 6, 16), 'addMinutes', 7), local(1999, 2, 11, 8, 13, 16));
        assert.deepEqual(call(local(2001, 7, 19, 10, 7, 12), 'addSeconds', 4), local(2001, 7, 19, 10, 7, 16));
    });

    it('adds days, months and years (reference examples)', () => {
        assert.deepEqual(call(local(1960, 2, 17), 'addDays', 2), local(1960, 2, 19));
        assert.deepEqual(call(local(2000, 7, 7, 7, 8, 12), 'addMonths', 1), local(2000, 8, 7, 7, 8, 12));
        assert.deepEqual(call(local(2009, 12, 17, 13, 6, 6), 'addYears', 1), local(2010, 12, 17, 13, 6, 6));
    });

    it('keeps the local time of day when adding days across a daylight-saving change', () => {
        assert.deepEqual(call(local(2024, 3, 9, 12, 0, 0), 'addDays', 1), local(2024, 3, 10, 12, 0, 0));
        assert.equal(
            (call(local(2024, 3, 10, 0, 0, 0), 'addDays', 1) as ApexDatetime).epochMs - local(2024, 3, 10).epochMs,
            23 * 3_600_000
        );
    });

    it('adds 24 hours, not a calendar day, with addHours(24) across a daylight-saving change', () => {
        assert.deepEqual(call(local(2024, 3, 9, 12, 0, 0), 'addHours', 24), local(2024, 3, 10, 13, 0, 0));
    });

    it('clamps addMonths to the end of a shorter month, leap years included', () => {
        assert.deepEqual(call(local(2024, 1, 31, 9, 0, 0), 'addMonths', 1), local(2024, 2, 29, 9, 0, 0));
        assert.deepEqual(call(local(2024, 2, 29, 9, 0, 0), 'addYears', 1), local(2025, 2, 28, 9, 0, 0));
    });
});

describe('Datetime components', () => {
    it('reads the date in the user time zone and in GMT (reference examples)', () => {
        assert.deepEqual(call(local(2006, 3, 16, 12, 6, 13), 'date'), day(2006, 3, 16));
        assert.deepEqual(call(local(2006, 3, 16, 23, 0, 0), 'dateGMT'), day(2006, 3, 17));
    });

    it('reads local and GMT fields (reference examples)', () => {
        assert.equal(call(local(1986, 2, 21, 23, 0, 0), 'day'), 21);
        assert.equal(call(local(1987, 1, 14, 23, 0, 3), 'dayGmt'), 15);
        assert.equal(call(local(2008, 2, 5, 8, 30, 12), 'dayOfYear'), 36);
        assert.equal(call(local(1999, 2, 5, 23, 0, 3), 'dayOfYearGmt'), 37);
        assert.equal(call(local(1998, 11, 21, 3, 3, 3), 'hour'), 3);
        assert.equal(call(local(2000, 4, 27, 3, 3, 3), 'hourGmt'), 10);
        assert.equal(call(local(2001, 2, 27, 3, 3, 3), 'minute'), 3);
        assert.equal(call(local(2002, 12, 3, 3, 3, 3), 'minuteGmt'), 3);
        assert.equal(call(local(2004, 11, 4, 3, 3, 3), 'month'), 11);
        assert.equal(call(local(2006, 11, 19, 3, 3, 3), 'monthGmt'), 11);
        assert.equal(
            call(callStatic(ctx, 'Datetime', 'newInstanceGmt', 1999, 9, 22, 3, 1, 2) as ApexDatetime, 'second'),
            2
        );
        assert.equal(call(local(2000, 2, 3, 3, 1, 5), 'secondGmt'), 5);
        assert.equal(call(local(2012, 1, 26, 5, 2, 4), 'year'), 2012);
        assert.equal(call(gmt(2024, 1, 1, 3), 'year'), 2023);
        assert.equal(call(gmt(2024, 1, 1, 3), 'yearGmt'), 2024);
        assert.equal(call(new ApexDatetime(Date.UTC(2024, 0, 1) + 123), 'millisecond'), 123);
        assert.equal(call(new ApexDatetime(Date.UTC(2024, 0, 1) + 123), 'millisecondGmt'), 123);
    });

    it('reads the time of day in the user time zone and in GMT (reference examples)', () => {
        assert.deepEqual(call(local(2002, 11, 21, 0, 2, 2), 'time'), time(0, 2, 2, 0));
        assert.deepEqual(call(local(2004, 1, 27, 4, 1, 2), 'timeGmt'), time(12, 1, 2, 0));
    });

    it('returns milliseconds since the epoch as a Long (reference example: 1182567783000)', () => {
        const dt = callStatic(ctx, 'Datetime', 'newInstanceGmt', 2007, 6, 23, 3, 3, 3) as ApexDatetime;
        assert.deepEqual(call(dt, 'getTime'), new ApexLong(1182567783000n));
    });

    it("compares days in the user's time zone with isSameDay", () => {
        // 2024-01-02 05:00Z and 2024-01-01 20:00Z are both January 1 in Los Angeles.
        assert.equal(call(gmt(2024, 1, 2, 5), 'isSameDay', gmt(2024, 1, 1, 20)), true);
        assert.equal(call(gmt(2024, 1, 2, 9), 'isSameDay', gmt(2024, 1, 1, 20)), false);
    });
});

describe('Datetime formatting', () => {
    it("formats with the user locale's short date and time (reference example, ICU formats: '6/6/1993, 3:03 AM')", () => {
        assert.equal(call(local(1993, 6, 6, 3, 3, 3), 'format'), '6/6/1993, 3:03 AM');
    });

    it('formats with the short date and time of each supported locale (CLDR 41, four-digit years)', () => {
        const expected: Record<string, string> = {
            en_US: '1/2/2024, 9:05 PM',
            en_GB: '02/01/2024, 21:05',
            fr_FR: '02/01/2024 21:05',
            es_ES: '2/1/2024, 21:05',
            de_DE: '02.01.2024, 21:05'
        };
        for (const [locale, text] of Object.entries(expected)) {
            const user = fakeContext({ userLocale: locale });
            assert.equal(callInstance(user, 'Datetime', local(2024, 1, 2, 21, 5, 0), 'format'), text, locale);
        }
    });

    it("formats a SimpleDateFormat pattern in the user's time zone (reference example: '2022-05-04 7:37 PM')", () => {
        assert.equal(call(local(2022, 5, 4, 19, 37, 55), 'format', 'yyyy-MM-dd h:mm a'), '2022-05-04 7:37 PM');
    });

    it("formats in a named time zone (reference example: '06/01/2011 08:01:05' in America/New_York)", () => {
        const dt = callStatic(ctx, 'Datetime', 'newInstanceGmt', 2011, 6, 1, 12, 1, 5) as ApexDatetime;
        assert.equal(call(dt, 'format', 'MM/dd/yyyy HH:mm:ss', 'America/New_York'), '06/01/2011 08:01:05');
    });

    it('formats in GMT when the time zone is unknown ("If the supplied time zone is not in the correct format, GMT is used")', () => {
        assert.equal(call(gmt(2011, 6, 1, 12, 1, 5), 'format', 'HH:mm z', 'Mars/Olympus_Mons'), '12:01 GMT');
    });

    it("formats in GMT with formatGmt (reference example: 'Sun, Jun 6 1993 10:03:03')", () => {
        assert.equal(
            call(local(1993, 6, 6, 3, 3, 3), 'formatGmt', 'EEE, MMM d yyyy HH:mm:ss'),
            'Sun, Jun 6 1993 10:03:03'
        );
    });

    it('formats the long form with the zone abbreviation (reference example, in its ICU form: short date, long time)', () => {
        assert.equal(call(local(2012, 12, 28, 10, 0, 0), 'formatLong'), '12/28/2012, 10:00:00 AM PST');
        assert.equal(call(local(2012, 7, 28, 10, 0, 0), 'formatLong'), '7/28/2012, 10:00:00 AM PDT');
    });

    it('prints month and day names in the user language', () => {
        const french = fakeContext({ userLocale: 'fr_FR' });
        assert.equal(
            callInstance(french, 'Datetime', local(2024, 1, 2, 12, 0, 0), 'format', 'EEEE d MMMM yyyy'),
            'mardi 2 janvier 2024'
        );
    });
});
