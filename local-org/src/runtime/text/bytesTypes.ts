// The native Blob, EncodingUtil and Crypto types (Apex Reference: "Blob Class", "EncodingUtil Class",
// "Crypto Class"; the pages are cited in encoding.ts and crypto.ts, which implement them).
import { unsupported } from '../errors';
import { method, type NativeType } from '../native';
import { ApexBlob, ApexLong, type ApexValue } from '../values';
import { blob, bytesOf, int, m, reqStr } from './bindings';
import * as crypto from './crypto';
import * as enc from './encoding';

export const blobType: NativeType = {
    name: 'Blob',
    namespace: 'System',
    staticMethods: {
        valueOf: [m(['String'], 'Blob', ([text]) => blob(enc.utf8Encode(reqStr(text))))],
        toPdf: [m(['String'], 'Blob', () => unsupported('Blob.toPdf (PDF rendering)'))]
    },
    instanceMethods: {
        size: [m([], 'Integer', (_a, _c, b) => (b as ApexBlob).bytes.length)],
        toString: [m([], 'String', (_a, _c, b) => enc.utf8Decode((b as ApexBlob).bytes))]
    },
    isInstance: (value) => value instanceof ApexBlob
};

export const encodingUtilType: NativeType = {
    name: 'EncodingUtil',
    namespace: 'System',
    staticMethods: {
        base64Decode: [m(['String'], 'Blob', ([text]) => blob(enc.base64Decode(reqStr(text))))],
        base64Encode: [m(['Blob'], 'String', ([b]) => enc.base64Encode(bytesOf(b)))],
        convertFromHex: [m(['String'], 'Blob', ([text]) => blob(enc.fromHex(reqStr(text))))],
        convertToHex: [m(['Blob'], 'String', ([b]) => enc.toHex(bytesOf(b)))],
        urlDecode: [m(['String', 'String'], 'String', ([text, e]) => enc.urlDecode(reqStr(text), reqStr(e)))],
        urlEncode: [m(['String', 'String'], 'String', ([text, e]) => enc.urlEncode(reqStr(text), reqStr(e)))]
    }
};

const name = (value: ApexValue): string => reqStr(value);

export const cryptoType: NativeType = {
    name: 'Crypto',
    namespace: 'System',
    staticMethods: {
        decrypt: [
            m(['String', 'Blob', 'Blob', 'Blob'], 'Blob', ([a, k, iv, d]) =>
                blob(crypto.decrypt(name(a), bytesOf(k), bytesOf(iv), bytesOf(d)))
            )
        ],
        decryptWithManagedIV: [
            m(['String', 'Blob', 'Blob'], 'Blob', ([a, k, d]) =>
                blob(crypto.decryptWithManagedIV(name(a), bytesOf(k), bytesOf(d)))
            )
        ],
        encrypt: [
            m(['String', 'Blob', 'Blob', 'Blob'], 'Blob', ([a, k, iv, d]) =>
                blob(crypto.encrypt(name(a), bytesOf(k), bytesOf(iv), bytesOf(d)))
            )
        ],
        encryptWithManagedIV: [
            m(['String', 'Blob', 'Blob'], 'Blob', ([a, k, d]) =>
                blob(crypto.encryptWithManagedIV(name(a), bytesOf(k), bytesOf(d)))
            )
        ],
        generateAesKey: [m(['Integer'], 'Blob', ([size]) => blob(crypto.generateAesKey(int(size))))],
        generateDigest: [m(['String', 'Blob'], 'Blob', ([a, d]) => blob(crypto.generateDigest(name(a), bytesOf(d))))],
        generateMac: [
            m(['String', 'Blob', 'Blob'], 'Blob', ([a, d, k]) =>
                blob(crypto.generateMac(name(a), bytesOf(d), bytesOf(k)))
            )
        ],
        getRandomInteger: [m([], 'Integer', () => crypto.randomInteger())],
        getRandomLong: [m([], 'Long', () => new ApexLong(crypto.randomLong()))],
        sign: [
            m(['String', 'Blob', 'Blob'], 'Blob', ([a, d, k]) => blob(crypto.sign(name(a), bytesOf(d), bytesOf(k))))
        ],
        signWithCertificate: [
            m(['String', 'Blob', 'String'], 'Blob', () => unsupported('Crypto.signWithCertificate (org certificates)'))
        ],
        signXML: [method(null, 'void', () => unsupported('Crypto.signXML'))],
        verify: [
            m(['String', 'Blob', 'Blob', 'Blob'], 'Boolean', ([a, d, s, k]) =>
                crypto.verify(name(a), bytesOf(d), bytesOf(s), bytesOf(k))
            ),
            m(['String', 'Blob', 'Blob', 'String'], 'Boolean', () =>
                unsupported('Crypto.verify with a certificate name')
            )
        ],
        verifyHMac: [
            m(['String', 'Blob', 'Blob', 'Blob'], 'Boolean', ([a, d, k, mac]) =>
                crypto.verifyHMac(name(a), bytesOf(d), bytesOf(k), bytesOf(mac))
            )
        ]
    }
};
