// Blob and EncodingUtil: the Apex Reference "Blob Class" and "EncodingUtil Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_methods_system_blob.htm,
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_encodingUtil.htm);
// URL encoding is java.net.URLEncoder / URLDecoder.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blobType, encodingUtilType } from '../../src/runtime/text';
import { ApexBlob } from '../../src/runtime/values';
import { assertApexError, assertUnsupported, call, callStatic } from './fakeContext';

const blobOf = (text: string) => callStatic(blobType, 'valueOf', [text]) as ApexBlob;
const hex = (b: ApexBlob) => callStatic(encodingUtilType, 'convertToHex', [b]);
const fromHex = (text: string) => callStatic(encodingUtilType, 'convertFromHex', [text]) as ApexBlob;
const util = (name: string, ...args: unknown[]) => callStatic(encodingUtilType, name, args);

describe('Blob (Blob Class)', () => {
    it('valueOf encodes UTF-8; size counts bytes; toString decodes', () => {
        const b = blobOf('Hé😀');
        assert.equal(call(blobType, b, 'size'), 7);
        assert.equal(hex(b), '48c3a9f09f9880');
        assert.equal(call(blobType, b, 'toString'), 'Hé😀');
    });

    it('valueOf writes an unpaired surrogate as "?", as Java does', () => {
        assert.equal(hex(blobOf('a\uD800b')), '613f62');
    });

    it('toString of bytes that are not UTF-8 raises StringException "BLOB is not a valid UTF-8 string"', () => {
        assertApexError(
            () => call(blobType, fromHex('7b22c328ff7d'), 'toString'),
            'StringException',
            'BLOB is not a valid UTF-8 string'
        );
    });

    it('toString keeps a byte-order mark', () => {
        assert.equal(call(blobType, fromHex('efbbbf61'), 'toString'), '\ufeffa');
    });

    it('is the Blob type for instanceof; toPdf is not emulated', () => {
        assert.equal(blobType.isInstance?.(blobOf('')), true);
        assert.equal(blobType.isInstance?.('x'), false);
        assertUnsupported(() => callStatic(blobType, 'toPdf', ['<p>x</p>']), /toPdf/);
    });

    it('valueOf(null) raises NullPointerException', () => {
        assertApexError(() => callStatic(blobType, 'valueOf', [null]), 'NullPointerException');
    });
});

describe('EncodingUtil (EncodingUtil Class)', () => {
    it('base64Encode and base64Decode round-trip, as in the Reference example', () => {
        assert.equal(util('base64Encode', blobOf('Hello World')), 'SGVsbG8gV29ybGQ=');
        assert.equal(call(blobType, util('base64Decode', 'SGVsbG8gV29ybGQ=') as ApexBlob, 'toString'), 'Hello World');
    });

    it('base64Decode tolerates missing padding and line breaks but rejects other characters', () => {
        assert.equal(hex(util('base64Decode', 'SGVs\r\nbG8') as ApexBlob), '48656c6c6f');
        assertApexError(() => util('base64Decode', '"abc'), 'StringException', 'Unrecognized base64 character: "');
    });

    it('convertToHex is lower case and convertFromHex reads either case', () => {
        assert.equal(hex(fromHex('7BFF00fe7d')), '7bff00fe7d');
        assert.equal(hex(fromHex('')), '');
    });

    it('convertFromHex rejects an odd length and non-hex characters', () => {
        assertApexError(() => fromHex('abc'), 'InvalidParameterValueException', /even number of characters/);
        assertApexError(
            () => fromHex('zz'),
            'InvalidParameterValueException',
            'Illegal hexadecimal character z at index 0'
        );
    });

    it("urlEncode is URLEncoder: space as +, ~ ! ' ( ) escaped, * - . _ kept", () => {
        assert.equal(util('urlEncode', "a b~!'()*-._é/?", 'UTF-8'), 'a+b%7E%21%27%28%29*-._%C3%A9%2F%3F');
        assert.equal(util('urlEncode', 'é', 'ISO-8859-1'), '%E9');
        assert.equal(util('urlEncode', '😀', 'utf-8'), '%F0%9F%98%80');
    });

    it('urlDecode turns + into a space and decodes %XX runs in the charset', () => {
        assert.equal(util('urlDecode', 'a+b%20c%C3%A9', 'UTF-8'), 'a b cé');
        assert.equal(util('urlDecode', '%E9', 'ISO-8859-1'), 'é');
    });

    it('urlDecode rejects a malformed escape as URLDecoder does', () => {
        assertApexError(
            () => util('urlDecode', 'a%2', 'UTF-8'),
            'IllegalArgumentException',
            'URLDecoder: Incomplete trailing escape (%) pattern'
        );
        assertApexError(
            () => util('urlDecode', '%zz', 'UTF-8'),
            'IllegalArgumentException',
            /Illegal hex characters in escape/
        );
    });

    it('stops on an encoding it does not emulate', () => {
        assertUnsupported(() => util('urlEncode', 'x', 'Shift_JIS'), /Shift_JIS/);
    });
});
