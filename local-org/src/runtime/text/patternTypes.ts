// The native Pattern and Matcher types (Apex Reference, "Pattern Class" and "Matcher Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_pattern_methods.htm
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_pattern_and_matcher_matcher_methods.htm).
import { raise } from '../errors';
import type { NativeType } from '../native';
import { T, type ApexValue } from '../values';
import { bool, int, listOf, m, reqStr } from './bindings';
import { quotePattern } from './javaRegex';
import { ApexMatcher, ApexPattern, quoteReplacement } from './regex';
import { NULL_ARGUMENT } from './javaChars';

const pattern = (value: ApexValue): ApexPattern => value as ApexPattern;
const matcher = (value: ApexValue): ApexMatcher => value as ApexMatcher;

export const patternType: NativeType = {
    name: 'Pattern',
    namespace: 'System',
    staticMethods: {
        compile: [m(['String'], 'Pattern', ([regex]) => ApexPattern.compile(reqStr(regex)))],
        matches: [
            m(['String', 'String'], 'Boolean', ([regex, input]) =>
                ApexPattern.compile(reqStr(regex)).matcher(reqStr(input)).matches()
            )
        ],
        quote: [m(['String'], 'String', ([text]) => quotePattern(reqStr(text)))]
    },
    instanceMethods: {
        matcher: [m(['String'], 'Matcher', ([input], _c, p) => pattern(p).matcher(reqStr(input)))],
        pattern: [m([], 'String', (_a, _c, p) => pattern(p).source)],
        split: [
            m(['String'], 'List<String>', ([input], _c, p) => listOf(T.String, pattern(p).split(reqStr(input)))),
            m(['String', 'Integer'], 'List<String>', ([input, limit], _c, p) =>
                listOf(T.String, pattern(p).split(reqStr(input), int(limit)))
            )
        ]
    },
    isInstance: (value) => value instanceof ApexPattern
};

export const matcherType: NativeType = {
    name: 'Matcher',
    namespace: 'System',
    staticMethods: {
        quoteReplacement: [m(['String'], 'String', ([text]) => quoteReplacement(reqStr(text)))]
    },
    instanceMethods: {
        end: [
            m([], 'Integer', (_a, _c, x) => matcher(x).end()),
            m(['Integer'], 'Integer', ([g], _c, x) => matcher(x).end(int(g)))
        ],
        find: [
            m([], 'Boolean', (_a, _c, x) => matcher(x).find()),
            m(['Integer'], 'Boolean', ([start], _c, x) => matcher(x).findFrom(int(start)))
        ],
        group: [
            m([], 'String', (_a, _c, x) => matcher(x).group()),
            m(['Integer'], 'String', ([g], _c, x) => matcher(x).group(int(g)))
        ],
        groupCount: [m([], 'Integer', (_a, _c, x) => matcher(x).groupCount())],
        hasAnchoringBounds: [m([], 'Boolean', (_a, _c, x) => matcher(x).hasAnchoringBounds())],
        hasTransparentBounds: [m([], 'Boolean', (_a, _c, x) => matcher(x).hasTransparentBounds())],
        hitEnd: [m([], 'Boolean', (_a, _c, x) => matcher(x).hitEnd())],
        lookingAt: [m([], 'Boolean', (_a, _c, x) => matcher(x).lookingAt())],
        matches: [m([], 'Boolean', (_a, _c, x) => matcher(x).matches())],
        pattern: [m([], 'Pattern', (_a, _c, x) => matcher(x).pattern)],
        region: [m(['Integer', 'Integer'], 'Matcher', ([s, e], _c, x) => matcher(x).region(int(s), int(e)))],
        regionEnd: [m([], 'Integer', (_a, _c, x) => matcher(x).getRegionEnd())],
        regionStart: [m([], 'Integer', (_a, _c, x) => matcher(x).getRegionStart())],
        replaceAll: [m(['String'], 'String', ([r], _c, x) => matcher(x).replaceAll(reqStr(r)))],
        replaceFirst: [m(['String'], 'String', ([r], _c, x) => matcher(x).replaceFirst(reqStr(r)))],
        requireEnd: [m([], 'Boolean', (_a, _c, x) => matcher(x).requireEnd())],
        reset: [
            m([], 'Matcher', (_a, _c, x) => matcher(x).reset()),
            m(['String'], 'Matcher', ([input], _c, x) => matcher(x).reset(reqStr(input)))
        ],
        start: [
            m([], 'Integer', (_a, _c, x) => matcher(x).start()),
            m(['Integer'], 'Integer', ([g], _c, x) => matcher(x).start(int(g)))
        ],
        useAnchoringBounds: [m(['Boolean'], 'Matcher', ([b], _c, x) => matcher(x).useAnchoringBounds(bool(b)))],
        usePattern: [
            m(['Pattern'], 'Matcher', ([p], _c, x) => {
                if (!(p instanceof ApexPattern)) raise('NullPointerException', NULL_ARGUMENT);
                return matcher(x).usePattern(p);
            })
        ],
        useTransparentBounds: [m(['Boolean'], 'Matcher', ([b], _c, x) => matcher(x).useTransparentBounds(bool(b)))]
    },
    isInstance: (value) => value instanceof ApexMatcher
};
