// Translates java.util.regex syntax into an equivalent JavaScript `v`-flag pattern. Apex regular expressions
// are Java's (Apex Developer Guide, "Using Patterns and Matchers": "Regular expressions in Apex follow the
// standard syntax for regular expressions used in Java"; semantics from the java.util.regex.Pattern Javadoc).
//
// Every flag-dependent construct (., ^, $, case-insensitive letters) is expanded at its position, so inline
// flags work anywhere, as in Java, and the JavaScript pattern needs no flag but `v`. What JavaScript cannot
// express is `unsupported`, never approximated: possessive quantifiers, atomic groups, \G, case-insensitive
// back references, and the repetitions whose iterations the two engines treat differently (see `repeat`).
// Checked against java.util.regex of Java 17 on hand-written cases and random patterns: the remaining known
// difference is that Java keeps a capture a positive look-ahead made during a failed attempt at an earlier
// position, where JavaScript reports the group as not taking part.
import { unsupported } from '../errors';
import { PatternFlags, RegexScanner } from './regexScanner';

export { PatternFlags } from './regexScanner';

const F = PatternFlags;
const INLINE_FLAGS: Record<string, number> = { d: F.UNIX_LINES, i: F.CASE_INSENSITIVE, x: F.COMMENTS, m: F.MULTILINE };
Object.assign(INLINE_FLAGS, { s: F.DOTALL, u: F.UNICODE_CASE, U: F.UNICODE_CHARACTER_CLASS });

export interface JavaRegex {
    /** The Java pattern, as Pattern.pattern() returns it. */
    readonly source: string;
    readonly flags: number;
    /** The equivalent JavaScript pattern, for `new RegExp(jsSource, 'v' + ...)`. */
    readonly jsSource: string;
    readonly groupCount: number;
    readonly groupNames: ReadonlyMap<string, number>;
}

const ANY = '[\\s\\S]';
const AT_START = `(?<!${ANY})`;
const AT_END = `(?!${ANY})`;
const TERMINATOR = '[\\n\\r\\u{85}\\u{2028}\\u{2029}]';
const NOT_IN_CRLF = '(?!(?<=\\r)\\n)';
const WORD = '[\\p{L}\\p{Nd}\\p{Mn}_]';

/** A translated piece of a pattern, with what the repetition rules need to know of it. */
interface Part {
    readonly text: string;
    /** It can match the empty string. */
    readonly nullable: boolean;
    /** It holds a capturing group. */
    readonly captures: boolean;
    /** It holds a capturing group that may take no part in a match of it (in one branch, or optional). */
    readonly conditional: boolean;
}

/** An atom; a following quantifier applies to `last` only (a \Q...\E run quantifies its last character). */
interface Atom {
    readonly prefix: string;
    readonly last: Part;
    readonly assertion: boolean;
}

const part = (text: string, nullable = false): Part => ({ text, nullable, captures: false, conditional: false });
const plain = (text: string): Atom => ({ prefix: '', last: part(text), assertion: false });
const assertion = (text: string): Atom => ({ prefix: '', last: part(text, true), assertion: true });

class Translator extends RegexScanner {
    private groups = 0;
    private readonly names = new Map<string, number>();

    translate(): JavaRegex {
        if (this.flags & F.CANON_EQ) unsupported('Pattern.CANON_EQ');
        let js: string;
        if (this.flags & F.LITERAL) {
            js = [...this.src].map((ch) => this.literal(ch.codePointAt(0) as number)).join('');
        } else {
            js = this.alternation().text;
            if (this.pos < this.src.length) this.error("Unmatched closing ')'", this.pos - 1);
        }
        const total = this.groups;
        // A back reference to a group the pattern does not have never matches in Java; JavaScript rejects it.
        js = js.replace(/<<REF:(\d+)>>/g, (_, n: string) => (Number(n) <= total ? `(?:\\${n})` : '(?!)'));
        try {
            new RegExp(js, 'v');
        } catch (e) {
            this.error((e as Error).message, this.pos);
        }
        return { source: this.src, flags: this.flags, jsSource: js, groupCount: total, groupNames: this.names };
    }

