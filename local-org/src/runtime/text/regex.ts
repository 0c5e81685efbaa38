// Apex Pattern and Matcher objects (Apex Reference, "Pattern Class" and "Matcher Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_pattern_methods.htm
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_matcher_methods.htm).
// The Reference defers to java.util.regex for semantics, so the state machine below is java.util.regex.Matcher's:
// find() continues after the previous match (one past an empty one), matches() and lookingAt() are anchored to
// the region, replacement strings use $n, ${name} and backslash escapes.
import { raise, unsupported } from '../errors';
import { javaRegex, type JavaRegex } from './javaRegex';

export class ApexPattern {
    private compiled?: { find: RegExp; full: RegExp; prefix: RegExp };

    constructor(readonly regex: JavaRegex) {}

    static compile(source: string, flags = 0): ApexPattern {
        return new ApexPattern(javaRegex(source, flags));
    }

    get source(): string {
        return this.regex.source;
    }

    /** The JavaScript expressions: anywhere (find), the whole text (matches), a prefix (lookingAt). */
    get js(): { find: RegExp; full: RegExp; prefix: RegExp } {
        const js = this.regex.jsSource;
        this.compiled ??= {
            find: new RegExp(js, 'dgv'),
            full: new RegExp(`(?:${js})(?![\\s\\S])`, 'dyv'),
            prefix: new RegExp(js, 'dyv')
        };
        return this.compiled;
    }

    matcher(input: string): ApexMatcher {
        return new ApexMatcher(this, input);
    }

    /** Pattern.split(input[, limit]), java.util.regex.Pattern.split semantics (Java 8+). */
    split(input: string, limit = 0): string[] {
        const parts: string[] = [];
        const matcher = this.matcher(input);
        let index = 0;
        while (matcher.find()) {
            const start = matcher.start();
            const end = matcher.end();
            if (limit <= 0 || parts.length < limit - 1) {
                // A zero-width match at the beginning never produces an empty leading substring.
                if (index === 0 && start === 0 && start === end) continue;
                parts.push(input.slice(index, start));
                index = end;
            } else if (parts.length === limit - 1) {
                parts.push(input.slice(index));
                index = end;
            }
        }
        if (index === 0) return [input];
        if (limit <= 0 || parts.length < limit) parts.push(input.slice(index));
        if (limit === 0) while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
        return parts;
    }
}

interface MatchState {
    /** [start, end] of each group, in input coordinates; undefined for a group that did not participate. */
    readonly groups: ReadonlyArray<readonly [number, number] | undefined>;
}

/** The message of java.util.regex.Matcher's IllegalStateException, which Apex raises as StringException. */
const NO_MATCH = 'No match found';

export class ApexMatcher {
    private regionStart = 0;
    private regionEnd: number;
    private anchoring = true;
    private transparent = false;
    private match: MatchState | undefined;
    /** Start of the last match, -1 when there is none (Matcher.first). */
    private first = -1;
    /** End of the last match, where the next find() starts (Matcher.last). */
    private last = 0;
    private lastSearchFailed = false;

    constructor(
        public pattern: ApexPattern,
        private input: string
    ) {
        this.regionEnd = input.length;
    }

    get text(): string {
        return this.input;
    }

    reset(input?: string): this {
        if (input !== undefined) this.input = input;
        this.regionStart = 0;
        this.regionEnd = this.input.length;
        this.match = undefined;
        this.first = -1;
        this.last = 0;
        this.lastSearchFailed = false;
        return this;
    }

    region(start: number, end: number): this {
        if (start < 0 || start > this.input.length) raise('StringException', 'start');
        if (end < 0 || end > this.input.length) raise('StringException', 'end');
        if (start > end) raise('StringException', 'start > end');
        this.reset();
        this.regionStart = start;
        this.regionEnd = end;
        return this;
    }

    getRegionStart(): number {
        return this.regionStart;
    }

    getRegionEnd(): number {
        return this.regionEnd;
    }

    useAnchoringBounds(value: boolean): this {
        this.anchoring = value;
        return this;
    }

    useTransparentBounds(value: boolean): this {
        this.transparent = value;
        return this;
    }

    hasAnchoringBounds(): boolean {
        return this.anchoring;
    }

    hasTransparentBounds(): boolean {
        return this.transparent;
    }

    /** usePattern keeps the position in the input but forgets the groups of the last match, as in Java. */
    usePattern(pattern: ApexPattern): this {
        this.pattern = pattern;
        if (this.match) this.match = { groups: this.match.groups.map(() => undefined) };
        return this;
    }

    /**
     * The region as the text JavaScript searches. Slicing gives exactly Java's default bounds (anchoring,
     * opaque): ^ and $ match at the region's edges and look-arounds cannot see past them.
     */
    private regionText(): string {
        const whole = this.regionStart === 0 && this.regionEnd === this.input.length;
        if (!whole && (!this.anchoring || this.transparent))
            unsupported('Matcher regions with transparent or non-anchoring bounds');
        return this.input.slice(this.regionStart, this.regionEnd);
    }

    private run(regex: RegExp, from: number, isFind = false): boolean {
        const text = this.regionText();
        let at = from - this.regionStart;
        // JavaScript cannot start inside a surrogate pair in Unicode mode; start after it.
        if (at > 0 && at < text.length && /[\uDC00-\uDFFF]/.test(text[at]) && /[\uD800-\uDBFF]/.test(text[at - 1]))
            at++;
        regex.lastIndex = at;
        const found = at <= text.length ? regex.exec(text) : null;
        this.lastSearchFailed = isFind && !found;
        if (!found) {
            this.match = undefined;
            this.first = -1;
            return false;
        }
        const offset = this.regionStart;
        const indices = found.indices as RegExpIndicesArray;
        this.match = {
            groups: Array.from({ length: this.pattern.regex.groupCount + 1 }, (_, g) => {
                const span = indices[g];
                return span ? ([span[0] + offset, span[1] + offset] as const) : undefined;
            })
        };
        this.first = found.index + offset;
        this.last = this.first + found[0].length;
        return true;
    }

