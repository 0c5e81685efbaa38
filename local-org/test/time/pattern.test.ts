// SimpleDateFormat patterns, as Datetime.format(dateFormatString) takes them. Apex Reference, "Datetime Class",
// format(dateFormatString), points to java.text.SimpleDateFormat
// (https://docs.oracle.com/javase/7/docs/api/java/text/SimpleDateFormat.html); the expected strings are what that
// class prints.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPattern } from '../../src/runtime/time';
import { resolveZone } from '../../src/runtime/time/zones';
import { assertUnsupported, gmt } from './fakeContext';

const LA = resolveZone('America/Los_Angeles');
const UTC = resolveZone('GMT');
// Tuesday 2024-01-02 21:05:07.008 in Los Angeles (2024-01-03 05:05:07.008Z).
const winter = gmt(2024, 1, 3, 5, 5, 7, 8).epochMs;
// Tuesday 2024-07-02 09:05:07 in Los Angeles (PDT).
const summer = gmt(2024, 7, 2, 16, 5, 7).epochMs;
const fmt = (pattern: string, ms = winter, zone = LA, locale = 'en_US'): string =>
    formatPattern(pattern, ms, zone, locale);

describe('SimpleDateFormat numbers', () => {
    it('pads numbers to the letter count and writes a two-letter year in two digits', () => {
        assert.equal(fmt('yyyy-MM-dd HH:mm:ss'), '2024-01-02 21:05:07');
        assert.equal(fmt('y/M/d H:m:s'), '2024/1/2 21:5:7');
        assert.equal(fmt('yy'), '24');
        assert.equal(fmt('yyyyy'), '02024');
    });

    it('prints milliseconds as a padded number: S is 8, SSS is 008', () => {
        assert.equal(fmt('S'), '8');
        assert.equal(fmt('SSS'), '008');
    });

    it('prints 12- and 24-hour clocks: h (1-12), K (0-11), H (0-23), k (1-24)', () => {
        const midnight = gmt(2024, 1, 1, 0).epochMs;
        assert.equal(fmt('h K H k a', midnight, UTC), '12 0 0 24 AM');
        assert.equal(fmt('hh:mm a'), '09:05 PM');
    });

    it('prints the day of the year, the day of the week in the month and the ISO day number', () => {
        assert.equal(fmt('D F u'), '2 1 2');
        assert.equal(fmt('DDD', gmt(2024, 12, 31, 12).epochMs, UTC), '366');
    });

    it('numbers weeks as the locale does: Sunday-first weeks for en_US, ISO-like weeks for de_DE', () => {
        // 2021-01-01 is a Friday: week 1 in en_US (minimal days 1), week 53 of 2020 in de_DE (minimal days 4).
        const jan1 = gmt(2021, 1, 1, 12).epochMs;
        assert.equal(fmt('w Y', jan1, UTC, 'en_US'), '1 2021');
        assert.equal(fmt('w Y', jan1, UTC, 'de_DE'), '53 2020');
        // 2024-12-29 is a Sunday: in en_US it starts week 1 of 2025.
        assert.equal(fmt('w Y', gmt(2024, 12, 29, 12).epochMs, UTC, 'en_US'), '1 2025');
        assert.equal(fmt('W', gmt(2024, 1, 14, 12).epochMs, UTC, 'en_US'), '3');
    });
});

describe('SimpleDateFormat text', () => {
    it('prints short names for three letters and full names for four', () => {
        assert.equal(fmt('EEE, MMM d'), 'Tue, Jan 2');
        assert.equal(fmt('EEEE, MMMM d'), 'Tuesday, January 2');
        assert.equal(fmt('G'), 'AD');
    });

    it("prints quoted text as is, and '' as a quote", () => {
        assert.equal(fmt("yyyy-MM-dd'T'HH:mm:ss"), '2024-01-02T21:05:07');
        assert.equal(fmt("h 'o''clock' a"), "9 o'clock PM");
        assert.equal(fmt("''yy''"), "'24'");
    });

    it('fails loudly for a letter SimpleDateFormat rejects and for an unterminated quote', () => {
        assertUnsupported(() => fmt('yyyy-MM-dd q'), /pattern letter 'q'/);
        assertUnsupported(() => fmt("yyyy 'at"), /unterminated quote/);
    });
});

describe('SimpleDateFormat time zones', () => {
    it('prints z as the abbreviation of standard or daylight time, zzzz as the full name', () => {
        assert.equal(fmt('z'), 'PST');
        assert.equal(fmt('z', summer), 'PDT');
        assert.equal(fmt('zzzz'), 'Pacific Standard Time');
        assert.equal(fmt('zzzz', summer), 'Pacific Daylight Time');
    });

    it('prints the English abbreviations Java has for European and Asian zones', () => {
        assert.equal(fmt('z', winter, resolveZone('Europe/Paris')), 'CET');
        assert.equal(fmt('z', summer, resolveZone('Europe/London')), 'BST');
        assert.equal(fmt('z', winter, resolveZone('Asia/Kolkata')), 'IST');
        assert.equal(fmt('z', winter, resolveZone('UTC')), 'UTC');
        assert.equal(fmt('z', winter, UTC), 'GMT');
    });

    it('prints Z as -0800 and X, XX, XXX as ISO offsets, Z for zero', () => {
        assert.equal(fmt('Z'), '-0800');
        assert.equal(fmt('X'), '-08');
        assert.equal(fmt('XX'), '-0800');
        assert.equal(fmt('XXX'), '-08:00');
        assert.equal(fmt('XXX', winter, UTC), 'Z');
        assert.equal(fmt('Z', winter, resolveZone('Asia/Kolkata')), '+0530');
    });
});
