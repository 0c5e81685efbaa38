// String.format(stringToFormat, formattingArguments) (Apex Reference, "String Class": "Treat the first argument
// as a pattern and return a string using the second argument for substitution and formatting. The substitution
// and formatting are the same as apex:outputText and the Java MessageFormat class"). The pattern syntax, quoting
// rules and argument handling below are java.text.MessageFormat's; MessageFormat's IllegalArgumentException
// surfaces in Apex as System.StringException ("Cannot format given Object as a Number", Salesforce Stack
// Exchange 38643).
import { raise, unsupported } from '../errors';
import { ApexDate, ApexDatetime, ApexDecimal, ApexDouble, ApexLong, ApexTime, type ApexValue } from '../values';

interface FormatElement {
    readonly index: number;
    readonly type: string;
    readonly style: string;
}

type Segment = string | FormatElement;

/** MessageFormat.applyPattern: text, quoted with '...', '' for a quote, and {index[,type[,style]]} elements. */
function parse(pattern: string): Segment[] {
    const segments: Segment[] = [];
    let raw = '';
    let parts: string[] | undefined;
    let inQuote = false;
    let braces = 0;
    for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i];
        if (!parts) {
            if (ch === "'") {
                if (pattern[i + 1] === "'") {
                    raw += ch;
                    i++;
                } else inQuote = !inQuote;
            } else if (ch === '{' && !inQuote) {
                segments.push(raw);
                raw = '';
                parts = [''];
            } else raw += ch;
            continue;
        }
        const part = parts.length - 1;
        if (inQuote) {
            parts[part] += ch;
            if (ch === "'") inQuote = false;
        } else if (ch === ',' && part < 2) {
            parts.push('');
        } else if (ch === '{') {
            braces++;
            parts[part] += ch;
        } else if (ch === '}' && braces > 0) {
            braces--;
            parts[part] += ch;
        } else if (ch === '}') {
            segments.push(element(parts));
            parts = undefined;
        } else if (ch === ' ' && part === 1 && parts[1].length === 0) {
            // MessageFormat skips leading spaces of the format type.
        } else {
            if (ch === "'") inQuote = true;
            parts[part] += ch;
        }
    }
    if (parts) raise('StringException', 'Unmatched braces in the pattern.');
    segments.push(raw);
    return segments;
}

function element(parts: string[]): FormatElement {
    const [indexText, type = '', style = ''] = parts;
    if (!/^\d+$/.test(indexText)) raise('StringException', `can't parse argument number: ${indexText}`);
    const normalized = type.trim().toLowerCase();
    if (!['', 'number', 'date', 'time', 'choice'].includes(normalized))
        raise('StringException', `unknown format type: ${type}`);
    return { index: Number(indexText), type: normalized, style: style.trim() };
}

/** A number as sign, integer digits and fraction digits, exactly (a Double by its shortest decimal form). */
function decimalDigits(value: ApexValue): { negative: boolean; whole: string; fraction: string } | undefined {
    let text: string;
    if (typeof value === 'number') text = String(value);
    else if (value instanceof ApexLong) text = value.value.toString();
    else if (value instanceof ApexDecimal) {
        const digits = (value.unscaled < 0n ? -value.unscaled : value.unscaled).toString();
        const sign = value.unscaled < 0n ? '-' : '';
        if (value.scale <= 0) text = sign + digits + '0'.repeat(-value.scale);
        else {
            const padded = digits.padStart(value.scale + 1, '0');
            text = `${sign}${padded.slice(0, padded.length - value.scale)}.${padded.slice(padded.length - value.scale)}`;
        }
    } else if (value instanceof ApexDouble) {
        if (!Number.isFinite(value.value)) return unsupported('String.format of a Double that is NaN or infinite');
        text = value.value.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
        if (Object.is(value.value, -0)) text = '-0';
    } else return undefined;
    const negative = text.startsWith('-');
    const [whole, fraction = ''] = text.replace('-', '').split('.');
    return { negative, whole, fraction };
}

/** Rounds to `max` fraction digits, HALF_EVEN (DecimalFormat's default), and drops trailing zeros. */
function roundHalfEven(whole: string, fraction: string, max: number): { whole: string; fraction: string } {
    if (fraction.length > max) {
        const kept = fraction.slice(0, max);
        const rest = fraction.slice(max);
        const digits = BigInt(whole + kept);
        const half = rest[0] === '5' && /^5?0*$/.test(rest);
        const up = rest[0] > '5' || (rest[0] === '5' && !half) || (half && digits % 2n === 1n);
        const rounded = (up ? digits + 1n : digits).toString().padStart(max + 1, '0');
        whole = rounded.slice(0, rounded.length - max);
        fraction = rounded.slice(rounded.length - max);
    }
    return { whole: whole.replace(/^0+(?=\d)/, ''), fraction: fraction.replace(/0+$/, '') };
}

/**
 * NumberFormat.getInstance(locale) ("#,##0.###") or getIntegerInstance ("#,##0"), which MessageFormat applies to
 * a number with no format type. Only English locales are emulated: the symbols of others differ between Java's
 * locale data and the JavaScript engine's.
 */
function formatNumber(value: ApexValue, locale: string, maxFraction: number): string | undefined {
    const digits = decimalDigits(value);
    if (!digits) return undefined;
    if (!/^en([_-]|$)/i.test(locale)) unsupported(`String.format of a number for the locale ${locale}`);
    const { whole, fraction } = roundHalfEven(digits.whole, digits.fraction, maxFraction);
    const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return (digits.negative ? '-' : '') + grouped + (fraction ? `.${fraction}` : '');
}

function formatArgument(
    value: ApexValue,
    el: FormatElement,
    locale: string,
    stringOf: (v: ApexValue) => string
): string {
    if (value === null || value === undefined) return 'null';
    if (el.type === 'number') {
        if (el.style !== '' && el.style.toLowerCase() !== 'integer') {
            unsupported(`String.format with the number style '${el.style}'`);
        }
        const formatted = formatNumber(value, locale, el.style === '' ? 3 : 0);
        if (formatted === undefined) raise('StringException', 'Cannot format given Object as a Number');
        return formatted;
    }
    if (el.type !== '') unsupported(`String.format with the format type '${el.type}'`);
    if (typeof value === 'string') return value;
    if (value instanceof ApexDate || value instanceof ApexDatetime || value instanceof ApexTime) {
        unsupported('String.format with a Date, Datetime or Time argument (MessageFormat date formatting)');
    }
    return formatNumber(value, locale, 3) ?? stringOf(value);
}

/**
 * String.format. An index beyond the arguments stays as "{n}", a null argument prints "null", a number is
 * formatted for the locale ("1,000", at most three decimals), anything else as String.valueOf prints it.
 */
export function formatMessage(
    pattern: string,
    args: readonly ApexValue[],
    locale: string,
    stringOf: (value: ApexValue) => string
): string {
    let out = '';
    for (const segment of parse(pattern)) {
        if (typeof segment === 'string') out += segment;
        else if (segment.index >= args.length) out += `{${segment.index}}`;
        else out += formatArgument(args[segment.index], segment, locale, stringOf);
    }
    return out;
}
