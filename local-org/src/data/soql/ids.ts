// Salesforce record Ids: 15 case-sensitive characters, or 18 with a 3-character suffix that encodes the case
// of the first 15, so the 18-character form survives case-insensitive handling. The store holds 18-character
// Ids; SOQL accepts either form ("ID Field Type", SOAP API Developer Guide,
// https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/field_types.htm#i1435616).

const SUFFIX_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';

function suffixOf(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const c = id15.charCodeAt(chunk * 5 + i);
            if (c >= 65 && c <= 90) bits |= 1 << i;
        }
        suffix += SUFFIX_CHARS[bits];
    }
    return suffix;
}

/** The canonical 18-character form of a 15- or 18-character Id, or null when `text` is not an Id. */
export function normalizeId(text: string): string | null {
    if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-5]{3})?$/.test(text)) return null;
    if (text.length === 15) return text + suffixOf(text);
    // Restore the case the suffix records, so '001ABC...' typed in capitals still finds its record.
    const suffix = text.slice(15).toUpperCase();
    let id15 = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        const bits = SUFFIX_CHARS.indexOf(suffix[chunk]);
        if (bits < 0) return null;
        for (let i = 0; i < 5; i++) {
            const c = text[chunk * 5 + i];
            id15 += bits & (1 << i) ? c.toUpperCase() : c.toLowerCase();
        }
    }
    return id15 + suffix;
}
