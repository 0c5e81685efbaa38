// System.Time. Source for every member: Apex Reference, "Time Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_time.htm).
// A Time has no date, so the add methods wrap around midnight (23:30 plus one hour is 00:30), as java.util's
// lenient time fields do.
import { type NativeType, method } from '../native';
import { type ApexValue, ApexTime } from '../values';
import { intArg } from './args';
import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, floorMod, wallFieldsOf } from './calendar';
import { timeOf } from './strings';

const self = (value: ApexValue): ApexTime => value as ApexTime;

function add(time: ApexValue, ms: number): ApexTime {
    return new ApexTime(floorMod(self(time).msOfDay + ms, MS_PER_DAY));
}

export const timeType: NativeType = {
    name: 'Time',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexTime,
    staticMethods: {
        // "(UTC is assumed.)": a Time is a time of day, not tied to the user's zone.
        newInstance: [
            method(['Integer', 'Integer', 'Integer', 'Integer'], 'Time', (a) => {
                const [hour, minute, second, millisecond] = a.map(intArg);
                return timeOf(hour, minute, second, millisecond);
            })
        ]
    },
    instanceMethods: {
        addHours: [method(['Integer'], 'Time', ([n], _ctx, t) => add(t, intArg(n) * MS_PER_HOUR))],
        addMilliseconds: [method(['Integer'], 'Time', ([n], _ctx, t) => add(t, intArg(n)))],
        addMinutes: [method(['Integer'], 'Time', ([n], _ctx, t) => add(t, intArg(n) * MS_PER_MINUTE))],
        addSeconds: [method(['Integer'], 'Time', ([n], _ctx, t) => add(t, intArg(n) * 1000))],
        hour: [method([], 'Integer', (_a, _ctx, t) => wallFieldsOf(self(t).msOfDay).hour)],
        millisecond: [method([], 'Integer', (_a, _ctx, t) => wallFieldsOf(self(t).msOfDay).millisecond)],
        minute: [method([], 'Integer', (_a, _ctx, t) => wallFieldsOf(self(t).msOfDay).minute)],
        second: [method([], 'Integer', (_a, _ctx, t) => wallFieldsOf(self(t).msOfDay).second)]
    }
};
