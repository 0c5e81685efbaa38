// The native String type: every method of the Apex Reference "String Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_string.htm),
// bound to the functions of this folder. Methods named after java.lang.String methods (contains, indexOf,
// replace, split, startsWith...) throw NullPointerException for a null argument as Java does; methods named
// after StringUtils methods follow StringUtils' null handling (removeStart(null) returns the string...).
import { raise, unsupported } from '../errors';
import type { NativeContext, NativeMethod, NativeType } from '../native';
import { ApexDatetime, ApexList, ApexMap, ApexSet, T, type ApexValue } from '../values';
import { int, itemsOf, listOf, m, reqStr, str } from './bindings';
import * as esc from './escape';
import { formatMessage } from './format';
import { javaHashCode, javaToLowerCase, javaToUpperCase, javaTrim } from './javaChars';
import { replaceAllRegex, replaceFirstRegex, splitRegex } from './regex';
import * as core from './stringCore';
import * as su from './stringUtils';

type Methods = Record<string, readonly NativeMethod[]>;

const self = (value: ApexValue): string => value as string;

/** A method of no arguments from String to a value. */
const unary = (returns: string, fn: (text: string) => ApexValue): readonly NativeMethod[] => [
    m([], returns, (_args, _ctx, s) => fn(self(s)))
];

/** A method of one String argument. */
const withString = (returns: string, fn: (text: string, arg: string | null) => ApexValue): readonly NativeMethod[] => [
    m(['String'], returns, ([a], _ctx, s) => fn(self(s), str(a)))
];

/** A method of one Integer argument. */
const withInt = (returns: string, fn: (text: string, n: number) => ApexValue): readonly NativeMethod[] => [
    m(['Integer'], returns, ([n], _ctx, s) => fn(self(s), int(n)))
];

const strings = (items: string[]): ApexList => listOf(T.String, items);

/** Summer '26 String.template(Map<String, Object>): ${name} placeholders from the map. */
function template(text: string, values: ApexValue, ctx: NativeContext): string {
    if (!(values instanceof ApexMap)) raise('NullPointerException', 'Argument cannot be null.');
    return text.replace(/\$\{([^}]*)\}/g, (_, name: string) => {
        // What Apex does with a placeholder the map lacks is not documented yet; fail loudly instead of guessing.
        if (!values.has(name)) unsupported(`String.template with no value for \${${name}}`);
        return ctx.stringOf(values.get(name));
    });
}