    private alternation(): Part {
        const branches = [this.sequence()];
        while (this.peek() === '|') {
            this.pos++;
            branches.push(this.sequence());
        }
        const captures = branches.some((b) => b.captures);
        return {
            text: branches.map((b) => b.text).join('|'),
            nullable: branches.some((b) => b.nullable),
            captures,
            conditional: branches.some((b) => b.conditional) || (branches.length > 1 && captures)
        };
    }

    private sequence(): Part {
        const items: Part[] = [];
        for (;;) {
            const ch = this.peek();
            if (ch === undefined || ch === '|' || ch === ')') break;
            const atom = this.atom();
            if (atom === null) continue;
            const quantifier = this.quantifier();
            const last = quantifier ? this.repeat(atom, quantifier) : atom.last;
            items.push({ ...last, text: atom.prefix + last.text, nullable: atom.prefix === '' && last.nullable });
        }
        return {
            text: items.map((i) => i.text).join(''),
            nullable: items.every((i) => i.nullable),
            captures: items.some((i) => i.captures),
            conditional: items.some((i) => i.conditional)
        };
    }

    /**
     * A quantified atom. Java and JavaScript repeat a group that can match the empty string differently
     * (JavaScript rejects an empty iteration, Java keeps it and stops), and JavaScript forgets the captures of
     * earlier iterations: X? is rewritten to Java's meaning, the other cases are not emulated.
     */
    private repeat(atom: Atom, q: { text: string; min: number; max: number; lazy: boolean }): Part {
        const x = atom.last;
        // Java reads a stray '{' as a quantifier of nothing, which stays nothing however repeated.
        if (x.text === '(?:)') return x;
        if (q.max > 1 && x.conditional) {
            unsupported(`a repeated group holding a capturing group that may not take part (${this.src})`);
        }
        const optional = q.min === 0;
        const result = {
            nullable: x.nullable || optional,
            captures: x.captures,
            conditional: x.conditional || (optional && x.captures)
        };
        if (x.nullable && q.max > 1) unsupported(`a repeated group that can match the empty string (${this.src})`);
        if (x.nullable && q.min === 0 && q.max === 1) {
            return { ...result, text: q.lazy ? `(?:|${x.text})` : `(?:${x.text}|)` };
        }
        return { ...result, text: (atom.assertion ? `(?:${x.text})` : x.text) + q.text };
    }

    private quantifier(): { text: string; min: number; max: number; lazy: boolean } | undefined {
        const ch = this.peek();
        let text: string;
        let min: number;
        let max: number;
        if (ch === '?' || ch === '*' || ch === '+') {
            this.pos++;
            text = ch;
            [min, max] = ch === '?' ? [0, 1] : ch === '*' ? [0, Infinity] : [1, Infinity];
        } else if (ch === '{') {
            const open = this.pos;
            const match = /^\{(\d+)(,(\d*))?(\})?/.exec(this.src.slice(this.pos));
            if (!match) this.error('Illegal repetition', open + 1);
            if (!match[4]) this.error('Unclosed counted closure', open + match[0].length);
            min = Number(match[1]);
            max = match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity;
            if (max < min) this.error('Illegal repetition range', open + match[0].length - 1);
            this.pos += match[0].length;
            text = match[0];
        } else {
            return undefined;
        }
        const suffix = this.src[this.pos];
        if (suffix === '+') unsupported(`the possessive quantifier ${text}+ in the regular expression ${this.src}`);
        if (suffix === '?') this.pos++;
        return { text: suffix === '?' ? text + '?' : text, min, max, lazy: suffix === '?' };
    }

    /** One atom, or null for a flag-only group such as (?i). */
    private atom(): Atom | null {
        const start = this.pos;
        const ch = this.src[this.pos++];
        switch (ch) {
            case '(':
                return this.group();
            case '[':
                return plain(this.characterClass());
            case '.':
                return plain(this.dot());
            case '^':
                return assertion(this.caret());
            case '$':
                return assertion(this.dollar());
            case '*':
            case '+':
            case '?':
                return this.error(`Dangling meta character '${ch}'`, start);
            case '{':
                // Java reads a '{' where an atom should be as a quantifier of nothing: a{2}{3} is a{2}.
                this.pos = start;
                return { prefix: '', last: part('(?:)', true), assertion: false };
            case '\\':
                return this.escapeOutsideClass();
            default:
                this.pos = start;
                return plain(this.literal(this.readCodePoint()));
        }
    }

