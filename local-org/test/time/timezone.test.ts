// System.TimeZone through its NativeType table. Expected values come from Apex Reference, "TimeZone Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_timezone.htm) unless
// a test names another source.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexTimeZone } from '../../src/runtime/time';
import { callInstance, callStatic, fakeContext, gmt } from './fakeContext';

const winter = fakeContext({ now: Date.UTC(2024, 0, 15, 12) });
const summer = fakeContext({ now: Date.UTC(2024, 6, 15, 12) });
const zone = (id: string): ApexTimeZone => callStatic(winter, 'TimeZone', 'getTimeZone', id) as ApexTimeZone;
const call = (tz: ApexTimeZone, name: string, ...args: unknown[]): unknown =>
    callInstance(winter, 'TimeZone', tz, name, ...args);

describe('TimeZone.getTimeZone and getID', () => {
    it('returns the zone of a tz database ID, keeping the ID', () => {
        const tz = zone('America/New_York');
        assert.ok(tz instanceof ApexTimeZone);
        assert.equal(call(tz, 'getID'), 'America/New_York');
        assert.equal(call(tz, 'toString'), 'America/New_York');
    });

    it('falls back to GMT for an unknown ID, as java.util.TimeZone.getTimeZone does', () => {
        assert.equal(call(zone('Nowhere/Special'), 'getID'), 'GMT');
        assert.equal(call(zone('america/los_angeles'), 'getID'), 'GMT');
    });

    it("accepts Java's custom GMT offsets and three-letter IDs (java.util.TimeZone)", () => {
        const custom = zone('GMT+5:30');
        assert.equal(call(custom, 'getID'), 'GMT+05:30');
        assert.equal(call(custom, 'getOffset', gmt(2024, 1, 1)), 19_800_000);
        assert.equal(call(zone('PST'), 'getOffset', gmt(2024, 7, 1)), -25_200_000);
    });
});

describe('TimeZone.getOffset', () => {
    it('is the offset at the given instant, with daylight saving (reference examples for New York)', () => {
        const ny = zone('America/New_York');
        assert.equal(call(ny, 'getOffset', gmt(2000, 11, 1)), -18_000_000);
        assert.equal(call(ny, 'getOffset', gmt(2012, 11, 1)), -14_400_000);
        assert.equal(call(ny, 'getOffset', gmt(2014, 11, 2, 5, 59, 59)), -14_400_000);
        assert.equal(call(ny, 'getOffset', gmt(2014, 11, 2, 6, 0, 0)), -18_000_000);
    });
});

describe('TimeZone.getDisplayName', () => {
    it('names the standard or daylight time in effect now, with its offset and ID (reference example)', () => {
        const la = zone('America/Los_Angeles');
        assert.equal(call(la, 'getDisplayName'), '(GMT-08:00) Pacific Standard Time (America/Los_Angeles)');
        assert.equal(
            callInstance(summer, 'TimeZone', la, 'getDisplayName'),
            '(GMT-07:00) Pacific Daylight Time (America/Los_Angeles)'
        );
    });

    it('says British Summer Time for Europe/London in summer (API 45.0 versioned behavior)', () => {
        const london = zone('Europe/London');
        assert.equal(
            callInstance(summer, 'TimeZone', london, 'getDisplayName'),
            '(GMT+01:00) British Summer Time (Europe/London)'
        );
        assert.equal(call(london, 'getDisplayName'), '(GMT+00:00) Greenwich Mean Time (Europe/London)');
    });

    it('names GMT itself', () => {
        assert.equal(call(zone('GMT'), 'getDisplayName'), '(GMT+00:00) Greenwich Mean Time (GMT)');
    });
});
