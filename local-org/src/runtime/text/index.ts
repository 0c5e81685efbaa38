// Apex text and bytes: String, Pattern, Matcher, Blob, EncodingUtil and Crypto as native types, plus the pure
// functions and the Java regular-expression translator for the rest of the runtime (String.valueOf aside,
// which is the interpreter's: these call ctx.stringOf).
import type { NativeType } from '../native';
import { blobType, cryptoType, encodingUtilType } from './bytesTypes';
import { matcherType, patternType } from './patternTypes';
import { stringType } from './stringType';

export const textTypes: NativeType[] = [stringType, patternType, matcherType, blobType, encodingUtilType, cryptoType];

export { stringType, patternType, matcherType, blobType, encodingUtilType, cryptoType };
export { javaRegex, quotePattern, PatternFlags, type JavaRegex } from './javaRegex';
export { ApexPattern, ApexMatcher, quoteReplacement, splitRegex, replaceAllRegex, replaceFirstRegex } from './regex';
export { formatMessage } from './format';
export * as stringCore from './stringCore';
export * as stringUtils from './stringUtils';
export * as escapes from './escape';
export * as encoding from './encoding';
export * as crypto from './crypto';
export { javaHashCode, javaTrim, javaToLowerCase, javaToUpperCase, isJavaWhitespace, NULL_ARGUMENT } from './javaChars';