    /** find(): the next match after the previous one (one code unit further after an empty match). */
    find(): boolean {
        let from = this.last;
        if (from === this.first) from++;
        if (from < this.regionStart) from = this.regionStart;
        if (from > this.regionEnd) {
            this.match = undefined;
            this.lastSearchFailed = true;
            return false;
        }
        return this.run(this.pattern.js.find, from, true);
    }

    /** find(start): resets the matcher, then searches the whole input from `start`. */
    findFrom(start: number): boolean {
        if (start < 0 || start > this.input.length) raise('StringException', 'Illegal start index');
        this.reset();
        return this.run(this.pattern.js.find, start, true);
    }

    matches(): boolean {
        return this.run(this.pattern.js.full, this.regionStart);
    }

    lookingAt(): boolean {
        return this.run(this.pattern.js.prefix, this.regionStart);
    }

    private span(group: number): readonly [number, number] | undefined {
        if (!this.match || this.first < 0) raise('StringException', NO_MATCH);
        if (!Number.isInteger(group) || group < 0 || group > this.pattern.regex.groupCount) {
            raise('StringException', `No group ${group}`);
        }
        return this.match.groups[group];
    }

    /** group([groupIndex]): null for a group that took no part in the match. */
    group(group = 0): string | null {
        const span = this.span(group);
        return span ? this.input.slice(span[0], span[1]) : null;
    }

    start(group = 0): number {
        return this.span(group)?.[0] ?? -1;
    }

    end(group = 0): number {
        return this.span(group)?.[1] ?? -1;
    }

    groupCount(): number {
        return this.pattern.regex.groupCount;
    }

    /** hitEnd(): known only after a failed find(), which in Java always reaches the end of the input. */
    hitEnd(): boolean {
        if (this.lastSearchFailed) return true;
        return unsupported('Matcher.hitEnd() after a successful match');
    }

    requireEnd(): boolean {
        return unsupported('Matcher.requireEnd()');
    }

    /** replaceAll(replacement): from the start of the input, every match. */
    replaceAll(replacement: string): string {
        this.reset();
        let out = '';
        let tail = 0;
        while (this.find()) {
            out += this.input.slice(tail, this.first) + this.expand(replacement);
            tail = this.last;
        }
        return out + this.input.slice(tail);
    }

    replaceFirst(replacement: string): string {
        this.reset();
        if (!this.find()) return this.input;
        return this.input.slice(0, this.first) + this.expand(replacement) + this.input.slice(this.last);
    }

    /** Matcher.appendReplacement's reading of a replacement: $n, ${name}, and \x for a literal x. */
    private expand(replacement: string): string {
        let out = '';
        let i = 0;
        while (i < replacement.length) {
            const ch = replacement[i++];
            if (ch === '\\') {
                if (i === replacement.length) raise('StringException', 'character to be escaped is missing');
                out += replacement[i++];
            } else if (ch !== '$') {
                out += ch;
            } else {
                if (i === replacement.length)
                    raise('StringException', 'Illegal group reference: group index is missing');
                let group: number;
                if (replacement[i] === '{') {
                    const name = /^\{([a-zA-Z0-9]*)/.exec(replacement.slice(i))?.[1] ?? '';
                    if (name.length === 0) raise('StringException', 'named capturing group has 0 length name');
                    if (replacement[i + 1 + name.length] !== '}') {
                        raise('StringException', "named capturing group is missing trailing '}'");
                    }
                    if (/^[0-9]/.test(name))
                        raise('StringException', `capturing group name {${name}} starts with digit character`);
                    const index = this.pattern.regex.groupNames.get(name);
                    if (index === undefined) raise('StringException', `No group with name {${name}}`);
                    group = index;
                    i += name.length + 2;
                } else {
                    if (!/[0-9]/.test(replacement[i])) raise('StringException', 'Illegal group reference');
                    // The first digit is always a group number; further digits only while such a group exists.
                    group = Number(replacement[i++]);
                    while (
                        /[0-9]/.test(replacement[i] ?? '') &&
                        group * 10 + Number(replacement[i]) <= this.groupCount()
                    ) {
                        group = group * 10 + Number(replacement[i++]);
                    }
                }
                out += this.group(group) ?? '';
            }
        }
        return out;
    }
}

/** Matcher.quoteReplacement(s): a replacement that inserts `s` literally. */
export function quoteReplacement(text: string): string {
    return text.replace(/[\\$]/g, (ch) => `\\${ch}`);
}

/** String.split(regExp[, limit]). */
export function splitRegex(text: string, regex: string, limit = 0): string[] {
    return ApexPattern.compile(regex).split(text, limit);
}

/** String.replaceAll(regExp, replacement). */
export function replaceAllRegex(text: string, regex: string, replacement: string): string {
    return ApexPattern.compile(regex).matcher(text).replaceAll(replacement);
}

/** String.replaceFirst(regExp, replacement). */
export function replaceFirstRegex(text: string, regex: string, replacement: string): string {
    return ApexPattern.compile(regex).matcher(text).replaceFirst(replacement);
}
