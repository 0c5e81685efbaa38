// System.Time through its NativeType table. Expected values come from Apex Reference, "Time Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_time.htm).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexTime } from '../../src/runtime/values';
import { callInstance, callStatic, fakeContext } from './fakeContext';

const ctx = fakeContext();
const time = (h: number, m: number, s: number, ms: number): ApexTime =>
    callStatic(ctx, 'Time', 'newInstance', h, m, s, ms) as ApexTime;
const call = (self: ApexTime, name: string, ...args: unknown[]): unknown =>
    callInstance(ctx, 'Time', self, name, ...args);

describe('Time.newInstance and its components', () => {
    it('builds a time of day from hour, minutes, seconds and milliseconds (reference example: 3:14:15.926)', () => {
        const t = time(3, 14, 15, 926);
        assert.equal(call(t, 'hour'), 3);
        assert.equal(call(t, 'minute'), 14);
        assert.equal(call(t, 'second'), 15);
        assert.equal(call(t, 'millisecond'), 926);
        assert.deepEqual(t, new ApexTime(((3 * 60 + 14) * 60 + 15) * 1000 + 926));
    });

    it('does not depend on the user time zone ("UTC is assumed")', () => {
        const tokyo = fakeContext({ userTimeZone: 'Asia/Tokyo' });
        assert.deepEqual(callStatic(tokyo, 'Time', 'newInstance', 18, 30, 2, 20), time(18, 30, 2, 20));
    });
});

describe('Time arithmetic', () => {
    it('adds hours, minutes, seconds and milliseconds (reference examples)', () => {
        assert.deepEqual(call(time(1, 2, 3, 4), 'addHours', 3), time(4, 2, 3, 4));
        assert.deepEqual(call(time(1, 2, 3, 0), 'addMilliseconds', 1400), time(1, 2, 4, 400));
        assert.deepEqual(call(time(18, 30, 2, 20), 'addMinutes', 5), time(18, 35, 2, 20));
        assert.deepEqual(call(time(1, 2, 55, 0), 'addSeconds', 10), time(1, 3, 5, 0));
        assert.deepEqual(call(time(1, 2, 55, 0), 'addSeconds', -10), time(1, 2, 45, 0));
    });

    it('wraps around midnight in both directions', () => {
        assert.deepEqual(call(time(23, 30, 0, 0), 'addHours', 1), time(0, 30, 0, 0));
        assert.deepEqual(call(time(0, 15, 0, 0), 'addMinutes', -30), time(23, 45, 0, 0));
        assert.deepEqual(call(time(12, 0, 0, 0), 'addHours', 48), time(12, 0, 0, 0));
        assert.deepEqual(call(time(0, 0, 0, 0), 'addMilliseconds', -1), time(23, 59, 59, 999));
    });
});
