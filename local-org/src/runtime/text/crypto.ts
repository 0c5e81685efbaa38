// The Crypto class (Apex Reference, "Crypto Class":
// https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_classes_restful_crypto.htm) on
// node:crypto. The Reference documents the algorithm names, AES-CBC with PKCS5/7 padding, the managed IV in
// the first 16 bytes, the 1 MB data limit and the encrypt/decrypt exception messages used here. For the
// other methods it names no message for an unknown algorithm; theirs follow the documented encrypt message.
import * as nodeCrypto from 'node:crypto';
import { raise, unsupported } from '../errors';

const DIGESTS: Record<string, string> = {
    md5: 'md5',
    sha1: 'sha1',
    'sha-256': 'sha256',
    'sha-512': 'sha512',
    'sha3-256': 'sha3-256',
    'sha3-384': 'sha3-384',
    'sha3-512': 'sha3-512'
};

const MACS: Record<string, string> = { hmacmd5: 'md5', hmacsha1: 'sha1', hmacsha256: 'sha256', hmacsha512: 'sha512' };

const SIGNATURES: Record<string, { hash: string; key: 'rsa' | 'ec' }> = {
    rsa: { hash: 'sha1', key: 'rsa' },
    'rsa-sha1': { hash: 'sha1', key: 'rsa' },
    'rsa-sha256': { hash: 'sha256', key: 'rsa' },
    'rsa-sha384': { hash: 'sha384', key: 'rsa' },
    'rsa-sha512': { hash: 'sha512', key: 'rsa' },
    'ecdsa-sha256': { hash: 'sha256', key: 'ec' },
    'ecdsa-sha384': { hash: 'sha384', key: 'ec' },
    'ecdsa-sha512': { hash: 'sha512', key: 'ec' }
};

/** Algorithm names are matched ignoring case, as Java's provider lookup does. */
function lookup<T>(table: Record<string, T>, name: string, valid: string): T {
    const key = name.toLowerCase();
    if (!Object.hasOwn(table, key))
        raise('InvalidParameterValueException', `Invalid algorithm ${name}. Must be one of ${valid}.`);
    return table[key];
}

const bytes = (buffer: Buffer): Uint8Array => new Uint8Array(buffer);

/** Crypto.generateDigest(algorithmName, input). */
export function generateDigest(algorithm: string, input: Uint8Array): Uint8Array {
    const hash = lookup(DIGESTS, algorithm, 'MD5, SHA1, SHA-256, SHA-512, SHA3-256, SHA3-384, or SHA3-512');
    return bytes(nodeCrypto.createHash(hash).update(input).digest());
}

/** Crypto.generateMac(algorithmName, input, privateKey). */
export function generateMac(algorithm: string, input: Uint8Array, key: Uint8Array): Uint8Array {
    const hash = lookup(MACS, algorithm, 'hmacMD5, hmacSHA1, hmacSHA256, or hmacSHA512');
    // Java's SecretKeySpec refuses an empty key; what Apex reports for it is not documented.
    if (key.length === 0) unsupported('Crypto.generateMac with an empty key');
    return bytes(nodeCrypto.createHmac(hash, key).update(input).digest());
}

/** Crypto.verifyHMac(algorithmName, data, privateKey, hmacToVerify): a constant-time comparison. */
export function verifyHMac(algorithm: string, data: Uint8Array, key: Uint8Array, mac: Uint8Array): boolean {
    const expected = generateMac(algorithm, data, key);
    return expected.length === mac.length && nodeCrypto.timingSafeEqual(expected, mac);
}

export function randomInteger(): number {
    return nodeCrypto.randomBytes(4).readInt32BE(0);
}

export function randomLong(): bigint {
    return nodeCrypto.randomBytes(8).readBigInt64BE(0);
}

/** Crypto.generateAesKey(size): 128, 192 or 256 bits. */
export function generateAesKey(size: number): Uint8Array {
    if (size !== 128 && size !== 192 && size !== 256) {
        raise('InvalidParameterValueException', `Invalid key size ${size}. Must be one of 128, 192, or 256.`);
    }
    return bytes(nodeCrypto.randomBytes(size / 8));
}

const MAX_DATA = 1_048_576;

/** The AES key size of an encrypt/decrypt algorithm name ('AES128' or 'AES128-CBC'...). */
function aesKeyBytes(algorithm: string): number {
    const match = /^AES(128|192|256)(-CBC|-GCM)?$/i.exec(algorithm);
    if (!match)
        raise(
            'InvalidParameterValueException',
            `Invalid algorithm ${algorithm}. Must be one of AES128, AES192, or AES256.`
        );
    if (match[2]?.toUpperCase() === '-GCM') unsupported(`Crypto with ${algorithm} (AES-GCM)`);
    return Number(match[1]) / 8;
}