    private dot(): string {
        if (this.has(F.DOTALL)) return ANY;
        // Nested for the V8 `v`-flag defect described in RegexScanner.characterClass.
        return this.has(F.UNIX_LINES) ? '[[^\\n]]' : `[[^${TERMINATOR.slice(1, -1)}]]`;
    }

    // Java's ^ in MULTILINE mode matches after any line terminator (not inside \r\n) but never at the end.
    private caret(): string {
        if (!this.has(F.MULTILINE)) return AT_START;
        if (this.has(F.UNIX_LINES)) return `(?=${ANY})(?:${AT_START}|(?<=\\n))`;
        return `(?=${ANY})(?:${AT_START}|(?<=${TERMINATOR})${NOT_IN_CRLF})`;
    }

    // Java's $ without MULTILINE also matches before a final line terminator, as \Z does.
    private dollar(): string {
        const unix = this.has(F.UNIX_LINES);
        if (this.has(F.MULTILINE)) return unix ? `(?=\\n|${AT_END})` : `(?:${AT_END}|(?=${TERMINATOR})${NOT_IN_CRLF})`;
        return unix ? `(?=\\n?${AT_END})` : `(?=(?:\\r\\n|${TERMINATOR})?${AT_END})${NOT_IN_CRLF}`;
    }

    private group(): Atom | null {
        const saved = this.flags;
        let head: string;
        let lookaround = false;
        let capturing = false;
        if (this.src[this.pos] !== '?') {
            this.groups++;
            capturing = true;
            head = '(';
        } else {
            this.pos++;
            const kind = this.src[this.pos++];
            if (kind === ':') head = '(?:';
            else if (kind === '=' || kind === '!') {
                head = `(?${kind}`;
                lookaround = true;
            } else if (kind === '<' && (this.src[this.pos] === '=' || this.src[this.pos] === '!')) {
                head = `(?<${this.src[this.pos++]}`;
                lookaround = true;
            } else if (kind === '<') {
                const name = /^([a-zA-Z][a-zA-Z0-9]*)(>?)/.exec(this.src.slice(this.pos));
                if (!name) this.error('capturing group name does not start with a Latin letter', this.pos);
                if (!name[2]) this.error("named capturing group is missing trailing '>'", this.pos + name[0].length);
                if (this.names.has(name[1])) {
                    this.error(`Named capturing group <${name[1]}> is already defined`, this.pos + name[1].length);
                }
                this.pos += name[0].length;
                this.names.set(name[1], ++this.groups);
                capturing = true;
                head = `(?<${name[1]}>`;
            } else if (kind === '>') {
                return unsupported(`the atomic group (?>...) in the regular expression ${this.src}`);
            } else {
                this.pos--;
                if (this.inlineFlags()) return null;
                head = '(?:';
            }
        }
        const body = this.alternation();
        if (this.src[this.pos] !== ')') this.error('Unclosed group', this.src.length);
        this.pos++;
        this.flags = saved;
        // Java keeps what a negative look-around captured while failing; JavaScript never does.
        if (head.endsWith('!') && body.captures)
            unsupported(`a capturing group inside a negative look-around (${this.src})`);
        const last: Part = {
            text: head + body.text + ')',
            nullable: lookaround || body.nullable,
            captures: capturing || body.captures,
            conditional: body.conditional
        };
        return { prefix: '', last, assertion: lookaround };
    }

    /** (?idmsuxU-idmsuxU) or (?idmsux-idmsux: — true when it was the flag-only form. */
    private inlineFlags(): boolean {
        let on = true;
        for (;;) {
            const ch = this.src[this.pos++];
            if (ch === ')') return true;
            if (ch === ':') return false;
            if (ch === '-') on = false;
            else if (ch !== undefined && Object.hasOwn(INLINE_FLAGS, ch)) {
                this.flags = on ? this.flags | INLINE_FLAGS[ch] : this.flags & ~INLINE_FLAGS[ch];
                if (this.has(F.UNICODE_CHARACTER_CLASS)) unsupported('Pattern.UNICODE_CHARACTER_CLASS ((?U))');
            } else this.error('Unknown inline modifier', this.pos - 1);
        }
    }