const INSTANCE: Methods = {
    abbreviate: [
        m(['Integer'], 'String', ([w], _c, s) => su.abbreviate(self(s), int(w))),
        m(['Integer', 'Integer'], 'String', ([w, o], _c, s) => su.abbreviate(self(s), int(w), int(o)))
    ],
    capitalize: unary('String', su.capitalize),
    center: [
        m(['Integer'], 'String', ([n], _c, s) => su.center(self(s), int(n))),
        m(['Integer', 'String'], 'String', ([n, p], _c, s) => su.center(self(s), int(n), str(p)))
    ],
    charAt: withInt('Integer', core.charAt),
    codePointAt: withInt('Integer', core.codePointAt),
    codePointBefore: withInt('Integer', core.codePointBefore),
    codePointCount: [
        m(['Integer', 'Integer'], 'Integer', ([b, e], _c, s) => core.codePointCount(self(s), int(b), int(e)))
    ],
    compareTo: withString('Integer', core.compareTo),
    contains: withString('Boolean', (s, a) => s.includes(reqStr(a))),
    containsAny: withString('Boolean', su.containsAny),
    containsIgnoreCase: withString('Boolean', su.containsIgnoreCase),
    containsNone: withString('Boolean', su.containsNone),
    containsOnly: withString('Boolean', su.containsOnly),
    containsWhitespace: unary('Boolean', su.containsWhitespace),
    countMatches: withString('Integer', su.countMatches),
    deleteWhitespace: unary('String', su.deleteWhitespace),
    difference: withString('String', su.difference),
    endsWith: withString('Boolean', (s, a) => s.endsWith(reqStr(a))),
    endsWithIgnoreCase: withString('Boolean', su.endsWithIgnoreCase),
    // equals(stringOrId): true only for a String with the same characters. (Comparing a 15- with an 18-character
    // Id is the interpreter's business: at run time an Id here is already a plain 18-character string.)
    equals: [m(['Object'], 'Boolean', ([a], _c, s) => a === self(s))],
    equalsIgnoreCase: [m(['String'], 'Boolean', ([a], _c, s) => core.equalsIgnoreCase(self(s), a))],
    escapeCsv: unary('String', esc.escapeCsv),
    escapeEcmaScript: unary('String', esc.escapeEcmaScript),
    escapeHtml3: unary('String', esc.escapeHtml3),
    escapeHtml4: unary('String', esc.escapeHtml4),
    escapeJava: unary('String', esc.escapeJava),
    escapeUnicode: unary('String', esc.escapeUnicode),
    escapeXml: unary('String', esc.escapeXml),
    getChars: unary('List<Integer>', (s) => listOf(T.Integer, core.getChars(s))),
    getLevenshteinDistance: [
        m(['String'], 'Integer', ([o], _c, s) => su.levenshteinDistance(self(s), str(o))),
        m(['String', 'Integer'], 'Integer', ([o, t], _c, s) => su.levenshteinDistance(self(s), str(o), int(t)))
    ],
    hashCode: unary('Integer', javaHashCode),
    indexOf: [
        m(['String'], 'Integer', ([a], _c, s) => core.indexOf(self(s), str(a))),
        m(['String', 'Integer'], 'Integer', ([a, i], _c, s) => core.indexOf(self(s), str(a), int(i)))
    ],
    indexOfAny: withString('Integer', su.indexOfAny),
    indexOfAnyBut: withString('Integer', su.indexOfAnyBut),
    indexOfChar: [
        m(['Integer'], 'Integer', ([c], _c, s) => core.indexOfChar(self(s), int(c))),
        m(['Integer', 'Integer'], 'Integer', ([c, i], _c, s) => core.indexOfChar(self(s), int(c), int(i)))
    ],
    indexOfDifference: withString('Integer', su.indexOfDifference),
    indexOfIgnoreCase: [
        m(['String'], 'Integer', ([a], _c, s) => core.indexOfIgnoreCase(self(s), str(a))),
        m(['String', 'Integer'], 'Integer', ([a, i], _c, s) => core.indexOfIgnoreCase(self(s), str(a), int(i)))
    ],
    isAllLowerCase: unary('Boolean', su.isAllLowerCase),
    isAllUpperCase: unary('Boolean', su.isAllUpperCase),
    isAlpha: unary('Boolean', su.isAlpha),
    isAlphaSpace: unary('Boolean', su.isAlphaSpace),
    isAlphanumeric: unary('Boolean', su.isAlphanumeric),
    isAlphanumericSpace: unary('Boolean', su.isAlphanumericSpace),
    isAsciiPrintable: unary('Boolean', su.isAsciiPrintable),
    isNumeric: unary('Boolean', su.isNumeric),
    isNumericSpace: unary('Boolean', su.isNumericSpace),
    isWhitespace: unary('Boolean', su.isWhitespace),
    lastIndexOf: [
        m(['String'], 'Integer', ([a], _c, s) => core.lastIndexOf(self(s), str(a))),
        m(['String', 'Integer'], 'Integer', ([a, i], _c, s) => core.lastIndexOf(self(s), str(a), int(i)))
    ],
    lastIndexOfChar: [
        m(['Integer'], 'Integer', ([c], _c, s) => core.lastIndexOfChar(self(s), int(c))),
        m(['Integer', 'Integer'], 'Integer', ([c, i], _c, s) => core.lastIndexOfChar(self(s), int(c), int(i)))
    ],
    lastIndexOfIgnoreCase: [
        m(['String'], 'Integer', ([a], _c, s) => core.lastIndexOfIgnoreCase(self(s), str(a))),
        m(['String', 'Integer'], 'Integer', ([a, i], _c, s) => core.lastIndexOfIgnoreCase(self(s), str(a), int(i)))
    ],
    left: withInt('String', su.left),
    leftPad: [
        m(['Integer'], 'String', ([n], _c, s) => su.leftPad(self(s), int(n))),
        m(['Integer', 'String'], 'String', ([n, p], _c, s) => su.leftPad(self(s), int(n), str(p)))
    ],
    length: unary('Integer', (s) => s.length),
    mid: [m(['Integer', 'Integer'], 'String', ([a, b], _c, s) => su.mid(self(s), int(a), int(b)))],
    normalizeSpace: unary('String', su.normalizeSpace),
    offsetByCodePoints: [
        m(['Integer', 'Integer'], 'Integer', ([i, o], _c, s) => core.offsetByCodePoints(self(s), int(i), int(o)))
    ],
    remove: withString('String', su.remove),
    removeEnd: withString('String', su.removeEnd),
    removeEndIgnoreCase: withString('String', su.removeEndIgnoreCase),
    removeStart: withString('String', su.removeStart),
    removeStartIgnoreCase: withString('String', su.removeStartIgnoreCase),
    repeat: [
        m(['Integer'], 'String', ([n], _c, s) => su.repeat(self(s), int(n))),
        m(['String', 'Integer'], 'String', ([sep, n], _c, s) => su.repeatWithSeparator(self(s), str(sep), int(n)))
    ],
    replace: [m(['String', 'String'], 'String', ([t, r], _c, s) => core.replaceLiteral(self(s), str(t), str(r)))],
    replaceAll: [m(['String', 'String'], 'String', ([x, r], _c, s) => replaceAllRegex(self(s), reqStr(x), reqStr(r)))],
    replaceFirst: [
        m(['String', 'String'], 'String', ([x, r], _c, s) => replaceFirstRegex(self(s), reqStr(x), reqStr(r)))
    ],
    reverse: unary('String', su.reverse),
    right: withInt('String', su.right),
    rightPad: [
        m(['Integer'], 'String', ([n], _c, s) => su.rightPad(self(s), int(n))),
        m(['Integer', 'String'], 'String', ([n, p], _c, s) => su.rightPad(self(s), int(n), str(p)))
    ],
    split: [
        m(['String'], 'List<String>', ([x], _c, s) => strings(splitRegex(self(s), reqStr(x)))),
        m(['String', 'Integer'], 'List<String>', ([x, n], _c, s) => strings(splitRegex(self(s), reqStr(x), int(n))))
    ],
    splitByCharacterType: unary('List<String>', (s) => strings(su.splitByCharacterType(s, false))),
    splitByCharacterTypeCamelCase: unary('List<String>', (s) => strings(su.splitByCharacterType(s, true))),
    startsWith: withString('Boolean', (s, a) => s.startsWith(reqStr(a))),
    startsWithIgnoreCase: withString('Boolean', su.startsWithIgnoreCase),
    stripHtmlTags: unary('String', esc.stripHtmlTags),
    substring: [
        m(['Integer'], 'String', ([b], _c, s) => core.substring(self(s), int(b))),
        m(['Integer', 'Integer'], 'String', ([b, e], _c, s) => core.substring(self(s), int(b), int(e)))
    ],
    substringAfter: withString('String', su.substringAfter),
    substringAfterLast: withString('String', su.substringAfterLast),
    substringBefore: withString('String', su.substringBefore),
    substringBeforeLast: withString('String', su.substringBeforeLast),
    substringBetween: [
        m(['String'], 'String', ([t], _c, s) => su.substringBetween(self(s), str(t), str(t))),
        m(['String', 'String'], 'String', ([o, c], _c, s) => su.substringBetween(self(s), str(o), str(c)))
    ],
    swapCase: unary('String', su.swapCase),
    template: [m(['Map<String, Object>'], 'String', ([v], ctx, s) => template(self(s), v, ctx))],
    toLowerCase: [
        m([], 'String', (_a, ctx, s) => javaToLowerCase(self(s), ctx.userLocale)),
        m(['String'], 'String', ([l], _c, s) => javaToLowerCase(self(s), reqStr(l)))
    ],
    toString: unary('String', (s) => s),
    toUpperCase: [
        m([], 'String', (_a, ctx, s) => javaToUpperCase(self(s), ctx.userLocale)),
        m(['String'], 'String', ([l], _c, s) => javaToUpperCase(self(s), reqStr(l)))
    ],
    trim: unary('String', javaTrim),
    uncapitalize: unary('String', su.uncapitalize),
    unescapeCsv: unary('String', esc.unescapeCsv),
    unescapeEcmaScript: unary('String', esc.unescapeJava),
    unescapeHtml3: unary('String', esc.unescapeHtml3),
    unescapeHtml4: unary('String', esc.unescapeHtml4),
    unescapeJava: unary('String', esc.unescapeJava),
    unescapeUnicode: unary('String', esc.unescapeUnicode),
    unescapeXml: unary('String', esc.unescapeXml)
};

