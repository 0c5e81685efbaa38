// Reading a java.util.regex pattern: position, flags, syntax errors, escapes, literals and character classes
// (java.util.regex.Pattern Javadoc, "Summary of regular-expression constructs"), producing JavaScript `v`-flag
// source. The grammar on top of it (groups, quantifiers, anchors) is in javaRegex.ts.
//
// Java's CASE_INSENSITIVE is ASCII-only unless UNICODE_CASE is on, so letters and class ranges are expanded to
// both ASCII cases here rather than with JavaScript's Unicode-folding `i` flag.
import { raise, unsupported } from '../errors';
import { JAVA_HSPACE, JAVA_SPACE, JAVA_VSPACE, jsChar, propertyClass } from './regexProperties';

/** java.util.regex.Pattern flag bits. */
export const PatternFlags = {
    UNIX_LINES: 0x01,
    CASE_INSENSITIVE: 0x02,
    COMMENTS: 0x04,
    MULTILINE: 0x08,
    LITERAL: 0x10,
    DOTALL: 0x20,
    UNICODE_CASE: 0x40,
    CANON_EQ: 0x80,
    UNICODE_CHARACTER_CLASS: 0x100
} as const;

const F = PatternFlags;

type ClassItem = { kind: 'char'; cp: number } | { kind: 'set'; operand: string } | { kind: 'chars'; cps: number[] };

/** A Java pattern being read: position, flags, and the lexical constructs. */
export abstract class RegexScanner {
    protected pos = 0;

    constructor(
        protected readonly src: string,
        protected flags: number
    ) {}

    protected has(flag: number): boolean {
        return (this.flags & flag) !== 0;
    }

    protected error(description: string, index: number): never {
        // PatternSyntaxException.getMessage(): description, index, the pattern and a caret under the index.
        const caret = index >= 0 ? `\n${' '.repeat(index)}^` : '';
        raise('StringException', `Invalid regex: ${description} near index ${index}\n${this.src}${caret}`);
    }

    /** The next character, after whitespace and #-comments in COMMENTS mode. */
    protected peek(): string | undefined {
        if (this.has(F.COMMENTS)) {
            for (;;) {
                const ch = this.src[this.pos];
                if (ch !== undefined && /[ \t\n\x0B\f\r]/.test(ch)) this.pos++;
                else if (ch === '#')
                    while (this.pos < this.src.length && !/[\n\r\u0085\u2028\u2029]/.test(this.src[this.pos]))
                        this.pos++;
                else break;
            }
        }
        return this.src[this.pos];
    }

    protected readCodePoint(): number {
        const cp = this.src.codePointAt(this.pos) as number;
        this.pos += cp > 0xffff ? 2 : 1;
        return cp;
    }

    protected literal(cp: number): string {
        const ch = String.fromCodePoint(cp);
        if (!this.has(F.CASE_INSENSITIVE) || ch.toLowerCase() === ch.toUpperCase()) return jsChar(cp);
        if (this.has(F.UNICODE_CASE)) unsupported(`case-insensitive Unicode matching ((?iu)) in ${this.src}`);
        return /[A-Za-z]/.test(ch) ? `[${ch.toLowerCase()}${ch.toUpperCase()}]` : jsChar(cp);
    }

    /** The text of \Q...\E (the \Q already read), as code points. */
    protected quoted(): number[] {
        const end = this.src.indexOf('\\E', this.pos);
        const text = this.src.slice(this.pos, end < 0 ? this.src.length : end);
        this.pos = end < 0 ? this.src.length : end + 2;
        return [...text].map((c) => c.codePointAt(0) as number);
    }

    /** The escapes shared by classes and the rest of a pattern; `pos` is just after the backslash. */
    protected escape(start: number, inClass: boolean): ClassItem {
        const ch = this.src[this.pos++];
        const char = (cp: number): ClassItem => ({ kind: 'char', cp });
        const setOf = (operand: string): ClassItem => ({ kind: 'set', operand });
        switch (ch) {
            case 't':
                return char(0x09);
            case 'n':
                return char(0x0a);
            case 'r':
                return char(0x0d);
            case 'f':
                return char(0x0c);
            case 'a':
                return char(0x07);
            case 'e':
                return char(0x1b);
            case '0':
                return char(this.octal(start));
            case 'x':
                return char(this.hex(start));
            case 'u':
                return char(this.unicode(start));
            case 'c':
                if (this.pos >= this.src.length) this.error('Illegal control escape sequence', start + 1);
                return char(this.readCodePoint() ^ 64);
            case 'd':
            case 'D':
            case 'w':
            case 'W':
                return setOf(`\\${ch}`);
            case 's':
                return setOf(JAVA_SPACE);
            case 'S':
                return setOf(`[^${JAVA_SPACE}]`);
            case 'h':
                return setOf(JAVA_HSPACE);
            case 'H':
                return setOf(`[^${JAVA_HSPACE}]`);
            case 'v':
                return setOf(JAVA_VSPACE);
            case 'V':
                return setOf(`[^${JAVA_VSPACE}]`);
            case 'p':
            case 'P':
                return setOf(this.property(ch === 'P'));
            case 'Q':
                if (inClass) return { kind: 'chars', cps: this.quoted() };
                break;
            case undefined:
                return this.error('Unexpected internal error', start + 1);
            default:
                break;
        }
        if (/[a-zA-Z0-9]/.test(ch)) this.error('Illegal/unsupported escape sequence', this.pos - 1);
        this.pos--;
        return char(this.readCodePoint());
    }

