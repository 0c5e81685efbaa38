// Pattern and Matcher: the Apex Reference "Pattern Class" and "Matcher Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_pattern_methods.htm,
// .../apex_classes_pattern_and_matcher_matcher_methods.htm), which defer to java.util.regex for semantics;
// expected values are Java's.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApexMatcher, ApexPattern, javaRegex, matcherType, patternType, PatternFlags } from '../../src/runtime/text';
import { assertApexError, assertUnsupported, call, callStatic, items } from './fakeContext';

const compile = (regex: string) => callStatic(patternType, 'compile', [regex]) as ApexPattern;
const matcherOf = (regex: string, input: string) =>
    call(patternType, compile(regex), 'matcher', [input]) as ApexMatcher;
const m = (x: ApexMatcher, name: string, ...args: unknown[]) => call(matcherType, x, name, args);
const matches = (regex: string, input: string) => callStatic(patternType, 'matches', [regex, input]);

describe('Pattern (Pattern Class; java.util.regex.Pattern)', () => {
    it('matches must match the whole input, as in the Reference example', () => {
        assert.equal(matches('a*b', 'aaaaab'), true);
        assert.equal(matches('a*b', 'aaaaabc'), false);
        assert.equal(matches('^[0-9]{1,12}$', '1712345678'), true);
        assert.equal(matches('a|ab', 'ab'), true);
    });

    it('pattern returns the source, quote makes a literal pattern', () => {
        assert.equal(call(patternType, compile('a.b'), 'pattern'), 'a.b');
        const quoted = callStatic(patternType, 'quote', ['a.b\\E*']) as string;
        assert.equal(quoted, '\\Qa.b\\E\\\\E\\Q*\\E');
        assert.equal(matches(quoted, 'a.b\\E*'), true);
        assert.equal(matches(quoted, 'axb\\E*'), false);
    });

    it('split follows Pattern.split: trailing empties removed, limit honoured', () => {
        assert.deepEqual(items(call(patternType, compile('\\s*,\\s*'), 'split', ['a , b,c,,'])), ['a', 'b', 'c']);
        assert.deepEqual(items(call(patternType, compile(','), 'split', ['a,b,c', 2])), ['a', 'b,c']);
    });

    it('an invalid pattern raises StringException "Invalid regex" with Java\'s description', () => {
        assertApexError(() => compile('('), 'StringException', /^Invalid regex: Unclosed group near index 1/);
        assertApexError(() => compile('{id}'), 'StringException', /^Invalid regex: Illegal repetition/);
        assertApexError(() => compile('[a'), 'StringException', /Unclosed character class/);
        assertApexError(() => compile('*a'), 'StringException', /Dangling meta character '\*'/);
        assertApexError(() => compile('\\y'), 'StringException', /Illegal\/unsupported escape sequence/);
        assertApexError(
            () => compile('a{3,2}'),
            'StringException',
            /^Invalid regex: Illegal repetition range near index 5/
        );
        assertApexError(
            () => compile('(?<1>x)'),
            'StringException',
            /capturing group name does not start with a Latin letter/
        );
        assertApexError(() => compile('\\p{Foo}'), 'StringException', /Unknown character property name/);
    });

    it('stops on constructs JavaScript cannot run: possessive quantifiers, atomic groups, \\G', () => {
        assertUnsupported(() => compile('a*+'), /possessive/);
        assertUnsupported(() => compile('(?>ab)'), /atomic group/);
        assertUnsupported(() => compile('\\Ga'), /\\G/);
        assertUnsupported(() => compile('(?i)(a)\\1'), /back reference/);
    });

    it('stops on repetitions Java and JavaScript run differently: empty iterations, captures of earlier iterations', () => {
        assertUnsupported(() => compile('(a|b?)*'), /can match the empty string/);
        assertUnsupported(() => compile('((a)|b)+'), /may not take part/);
        assertUnsupported(() => compile('(?!(a))b'), /negative look-around/);
    });
});