/** String.join(iterableObj, separator): a List or Set, each element as String.valueOf prints it. */
function join(iterable: ApexValue, separator: string | null, ctx: NativeContext): string | null {
    if (iterable === null || iterable === undefined) return null;
    let items: ApexValue[];
    if (iterable instanceof ApexList) items = iterable.items;
    else if (iterable instanceof ApexSet) items = [...iterable.values()];
    else return unsupported('String.join over an Iterable that is not a List or a Set');
    // StringUtils.join prints a null element as an empty string.
    return items.map((item) => (item === null ? '' : ctx.stringOf(item))).join(separator ?? '');
}

/** String.valueOfGmt(Datetime): "yyyy-MM-dd HH:mm:ss" in GMT. */
function valueOfGmt(value: ApexValue): string {
    if (!(value instanceof ApexDatetime)) raise('NullPointerException', 'Argument cannot be null.');
    return new Date(value.epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

const STATIC: Methods = {
    escapeSingleQuotes: [m(['String'], 'String', ([s]) => esc.escapeSingleQuotes(reqStr(s)))],
    format: [
        m(['String', 'List<Object>'], 'String', ([p, a], ctx) =>
            formatMessage(reqStr(p), itemsOf(a), ctx.userLocale, ctx.stringOf)
        )
    ],
    fromCharArray: [m(['List<Integer>'], 'String', ([a]) => core.fromCharArray(itemsOf(a)))],
    getCommonPrefix: [m(['List<String>'], 'String', ([a]) => su.getCommonPrefix(itemsOf(a).map(str)))],
    isBlank: [m(['String'], 'Boolean', ([s]) => su.isBlank(str(s)))],
    isEmpty: [m(['String'], 'Boolean', ([s]) => su.isEmpty(str(s)))],
    isNotBlank: [m(['String'], 'Boolean', ([s]) => !su.isBlank(str(s)))],
    isNotEmpty: [m(['String'], 'Boolean', ([s]) => !su.isEmpty(str(s)))],
    join: [m(['Object', 'String'], 'String', ([i, sep], ctx) => join(i, str(sep), ctx))],
    // valueOf(Date), valueOf(Datetime), valueOf(Decimal)...: all print as String.valueOf(Object) does.
    valueOf: [m(['Object'], 'String', ([v], ctx) => ctx.stringOf(v))],
    valueOfGmt: [m(['Datetime'], 'String', ([v]) => valueOfGmt(v))]
};

export const stringType: NativeType = {
    name: 'String',
    namespace: 'System',
    staticMethods: STATIC,
    instanceMethods: INSTANCE,
    isInstance: (value) => typeof value === 'string'
};