    private escapeOutsideClass(): Atom {
        const start = this.pos - 1;
        const ch = this.src[this.pos];
        const boundary = `(?:(?<=${WORD})(?!${WORD})|(?<!${WORD})(?=${WORD}))`;
        switch (ch) {
            case 'A':
                this.pos++;
                return assertion(AT_START);
            case 'z':
                this.pos++;
                return assertion(AT_END);
            case 'Z': {
                this.pos++;
                const saved = this.flags;
                this.flags &= ~F.MULTILINE;
                const end = this.dollar();
                this.flags = saved;
                return assertion(end);
            }
            case 'b':
                this.pos++;
                if (this.src[this.pos] === '{') unsupported('\\b{g} in a regular expression');
                // Java's \b counts Unicode letters and digits as word characters; JavaScript's only [A-Za-z0-9_].
                return assertion(boundary);
            case 'B':
                this.pos++;
                return assertion(`(?:(?<=${WORD})(?=${WORD})|(?<!${WORD})(?!${WORD}))`);
            case 'G':
            case 'X':
            case 'N':
                return unsupported(`\\${ch} in the regular expression ${this.src}`);
            case 'R':
                this.pos++;
                // \R is atomic in Java: a \r\n pair is never split.
                return plain(`(?:\\r\\n|(?!\\r\\n)[\\n\\x0B\\f\\r\\u{85}\\u{2028}\\u{2029}])`);
            case 'k': {
                const name = /^k<([a-zA-Z][a-zA-Z0-9]*)>/.exec(this.src.slice(this.pos));
                if (!name) this.error("\\k is not followed by '<' for named capturing group", this.pos);
                if (!this.names.has(name[1])) {
                    this.error(`named capturing group <${name[1]}> does not exist`, this.pos + name[0].length - 1);
                }
                this.pos += name[0].length;
                this.noCaseInsensitiveReference();
                // A back reference matches the empty string when its group did.
                return { prefix: '', last: part(`\\k<${name[1]}>`, true), assertion: false };
            }
            case 'Q': {
                this.pos++;
                const chars = this.quoted().map((cp) => this.literal(cp));
                const last = part(chars[chars.length - 1] ?? '', chars.length === 0);
                return { prefix: chars.slice(0, -1).join(''), last, assertion: false };
            }
            default:
                if (ch !== undefined && ch >= '1' && ch <= '9') {
                    this.pos++;
                    let ref = Number(ch);
                    while (
                        /[0-9]/.test(this.src[this.pos] ?? '') &&
                        ref * 10 + Number(this.src[this.pos]) <= this.groups
                    ) {
                        ref = ref * 10 + Number(this.src[this.pos++]);
                    }
                    this.noCaseInsensitiveReference();
                    return { prefix: '', last: part(`<<REF:${ref}>>`, true), assertion: false };
                }
                break;
        }
        const item = this.escape(start, false);
        if (item.kind === 'set') return plain(`[${item.operand}]`);
        return plain(this.literal((item as { cp: number }).cp));
    }

    private noCaseInsensitiveReference(): void {
        if (this.has(F.CASE_INSENSITIVE))
            unsupported(`a back reference in a case-insensitive regular expression (${this.src})`);
    }
}

const cache = new Map<string, JavaRegex>();

/**
 * Translates a Java regular expression. Throws StringException ("Invalid regex: ...") for a pattern Java would
 * reject with PatternSyntaxException, and UnsupportedError for Java constructs JavaScript cannot express.
 */
export function javaRegex(source: string, flags = 0): JavaRegex {
    const key = `${flags}/${source}`;
    let translated = cache.get(key);
    if (!translated) {
        translated = new Translator(source, flags).translate();
        if (cache.size > 1000) cache.clear();
        cache.set(key, translated);
    }
    return translated;
}

/** Pattern.quote(s): a pattern matching `s` literally. */
export function quotePattern(text: string): string {
    return `\\Q${text.replaceAll('\\E', '\\E\\\\E\\Q')}\\E`;
}