describe('Java regex syntax translated to JavaScript (java.util.regex.Pattern)', () => {
    it('\\s is only ASCII whitespace and . stops at every Java line terminator', () => {
        assert.equal(matches('\\s', '\u00a0'), false);
        assert.equal(matches('\\s', '\u000b'), true);
        assert.equal(matches('.', '\u0085'), false);
        assert.equal(matches('(?s).', '\u0085'), true);
        assert.equal(matches('(?d).', '\r'), true);
    });

    it('\\A, \\z and \\Z anchor to the input, $ also before a final line terminator', () => {
        assert.equal(matches('\\Aab\\z', 'ab'), true);
        const m1 = matcherOf('ab$', 'ab\n');
        assert.equal(m(m1, 'find'), true);
        assert.equal(m(matcherOf('ab\\z', 'ab\n'), 'find'), false);
        assert.equal(m(matcherOf('ab\\Z', 'ab\r\n'), 'find'), true);
    });

    it('MULTILINE ^ and $ work per line, also when switched on inline mid-pattern', () => {
        const x = matcherOf('(?m)^\\w+$', 'one\r\ntwo\nthree');
        const found: string[] = [];
        while (m(x, 'find')) found.push(m(x, 'group') as string);
        assert.deepEqual(found, ['one', 'two', 'three']);
        assert.equal(m(matcherOf('(?m)^', ''), 'find'), false);
    });

    it('CASE_INSENSITIVE is ASCII-only, as in Java without UNICODE_CASE', () => {
        assert.equal(matches('(?i)hello [a-c]+', 'HeLLo ABC'), true);
        assert.equal(matches('(?i)é', 'É'), false);
        assert.equal(matches('a(?i:b)c', 'aBc'), true);
        assert.equal(matches('a(?i:b)c', 'aBC'), false);
        assertUnsupported(() => compile('(?iu)é'), /Unicode/);
    });

    it('character classes support Java unions, intersections and POSIX/java properties', () => {
        assert.equal(matches('[a-z&&[^aeiou]]+', 'bcd'), true);
        assert.equal(matches('[a-z&&[^aeiou]]+', 'bad'), false);
        assert.equal(matches('[a-c[x-z]]+', 'axz'), true);
        assert.equal(matches('\\p{Alpha}+', 'abc'), true);
        assert.equal(matches('\\p{Alpha}', 'é'), false);
        assert.equal(matches('\\p{L}', 'é'), true);
        assert.equal(matches('\\p{IsGreek}+', 'αβ'), true);
        assert.equal(matches('\\p{javaLowerCase}+', 'ab'), true);
        assert.equal(matches('[]a]+', ']a'), true);
        assert.equal(matches('[\\Q]-[\\E]+', '-]['), true);
    });

    it("an optional group that can match empty still captures, as Java's X? does", () => {
        const x = matcherOf('(\\d*)?x', 'x');
        assert.equal(m(x, 'find'), true);
        assert.equal(m(x, 'group', 1), '');
        assert.equal(matches('a{2}{3}', 'aa'), true);
    });

    it('a negated class after a literal in a repeated group matches (a V8 defect of the v flag is avoided)', () => {
        assert.equal(matches('(?:A[^b])+', 'A.A.'), true);
        assert.equal(matches('(?:x.)+', 'x1x2'), true);
    });

    it('\\b treats Unicode letters as word characters, as Java does', () => {
        assert.equal(m(matcherOf('\\bcafé\\b', 'un café noir'), 'find'), true);
    });

    it('escapes: octal, hex, unicode (with surrogate pairs), control and \\Q...\\E', () => {
        assert.equal(matches('\\0101\\x42\\u0043\\x{1F600}\\cI', 'ABC😀\t'), true);
        assert.equal(matches('\\uD83D\\uDE00', '😀'), true);
        assert.equal(matches('\\Q(a)\\E+', '(a))'), true);
    });

    it('COMMENTS mode ignores whitespace and # comments', () => {
        assert.equal(matches('(?x) a b # letters\n c', 'abc'), true);
    });

    it('reports group counts and names', () => {
        const translated = javaRegex('(?<year>\\d{4})-(\\d{2})(?:x)');
        assert.equal(translated.groupCount, 2);
        assert.equal(translated.groupNames.get('year'), 1);
        assert.equal(javaRegex('a.b', PatternFlags.LITERAL).jsSource, 'a\\u{2e}b');
    });
});

