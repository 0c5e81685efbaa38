// Salesforce record Ids: a 3-character key prefix naming the object, then the record's number, 15
// case-sensitive characters in all; the 18-character form adds a 3-character case-insensitive checksum
// (Salesforce Help, "What Are Salesforce IDs?"; Apex Reference, "Id Class": an Id variable always holds
// the 18-character form, and `Id.valueOf` raises StringException "Invalid id: x" for anything else).
import { raise } from '../runtime/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const FORM = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The checksum suffix of a 15-character Id: each group of 5 characters gives a bit mask of its upper-case letters. */
function checksum(id15: string): string {
    let suffix = '';
    for (let group = 0; group < 3; group++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(group * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        suffix += ALPHABET[bits];
    }
    return suffix;
}

export function isIdForm(value: string): boolean {
    return FORM.test(value);
}

/** The 18-character form of an Id; StringException for a string that is not an Id. */
export function normalizeId(value: string): string {
    if (!FORM.test(value)) raise('StringException', `Invalid id: ${value}`);
    if (value.length === 18) {
        const id15 = value.slice(0, 15);
        const expected = checksum(id15);
        if (value.slice(15).toUpperCase() !== expected) raise('StringException', `Invalid id: ${value}`);
        return id15 + expected;
    }
    return value + checksum(value);
}

/** Whether two Ids name the same record (15- or 18-character forms). */
export function sameId(a: string, b: string): boolean {
    return a.slice(0, 15) === b.slice(0, 15);
}

/** Generates the Ids of an org: the key prefix, a pod-like '5e' marker, then a base-62 counter. */
export class IdGenerator {
    private readonly counters = new Map<string, number>();

    next(keyPrefix: string): string {
        const n = (this.counters.get(keyPrefix) ?? 0) + 1;
        this.counters.set(keyPrefix, n);
        let digits = '';
        for (let rest = n; digits.length < 10; rest = Math.floor(rest / 62)) digits = BASE62[rest % 62] + digits;
        const id15 = `${keyPrefix}5e${digits}`;
        return id15 + checksum(id15);
    }

    /** Counters, for a snapshot a test run restores. */
    save(): Map<string, number> {
        return new Map(this.counters);
    }

    restore(saved: Map<string, number>): void {
        this.counters.clear();
        for (const [k, v] of saved) this.counters.set(k, v);
    }
}
