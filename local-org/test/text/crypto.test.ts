// Crypto: the Apex Reference "Crypto Class"
// (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_crypto.htm):
// algorithm names, AES-CBC with PKCS padding, the managed IV and the documented exception messages.
import assert from 'node:assert/strict';
import * as nodeCrypto from 'node:crypto';
import { describe, it } from 'node:test';
import { blobType, cryptoType, encodingUtilType } from '../../src/runtime/text';
import { ApexBlob, ApexLong } from '../../src/runtime/values';
import { assertApexError, assertUnsupported, call, callStatic } from './fakeContext';

const blobOf = (text: string) => callStatic(blobType, 'valueOf', [text]) as ApexBlob;
const raw = (bytes: Uint8Array | Buffer) => new ApexBlob(new Uint8Array(bytes));
const hex = (b: unknown) => callStatic(encodingUtilType, 'convertToHex', [b]);
const crypto = (name: string, ...args: unknown[]) => callStatic(cryptoType, name, args);

describe('Crypto digests and MACs (Crypto Class)', () => {
    it('generateDigest supports the documented algorithm names, ignoring case', () => {
        assert.equal(hex(crypto('generateDigest', 'MD5', blobOf(''))), 'd41d8cd98f00b204e9800998ecf8427e');
        assert.equal(hex(crypto('generateDigest', 'SHA1', blobOf('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
        assert.equal(
            hex(crypto('generateDigest', 'sha-256', blobOf('abc'))),
            'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
        );
        assert.equal((crypto('generateDigest', 'SHA3-256', blobOf('abc')) as ApexBlob).bytes.length, 32);
    });

    it('generateDigest with an unknown algorithm raises InvalidParameterValueException', () => {
        assertApexError(
            () => crypto('generateDigest', 'SHA-384', blobOf('abc')),
            'InvalidParameterValueException',
            /^Invalid algorithm SHA-384/
        );
    });

    it('generateMac computes the HMAC of the docs/events.md signing example', () => {
        const body =
            '{"eventId":"5f0c1f9e-8d7b-4a51-9a43-1c2f0e6b7d21","type":"conversation.disconnected","occurredAt":"2026-11-21T12:00:00.000Z","conversationId":"c5b1d0a4-2f6e-4c8b-9e3a-7d1f2b4c6e80","participantId":"p-agent-1","userId":"u-agent-1","queueId":"q-support","channel":"whatsapp","data":{"disconnectedBy":"customer"}}';
        const mac = crypto(
            'generateMac',
            'hmacSHA256',
            blobOf(`1795262401.${body}`),
            blobOf('relay-docs-example-secret')
        );
        assert.equal(hex(mac), '7e1f43b727d6c90620260c47ca76389d889899ef01340b887c7418b0aa09ae12');
        assert.equal((crypto('generateMac', 'HMACSHA512', blobOf('x'), blobOf('k')) as ApexBlob).bytes.length, 64);
    });

    it('generateMac with an unknown algorithm raises InvalidParameterValueException', () => {
        assertApexError(
            () => crypto('generateMac', 'hmacSHA384', blobOf('x'), blobOf('k')),
            'InvalidParameterValueException'
        );
    });

    it('verifyHMac compares in constant time and is false for a different MAC', () => {
        const mac = crypto('generateMac', 'hmacSHA1', blobOf('data'), blobOf('key'));
        assert.equal(crypto('verifyHMac', 'hmacSHA1', blobOf('data'), blobOf('key'), mac), true);
        assert.equal(crypto('verifyHMac', 'hmacSHA1', blobOf('data'), blobOf('key'), blobOf('short')), false);
    });

    it('a null argument raises NullPointerException', () => {
        assertApexError(() => crypto('generateDigest', 'MD5', null), 'NullPointerException');
    });
});

describe('Crypto AES (Crypto Class, "Encrypt and Decrypt Exceptions")', () => {
    const key = raw(Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex'));
    const iv = raw(Buffer.from('0f0e0d0c0b0a09080706050403020100', 'hex'));

    it('encrypt is AES-CBC with PKCS5 padding, as any AES-CBC implementation computes it', () => {
        const cipher = nodeCrypto.createCipheriv('aes-128-cbc', key.bytes, iv.bytes);
        const expected = Buffer.concat([cipher.update('Data to be encrypted'), cipher.final()]).toString('hex');
        assert.equal(hex(crypto('encrypt', 'AES128', key, iv, blobOf('Data to be encrypted'))), expected);
        const clear = crypto('decrypt', 'AES128', key, iv, crypto('encrypt', 'AES128', key, iv, blobOf('x')));
        assert.equal(call(blobType, clear, 'toString'), 'x');
    });

    it('encryptWithManagedIV puts a random IV first and decryptWithManagedIV reads it back', () => {
        const key256 = crypto('generateAesKey', 256) as ApexBlob;
        assert.equal(key256.bytes.length, 32);
        const encrypted = crypto('encryptWithManagedIV', 'AES256', key256, blobOf('Data to be encrypted')) as ApexBlob;
        assert.equal(encrypted.bytes.length, 16 + 32);
        const again = crypto('encryptWithManagedIV', 'AES256', key256, blobOf('Data to be encrypted')) as ApexBlob;
        assert.notEqual(hex(encrypted), hex(again));
        assert.equal(
            call(blobType, crypto('decryptWithManagedIV', 'AES256', key256, encrypted), 'toString'),
            'Data to be encrypted'
        );
    });

    it('raises the documented InvalidParameterValueException messages', () => {
        assertApexError(
            () => crypto('encrypt', 'DES', key, iv, blobOf('x')),
            'InvalidParameterValueException',
            'Invalid algorithm DES. Must be one of AES128, AES192, or AES256.'
        );
        assertApexError(
            () => crypto('encrypt', 'AES256', key, iv, blobOf('x')),
            'InvalidParameterValueException',
            'Invalid private key. Must be 32 bytes.'
        );
        assertApexError(
            () => crypto('encrypt', 'AES128', key, blobOf('short'), blobOf('x')),
            'InvalidParameterValueException',
            'Invalid initialization vector. Must be 16 bytes.'
        );
        assertApexError(
            () => crypto('decryptWithManagedIV', 'AES128', key, blobOf('short')),
            'InvalidParameterValueException',
            'Unable to parse the initialization vector from encrypted data.'
        );
        assertApexError(() => crypto('generateAesKey', 100), 'InvalidParameterValueException');
    });

    it('decrypting with the wrong key raises SecurityException', () => {
        const encrypted = crypto('encrypt', 'AES128', key, iv, blobOf('secret data here'));
        const wrong = raw(Buffer.alloc(16, 7));
        assertApexError(
            () => crypto('decrypt', 'AES128', wrong, iv, encrypted),
            'SecurityException',
            /not properly padded/
        );
        assertApexError(
            () => crypto('decrypt', 'AES128', key, iv, blobOf('abc')),
            'SecurityException',
            /multiple of 16/
        );
    });

    it('AES-GCM is not emulated', () => {
        assertUnsupported(
            () => crypto('encryptWithManagedIV', 'AES256-GCM', raw(Buffer.alloc(32)), blobOf('x')),
            /GCM/
        );
    });
});

describe('Crypto signatures and random numbers (Crypto Class)', () => {
    it('sign with a PKCS #8 RSA key verifies with its X.509 public key', () => {
        const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync('rsa', { modulusLength: 1024 });
        const pkcs8 = raw(privateKey.export({ format: 'der', type: 'pkcs8' }));
        const spki = raw(publicKey.export({ format: 'der', type: 'spki' }));
        const signature = crypto('sign', 'RSA-SHA256', blobOf('12345qwerty'), pkcs8);
        assert.equal(crypto('verify', 'RSA-SHA256', blobOf('12345qwerty'), signature, spki), true);
        assert.equal(crypto('verify', 'RSA-SHA256', blobOf('tampered'), signature, spki), false);
    });

    it('sign with an ECDSA key and a key that is not PKCS #8 raises SecurityException', () => {
        const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
        const signature = crypto(
            'sign',
            'ECDSA-SHA256',
            blobOf('x'),
            raw(privateKey.export({ format: 'der', type: 'pkcs8' }))
        );
        assert.equal(
            crypto(
                'verify',
                'ECDSA-SHA256',
                blobOf('x'),
                signature,
                raw(publicKey.export({ format: 'der', type: 'spki' }))
            ),
            true
        );
        assertApexError(
            () => crypto('sign', 'RSA', blobOf('x'), blobOf('not a key')),
            'SecurityException',
            'Invalid Crypto Key'
        );
    });

    it('getRandomInteger and getRandomLong return an Integer and a Long', () => {
        const n = crypto('getRandomInteger') as number;
        assert.ok(Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31);
        assert.ok(crypto('getRandomLong') instanceof ApexLong);
    });

    it('certificate-based methods are not emulated', () => {
        assertUnsupported(() => crypto('signWithCertificate', 'RSA', blobOf('x'), 'myCert'), /certificate/);
    });
});