    protected octal(start: number): number {
        const digits = /^[0-7]{1,3}/.exec(this.src.slice(this.pos))?.[0];
        if (!digits) this.error('Illegal octal escape sequence', start + 2);
        const used = digits.length === 3 && digits[0] > '3' ? digits.slice(0, 2) : digits;
        this.pos += used.length;
        return parseInt(used, 8);
    }

    protected hex(start: number): number {
        const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.src.slice(this.pos));
        if (braced) {
            const value = parseInt(braced[1], 16);
            if (value > 0x10ffff) this.error('Hexadecimal codepoint is too big', start);
            this.pos += braced[0].length;
            return value;
        }
        const two = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.pos));
        if (!two) this.error('Illegal hexadecimal escape sequence', start + 2);
        this.pos += 2;
        return parseInt(two[0], 16);
    }

    protected unicode(start: number): number {
        const four = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.pos));
        if (!four) this.error('Illegal Unicode escape sequence', start + 2);
        this.pos += 4;
        const high = parseInt(four[0], 16);
        // \uD83D\uDE00 is one code point in Java.
        const low = /^\\u([dD][c-fC-F][0-9a-fA-F]{2})/.exec(this.src.slice(this.pos));
        if (high >= 0xd800 && high <= 0xdbff && low) {
            this.pos += 6;
            return (high - 0xd800) * 0x400 + (parseInt(low[1], 16) - 0xdc00) + 0x10000;
        }
        return high;
    }

    protected property(negated: boolean): string {
        let name: string;
        if (this.src[this.pos] === '{') {
            const end = this.src.indexOf('}', this.pos);
            if (end < 0) this.error('Unclosed character family', this.src.length);
            name = this.src.slice(this.pos + 1, end);
            this.pos = end + 1;
        } else {
            name = this.src[this.pos++] ?? '';
        }
        const operand = propertyClass(name, this.has(F.CASE_INSENSITIVE));
        if (operand === undefined) this.error(`Unknown character property name {${name}}`, this.pos - 1);
        return negated ? `[^${operand}]` : operand;
    }

    /** A character class; `pos` is just after its '['. Java's unions, ranges and && intersections. */
    protected characterClass(): string {
        const open = this.pos - 1;
        const negated = this.src[this.pos] === '^';
        if (negated) this.pos++;
        const operands: string[] = [];
        let items: string[] = [];
        let first = true;
        for (;;) {
            const ch = this.peek();
            if (ch === undefined) this.error('Unclosed character class', this.src.length - 1);
            if (ch === ']' && !first) {
                this.pos++;
                break;
            }
            first = false;
            if (ch === '[') {
                this.pos++;
                items.push(this.characterClass());
            } else if (ch === '&' && this.src[this.pos + 1] === '&') {
                this.pos += 2;
                if (items.length) operands.push(items.join(''));
                items = [];
            } else {
                items.push(this.classItem());
            }
        }
        if (items.length) operands.push(items.join(''));
        if (operands.length === 0) this.error('Unclosed character class', open);
        const body = operands.length === 1 ? operands[0] : operands.map((operand) => `[${operand}]`).join('&&');
        // A negated class is always nested in a plain one: V8 11 (Node 20) under the `v` flag loses matches of
        // (?:A[^b])+ but not of (?:A[[^b]])+, as a comparison with the `u` flag on random patterns showed.
        return negated ? `[[^${body}]]` : `[${body}]`;
    }

    /** One member of a class: a character, a range, a predefined class or a \Q...\E run. */
    protected classItem(): string {
        const start = this.pos;
        const item: ClassItem =
            this.src[this.pos] === '\\'
                ? (this.pos++, this.escape(start, true))
                : { kind: 'char', cp: this.readCodePoint() };
        if (item.kind === 'set') return item.operand;
        if (item.kind === 'chars') return item.cps.map((cp) => this.classRange(cp, cp)).join('');
        const next = this.src[this.pos + 1];
        if (this.src[this.pos] === '-' && next !== undefined && next !== ']' && next !== '[') {
            this.pos++;
            const endStart = this.pos;
            const end: ClassItem =
                this.src[this.pos] === '\\'
                    ? (this.pos++, this.escape(endStart, true))
                    : { kind: 'char', cp: this.readCodePoint() };
            if (end.kind !== 'char' || end.cp < item.cp) this.error('Illegal character range', this.pos - 1);
            return this.classRange(item.cp, end.cp);
        }
        return this.classRange(item.cp, item.cp);
    }

    /** A range as class source, with the other ASCII case added under CASE_INSENSITIVE. */
    protected classRange(low: number, high: number): string {
        const range = (a: number, b: number) => (a === b ? jsChar(a) : `${jsChar(a)}-${jsChar(b)}`);
        let out = range(low, high);
        if (!this.has(F.CASE_INSENSITIVE)) return out;
        if (this.has(F.UNICODE_CASE)) unsupported(`case-insensitive Unicode matching ((?iu)) in ${this.src}`);
        const upper = [Math.max(low, 0x41), Math.min(high, 0x5a)];
        const lower = [Math.max(low, 0x61), Math.min(high, 0x7a)];
        if (upper[0] <= upper[1]) out += range(upper[0] + 32, upper[1] + 32);
        if (lower[0] <= lower[1]) out += range(lower[0] - 32, lower[1] - 32);
        return out;
    }
}
