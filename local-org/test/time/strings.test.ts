// The string, JSON and SOQL forms of dates and times. Each test names its source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
    concatStringOfDate,
    dateToDatetime,
    dateToJson,
    datetimeToJson,
    parseJsonDate,
    parseJsonDatetime,
    parseJsonTime,
    parseSoqlDate,
    parseSoqlDatetime,
    stringOfDate,
    stringOfDatetime,
    stringOfDatetimeGmt,
    stringOfTime,
    timeOf,
    timeToJson
} from '../../src/runtime/time';
import { assertApexError, day, gmt } from './fakeContext';

describe('String.valueOf, concatenation and System.debug', () => {
    it("prints a Date as yyyy-MM-dd with String.valueOf (Apex Reference, 'String Class', valueOf(dateToConvert))", () => {
        assert.equal(stringOfDate(day(2024, 1, 1)), '2024-01-01');
    });

    it('prints a Date with a midnight time in concatenation (qiita "Date.parse and valueOf": 2000-01-01 00:00:00)', () => {
        assert.equal(concatStringOfDate(day(2000, 1, 1)), '2000-01-01 00:00:00');
    });

    it("prints a Datetime in the user's zone with String.valueOf, in GMT in concatenation (albasfdc.com, 2016)", () => {
        // 2015-12-09 11:22:13 GMT seen from Madrid (GMT+1) is 12:22:13.
        const dt = gmt(2015, 12, 9, 11, 22, 13);
        assert.equal(stringOfDatetime(dt, 'Europe/Madrid'), '2015-12-09 12:22:13');
        assert.equal(stringOfDatetimeGmt(dt), '2015-12-09 11:22:13');
        assert.equal(stringOfDatetime(dt, 'America/Los_Angeles'), '2015-12-09 03:22:13');
    });

    it('prints a Time as HH:mm:ss.SSSZ (sfconnect.com, "Working with Time": 15:30:45.000Z)', () => {
        assert.equal(stringOfTime(timeOf(15, 30, 45, 0)), '15:30:45.000Z');
        assert.equal(stringOfTime(timeOf(9, 5, 0, 7)), '09:05:00.007Z');
    });
});

describe('JSON forms', () => {
    it('serializes a Datetime in GMT with milliseconds (StackExchange 222601: "2018-06-24T21:05:07.899Z")', () => {
        assert.equal(datetimeToJson(gmt(2018, 6, 24, 21, 5, 7, 899)), '2018-06-24T21:05:07.899Z');
        assert.equal(datetimeToJson(gmt(2024, 1, 1, 9)), '2024-01-01T09:00:00.000Z');
    });

    it('serializes a Date as yyyy-MM-dd and a Time as HH:mm:ss.SSSZ (StackExchange 220809: "10:10:10.010Z")', () => {
        assert.equal(dateToJson(day(2024, 1, 1)), '2024-01-01');
        assert.equal(timeToJson(timeOf(10, 10, 10, 10)), '10:10:10.010Z');
    });

    it('reads ISO 8601 datetimes with Z, an offset or none (GMT), with or without milliseconds', () => {
        assert.deepEqual(parseJsonDatetime('2025-01-01T13:00:00.000Z'), gmt(2025, 1, 1, 13));
        assert.deepEqual(parseJsonDatetime('2025-01-01T13:00:00Z'), gmt(2025, 1, 1, 13));
        assert.deepEqual(parseJsonDatetime('2025-01-01T13:00:00+02:00'), gmt(2025, 1, 1, 11));
        assert.deepEqual(parseJsonDatetime('2025-01-01T13:00:00-0530'), gmt(2025, 1, 1, 18, 30));
        assert.deepEqual(parseJsonDatetime('2025-01-01T13:00:00'), gmt(2025, 1, 1, 13));
        assert.deepEqual(parseJsonDatetime('2025-01-01T13:00:00.5Z'), gmt(2025, 1, 1, 13, 0, 0, 500));
    });

    it('reads a date alone as midnight GMT (StackExchange 261970) and a bare year as January 1 (StackExchange 339236)', () => {
        assert.deepEqual(parseJsonDatetime('2000-01-01'), gmt(2000, 1, 1));
        assert.equal(parseJsonDatetime('96598').epochMs, Date.UTC(96598, 0, 1));
    });

    it('throws JSONException for a string that is no ISO 8601 date', () => {
        const message = (type: string, text: string): string =>
            `Cannot deserialize instance of ${type} from VALUE_STRING value ${text} or request may be missing a required field`;
        assertApexError(() => parseJsonDatetime('12/12/2019'), 'JSONException', message('datetime', '12/12/2019'));
        assertApexError(
            () => parseJsonDatetime('2019-13-01T00:00:00Z'),
            'JSONException',
            message('datetime', '2019-13-01T00:00:00Z')
        );
        assertApexError(() => parseJsonDate('2019-02-29'), 'JSONException', message('date', '2019-02-29'));
        assertApexError(() => parseJsonTime('25:00:00.000Z'), 'JSONException', message('time', '25:00:00.000Z'));
    });

    it('reads dates and times in the forms JSON.serialize writes', () => {
        assert.deepEqual(parseJsonDate('2024-02-29'), day(2024, 2, 29));
        assert.deepEqual(parseJsonTime('10:10:10.010Z'), timeOf(10, 10, 10, 10));
        assert.deepEqual(parseJsonTime('10:10'), timeOf(10, 10, 0, 0));
    });
});

describe('Date to Datetime', () => {
    it('casts a Date to midnight GMT (StackExchange 281180)', () => {
        assert.deepEqual(dateToDatetime(day(2019, 10, 12)), gmt(2019, 10, 12));
    });
});

describe('SOQL date and dateTime literals', () => {
    it('reads YYYY-MM-DD dates and rejects impossible ones (SOQL and SOSL Reference, "Date Formats and Date Literals")', () => {
        assert.deepEqual(parseSoqlDate('1999-01-01'), day(1999, 1, 1));
        assert.deepEqual(parseSoqlDate('2024-02-29'), day(2024, 2, 29));
        assert.equal(parseSoqlDate('2023-02-29'), null);
        assert.equal(parseSoqlDate('1999-1-1'), null);
    });

    it('reads dateTimes with Z or an offset from UTC (reference examples)', () => {
        assert.deepEqual(parseSoqlDatetime('1999-01-01T23:01:01Z'), gmt(1999, 1, 1, 23, 1, 1));
        assert.deepEqual(parseSoqlDatetime('1999-01-01T23:01:01+01:00'), gmt(1999, 1, 1, 22, 1, 1));
        assert.deepEqual(parseSoqlDatetime('1999-01-01T23:01:01-08:00'), gmt(1999, 1, 2, 7, 1, 1));
        assert.equal(parseSoqlDatetime('1999-01-01T23:01:01'), null);
        assert.equal(parseSoqlDatetime('1999-01-01'), null);
    });
});