/** The node:crypto cipher name, after the documented checks of the key and the initialization vector. */
function cipherFor(algorithm: string, key: Uint8Array, iv: Uint8Array): string {
    const size = aesKeyBytes(algorithm);
    if (key.length !== size) raise('InvalidParameterValueException', `Invalid private key. Must be ${size} bytes.`);
    if (iv.length !== 16) raise('InvalidParameterValueException', 'Invalid initialization vector. Must be 16 bytes.');
    return `aes-${size * 8}-cbc`;
}

function checkSize(data: Uint8Array, limit: number): void {
    if (data.length > limit) {
        raise(
            'InvalidParameterValueException',
            `Invalid data. Input data is ${data.length} bytes, which exceeds the limit of ${MAX_DATA.toLocaleString('en-US')} bytes.`
        );
    }
}

/** Crypto.encrypt(algorithmName, privateKey, initializationVector, clearText): AES-CBC, PKCS5 padding. */
export function encrypt(algorithm: string, key: Uint8Array, iv: Uint8Array, clear: Uint8Array): Uint8Array {
    const name = cipherFor(algorithm, key, iv);
    checkSize(clear, MAX_DATA);
    const cipher = nodeCrypto.createCipheriv(name, key, iv);
    return bytes(Buffer.concat([cipher.update(clear), cipher.final()]));
}

/** Crypto.decrypt; a bad key or corrupt data is a SecurityException with the JCE's message. */
export function decrypt(algorithm: string, key: Uint8Array, iv: Uint8Array, cipherText: Uint8Array): Uint8Array {
    const name = cipherFor(algorithm, key, iv);
    checkSize(cipherText, MAX_DATA + 32);
    if (cipherText.length % 16 !== 0) {
        raise('SecurityException', 'Input length must be multiple of 16 when decrypting with padded cipher');
    }
    try {
        const decipher = nodeCrypto.createDecipheriv(name, key, iv);
        return bytes(Buffer.concat([decipher.update(cipherText), decipher.final()]));
    } catch {
        return raise(
            'SecurityException',
            'Given final block not properly padded. Such issues can arise if a bad key is used during decryption.'
        );
    }
}

/** Crypto.encryptWithManagedIV: a random IV, prepended to the cipher text. */
export function encryptWithManagedIV(algorithm: string, key: Uint8Array, clear: Uint8Array): Uint8Array {
    const iv = bytes(nodeCrypto.randomBytes(16));
    const cipherText = encrypt(algorithm, key, iv, clear);
    const out = new Uint8Array(16 + cipherText.length);
    out.set(iv);
    out.set(cipherText, 16);
    return out;
}

/** Crypto.decryptWithManagedIV: the IV is the first 16 bytes. */
export function decryptWithManagedIV(algorithm: string, key: Uint8Array, data: Uint8Array): Uint8Array {
    aesKeyBytes(algorithm);
    if (data.length < 16)
        raise('InvalidParameterValueException', 'Unable to parse the initialization vector from encrypted data.');
    return decrypt(algorithm, key, data.subarray(0, 16), data.subarray(16));
}

function signatureAlgorithm(name: string): { hash: string; key: 'rsa' | 'ec' } {
    return lookup(
        SIGNATURES,
        name,
        'RSA, RSA-SHA1, RSA-SHA256, RSA-SHA384, RSA-SHA512, ECDSA-SHA256, ECDSA-SHA384, or ECDSA-SHA512'
    );
}

/** A key Java's KeyFactory cannot read is "System.SecurityException: Invalid Crypto Key" in Apex. */
function key<T>(read: () => T, kind: 'rsa' | 'ec', type: (k: T) => string | undefined): T {
    let parsed: T;
    try {
        parsed = read();
    } catch {
        return raise('SecurityException', 'Invalid Crypto Key');
    }
    if (type(parsed) !== kind) raise('SecurityException', 'Invalid Crypto Key');
    return parsed;
}

/** Crypto.sign(algorithmName, input, privateKey): the key is PKCS #8 DER; ECDSA signatures are DER. */
export function sign(algorithm: string, input: Uint8Array, privateKey: Uint8Array): Uint8Array {
    const { hash, key: kind } = signatureAlgorithm(algorithm);
    const pk = key(
        () => nodeCrypto.createPrivateKey({ key: Buffer.from(privateKey), format: 'der', type: 'pkcs8' }),
        kind,
        (k) => k.asymmetricKeyType
    );
    return bytes(nodeCrypto.sign(hash, input, pk));
}

/** Crypto.verify(algorithmName, data, signature, publicKey): the key is X.509 SubjectPublicKeyInfo DER. */
export function verify(algorithm: string, data: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean {
    const { hash, key: kind } = signatureAlgorithm(algorithm);
    const pk = key(
        () => nodeCrypto.createPublicKey({ key: Buffer.from(publicKey), format: 'der', type: 'spki' }),
        kind,
        (k) => k.asymmetricKeyType
    );
    return nodeCrypto.verify(hash, data, pk, signature);
}