describe('Matcher (Matcher Class; java.util.regex.Matcher)', () => {
    it('find walks the matches and group returns the captured text', () => {
        const x = matcherOf('\\{([A-Za-z][A-Za-z0-9]*)\\}', '/api/v2/{conversationId}/messages/{messageId}');
        const names: unknown[] = [];
        while (m(x, 'find')) names.push(m(x, 'group', 1));
        assert.deepEqual(names, ['conversationId', 'messageId']);
        assert.equal(m(x, 'groupCount'), 1);
    });

    it('matches, start, end and groups of an ISO-8601 date-time, as RelayEventTime uses them', () => {
        const x = matcherOf(
            '^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,3}))?(Z|([+-])(\\d{2}):(\\d{2}))$',
            '2026-11-21T14:00:00+02:00'
        );
        assert.equal(m(x, 'matches'), true);
        assert.equal(m(x, 'group', 7), null);
        assert.equal(m(x, 'group', 9), '+');
        assert.equal(m(x, 'start', 8), 19);
        assert.equal(m(x, 'end'), 25);
        assert.equal(m(x, 'start', 7), -1);
    });

    it('find after an empty match moves one character on', () => {
        const x = matcherOf('a*', 'baa');
        const spans: string[] = [];
        while (m(x, 'find')) spans.push(`${m(x, 'start')}-${m(x, 'end')}`);
        assert.deepEqual(spans, ['0-0', '1-3', '3-3']);
    });

    it('group before a successful match raises StringException "No match found"', () => {
        const x = matcherOf('a', 'b');
        assertApexError(() => m(x, 'group'), 'StringException', 'No match found');
        assert.equal(m(x, 'find'), false);
        assertApexError(() => m(x, 'group'), 'StringException', 'No match found');
        assert.equal(m(x, 'hitEnd'), true);
    });

    it('group with an index beyond the groups raises StringException', () => {
        const x = matcherOf('(a)', 'a');
        assert.equal(m(x, 'find'), true);
        assertApexError(() => m(x, 'group', 2), 'StringException', 'No group 2');
    });

    it('lookingAt matches a prefix, find(start) resets and searches from an index', () => {
        const x = matcherOf('ab', 'abab');
        assert.equal(m(x, 'lookingAt'), true);
        assert.equal(m(x, 'find', 1), true);
        assert.equal(m(x, 'start'), 2);
        assertApexError(() => m(x, 'find', 5), 'StringException', 'Illegal start index');
    });

    it('region restricts matching; anchors apply at the region edges', () => {
        const x = matcherOf('^\\d+$', 'ab123cd');
        assert.equal(m(x, 'matches'), false);
        m(x, 'region', 2, 5);
        assert.equal(m(x, 'matches'), true);
        assert.equal(m(x, 'start'), 2);
        assert.equal(m(x, 'regionStart'), 2);
        assert.equal(m(x, 'regionEnd'), 5);
        m(x, 'useTransparentBounds', true);
        assertUnsupported(() => m(x, 'matches'), /transparent/);
    });

    it('replaceAll uses $n, ${name} and backslash escapes; a plain JavaScript $& is not special', () => {
        assert.equal(m(matcherOf('[\\s\\\\{^}%`\\]">\\[~<#|]', 'my file{1}.txt'), 'replaceAll', '_'), 'my_file_1_.txt');
        assert.equal(m(matcherOf('(\\w+)@(\\w+)', 'a@b c@d'), 'replaceAll', '$2@$1'), 'b@a d@c');
        assert.equal(m(matcherOf('(?<user>\\w+)@', 'a@b'), 'replaceAll', '${user}!'), 'a!b');
        assert.equal(m(matcherOf('x', 'x'), 'replaceAll', '\\$&'), '$&');
    });

    it("an invalid replacement raises StringException with Java's message", () => {
        assertApexError(
            () => m(matcherOf('x', 'x'), 'replaceAll', '$'),
            'StringException',
            'Illegal group reference: group index is missing'
        );
        assertApexError(
            () => m(matcherOf('x', 'x'), 'replaceAll', '\\'),
            'StringException',
            'character to be escaped is missing'
        );
        assertApexError(() => m(matcherOf('x', 'x'), 'replaceAll', '$2'), 'StringException', 'No group 2');
        assertApexError(() => m(matcherOf('x', 'x'), 'replaceAll', '$&'), 'StringException', 'Illegal group reference');
        assert.equal(m(matcherOf('x', 'y'), 'replaceAll', '$2'), 'y');
    });

    it('replaceFirst replaces one match; quoteReplacement makes a literal replacement', () => {
        assert.equal(m(matcherOf('o', 'foo'), 'replaceFirst', '0'), 'f0o');
        const literal = callStatic(matcherType, 'quoteReplacement', ['$1\\']) as string;
        assert.equal(literal, '\\$1\\\\');
        assert.equal(m(matcherOf('o', 'foo'), 'replaceAll', literal), 'f$1\\$1\\');
    });

    it('reset(input) and usePattern change what is matched', () => {
        const x = matcherOf('\\d', 'a1');
        m(x, 'reset', 'b2');
        assert.equal(m(x, 'find'), true);
        assert.equal(m(x, 'group'), '2');
        m(x, 'usePattern', compile('b'));
        assert.equal(m(x, 'group'), null);
        assert.equal(call(matcherType, x, 'pattern'), x.pattern);
        assert.equal(m(x, 'hasAnchoringBounds'), true);
        assert.equal(m(x, 'hasTransparentBounds'), false);
    });
});
