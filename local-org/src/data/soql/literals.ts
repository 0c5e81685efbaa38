// Decoding of SOQL literal tokens: quoted strings with their escapes, dates and datetimes.
import { raise } from '../../runtime/errors';

// The Apex lexer rejects the LIKE-only escapes \% and \_, which dynamic SOQL may contain. parse.ts rewrites
// them as these private-use characters (written as \uXXXX escapes the lexer accepts); decoding turns them
// back into escaped pattern characters.
export const ESCAPED_PERCENT = '\uE025';
export const ESCAPED_UNDERSCORE = '\uE05F';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
    n: '\n',
    r: '\r',
    t: '\t',
    b: '\b',
    f: '\f',
    '"': '"',
    "'": "'",
    '\\': '\\'
};

/**
 * Decodes a quoted literal as written ('it\'s'). Escapes per "Quoted String Escape Sequences",
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_quotedstringescapes.htm
 * (\n \r \t \b \f \" \' \\ \uXXXX, letters in either case; \% and \_ only in LIKE). `pattern` keeps backslash
 * escapes before %, _ and \ so a LIKE pattern can tell a literal % from a wildcard.
 */
export function decodeStringLiteral(token: string): { value: string; pattern: string } {
    const body = token.startsWith("'''") ? token.slice(3, -3).replace(/^\r?\n/, '') : token.slice(1, -1);
    let value = '';
    let pattern = '';
    for (let i = 0; i < body.length; i++) {
        const c = body[i];
        if (c !== '\\') {
            value += c;
            pattern += c;
            continue;
        }
        const next = body[++i] ?? '';
        const lower = next.toLowerCase();
        if (lower === 'u') {
            const hex = body.slice(i + 1, i + 5);
            const decoded = String.fromCharCode(parseInt(hex, 16));
            i += 4;
            if (decoded === ESCAPED_PERCENT || decoded === ESCAPED_UNDERSCORE) {
                const literal = decoded === ESCAPED_PERCENT ? '%' : '_';
                value += literal;
                pattern += `\\${literal}`;
            } else {
                value += decoded;
                pattern += decoded === '\\' ? '\\\\' : decoded;
            }
        } else if (lower in SIMPLE_ESCAPES) {
            const decoded = SIMPLE_ESCAPES[lower];
            value += decoded;
            pattern += decoded === '\\' ? '\\\\' : decoded;
        } else {
            raise('QueryException', `Invalid string literal '${body}'. Illegal character sequence '\\${next}'`);
        }
    }
    return { value, pattern };
}

/** Days since 1970-01-01 of a proleptic Gregorian date (negative before); civil-from-days arithmetic, no Date quirks. */
export function epochDayOf(year: number, month: number, day: number): number {
    const y = month <= 2 ? year - 1 : year;
    const era = Math.floor(y / 400);
    const yearOfEra = y - era * 400;
    const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
    const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of epochDayOf. */
export function civilOf(epochDay: number): { year: number; month: number; day: number } {
    const z = epochDay + 719_468;
    const era = Math.floor(z / 146_097);
    const dayOfEra = z - era * 146_097;
    const yearOfEra = Math.floor(
        (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365
    );
    const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
    const mp = Math.floor((5 * dayOfYear + 2) / 153);
    const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
    const month = mp < 10 ? mp + 3 : mp - 9;
    return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function validDate(year: number, month: number, day: number): boolean {
    if (month < 1 || month > 12 || day < 1) return false;
    return civilOf(epochDayOf(year, month, day)).month === month;
}

/**
 * YYYY-MM-DD, per "Date Formats and Date Literals in WHERE",
 * https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_dateformats.htm
 */
export function parseDateLiteral(text: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m || !validDate(+m[1], +m[2], +m[3])) raise('QueryException', `unexpected token: '${text}'`);
    return epochDayOf(+m[1], +m[2], +m[3]);
}

/** YYYY-MM-DDThh:mm:ss(.sss)?(Z|±hh(:mm)?), the zone offset always from UTC (same page). */
export function parseDateTimeLiteral(text: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})t(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(z|([+-])(\d{1,2})(?::?(\d{2}))?)$/i.exec(
        text
    );
    if (!m || !validDate(+m[1], +m[2], +m[3]) || +m[4] > 23 || +m[5] > 59 || +m[6] > 59) {
        raise('QueryException', `unexpected token: '${text}'`);
    }
    const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
    const local = epochDayOf(+m[1], +m[2], +m[3]) * 86_400_000 + ((+m[4] * 60 + +m[5]) * 60 + +m[6]) * 1000 + millis;
    if (m[8].toLowerCase() === 'z') return local;
    const offsetMinutes = (+m[10] * 60 + (m[11] ? +m[11] : 0)) * (m[9] === '-' ? -1 : 1);
    return local - offsetMinutes * 60_000;
}
