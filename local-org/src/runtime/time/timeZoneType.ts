// System.TimeZone. Source for every member: Apex Reference, "TimeZone Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_timezone.htm).
// IDs and the fallback to GMT for an unknown ID follow java.util.TimeZone, which the reference points to.
import { type NativeType, method } from '../native';
import type { ApexValue } from '../values';
import { datetimeArg, stringArg } from './args';
import { type Zone, longZoneName, offsetAt, offsetText, resolveZone } from './zones';

/** A TimeZone instance: a value of the Apex type TimeZone (UserInfo.getTimeZone() returns one too). */
export class ApexTimeZone {
    constructor(readonly zone: Zone) {}

    get id(): string {
        return this.zone.id;
    }
}

/** TimeZone.getTimeZone(id); an unknown ID gives GMT, as java.util.TimeZone.getTimeZone does. */
export function timeZoneOf(id: string): ApexTimeZone {
    return new ApexTimeZone(resolveZone(id));
}

/**
 * getDisplayName(): '(GMT-08:00) Pacific Standard Time (America/Los_Angeles)', or the daylight-saving name and
 * offset while daylight saving is in effect now ("In API version 45.0 and later, getDisplayName displays Daylight
 * Savings Time appropriately when daylight savings are in effect").
 */
export function displayName(tz: ApexTimeZone, nowMs: number): string {
    const offset = offsetText(offsetAt(tz.zone, nowMs), ':');
    return `(GMT${offset}) ${longZoneName(tz.zone, nowMs)} (${tz.id})`;
}

const self = (value: ApexValue): ApexTimeZone => value as ApexTimeZone;

export const timeZoneType: NativeType = {
    name: 'TimeZone',
    namespace: 'System',
    isInstance: (value) => value instanceof ApexTimeZone,
    staticMethods: {
        getTimeZone: [method(['String'], 'TimeZone', ([id]) => timeZoneOf(stringArg(id)))]
    },
    instanceMethods: {
        getDisplayName: [method([], 'String', (_a, ctx, tz) => displayName(self(tz), ctx.now()))],
        getID: [method([], 'String', (_a, _ctx, tz) => self(tz).id)],
        // "the time zone offset, in milliseconds, of the specified date to the GMT time zone", adjusted for DST.
        getOffset: [
            method(['Datetime'], 'Integer', ([dt], _ctx, tz) => offsetAt(self(tz).zone, datetimeArg(dt).epochMs))
        ],
        // java.util.TimeZone's toString is a debugging dump; what Apex prints is the ID (System.debug(tz)).
        toString: [method([], 'String', (_a, _ctx, tz) => self(tz).id)]
    }
};
