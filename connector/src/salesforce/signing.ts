// How an event is signed for Relay's endpoint (docs/events.md §3, verified by RelayEventSignature.cls with Apex
// Crypto.verify and the public key in the org's Relay_Event_Signing_Key__mdt record named by the key id):
//   X-Relay-Timestamp: <unix seconds of this attempt>
//   X-Relay-Key-Id:    <DeveloperName of the org's key record>
//   X-Relay-Signature: <base64 of the signature of the bytes timestamp + "." + rawBody>
// The signature is SHA-256 with the connector's private key: ECDSA (DER-encoded, Node's default and what Apex
// Crypto.verify takes) for an EC P-256 key, RSASSA-PKCS1-v1_5 for an RSA key. Only the connector holds the private
// key; the org holds the public key. Each attempt is signed when it is sent (the endpoint refuses timestamps more
// than 300 s off).
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** The headers that sign `rawBody` (the exact bytes sent) at `nowMs`. */
export type EventSigner = (rawBody: string, nowMs: number) => Record<string, string>;

/** The Algorithm__c of the org's key record for a key: what Crypto.verify is called with. */
export type SigningAlgorithm = 'ECDSA-SHA256' | 'RSA-SHA256';

/**
 * Reads a private key (PEM, PKCS #8 or the older SEC1/PKCS #1 forms) and tells which algorithm the org's record must
 * name. Throws an Error saying why when it is not an EC P-256 or RSA (2048 bits or more) private key.
 */
export function readSigningKey(privateKeyPem: string | Buffer): { key: KeyObject; algorithm: SigningAlgorithm } {
    let key: KeyObject;
    try {
        key = createPrivateKey(privateKeyPem);
    } catch (error) {
        throw new Error(`not a PEM private key (${(error as Error).message})`);
    }
    if (key.asymmetricKeyType === 'ec') {
        if (key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
            throw new Error(`an EC key must be on the P-256 curve, not ${key.asymmetricKeyDetails?.namedCurve}`);
        }
        return { key, algorithm: 'ECDSA-SHA256' };
    }
    if (key.asymmetricKeyType === 'rsa') {
        const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
        if (bits < 2048) throw new Error(`an RSA key must have at least 2048 bits, not ${bits}`);
        return { key, algorithm: 'RSA-SHA256' };
    }
    throw new Error(`a ${key.asymmetricKeyType} key cannot be used: use an EC P-256 (or RSA) key`);
}

/** Signs with the private key whose public key is the org's record `keyId` (its DeveloperName). */
export function keySigner(privateKeyPem: string | Buffer, keyId: string): EventSigner {
    const { key } = readSigningKey(privateKeyPem);
    return (rawBody, nowMs) => {
        const timestamp = String(Math.floor(nowMs / 1000));
        // EC: DER-encoded (r, s), Node's default; RSA: PKCS #1 v1.5 padding, Node's default for RSA keys.
        const signature = sign('sha256', Buffer.from(`${timestamp}.${rawBody}`, 'utf8'), key);
        return {
            'X-Relay-Timestamp': timestamp,
            'X-Relay-Key-Id': keyId,
            'X-Relay-Signature': signature.toString('base64')
        };
    };
}

/** A DeveloperName: a letter, then letters, digits and single underscores, at most 40, not ending with _. */
export function isDeveloperName(name: string): boolean {
    return /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*$/.test(name) && name.length <= 40 && !name.endsWith('_');
}

export interface GeneratedKey {
    /** PKCS #8 PEM: for the connector only. */
    privateKeyPem: string;
    /** Base64 of the X.509 SubjectPublicKeyInfo DER: the org record's Public_Key__c. */
    publicKeyBase64: string;
}

/** A new P-256 key pair. */
export function generateSigningKey(): GeneratedKey {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    return {
        privateKeyPem: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64')
    };
}

/** The custom metadata record (customMetadata/Relay_Event_Signing_Key.<keyId>.md-meta.xml) an admin deploys. */
export function signingKeyRecordXml(keyId: string, publicKeyBase64: string, algorithm: SigningAlgorithm): string {
    return [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<CustomMetadata xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">',
        `    <label>${keyId.replace(/_/g, ' ')}</label>`,
        '    <protected>false</protected>',
        '    <values>',
        '        <field>Active__c</field>',
        '        <value xsi:type="xsd:boolean">true</value>',
        '    </values>',
        '    <values>',
        '        <field>Algorithm__c</field>',
        `        <value xsi:type="xsd:string">${algorithm}</value>`,
        '    </values>',
        '    <values>',
        '        <field>Public_Key__c</field>',
        `        <value xsi:type="xsd:string">${publicKeyBase64}</value>`,
        '    </values>',
        '</CustomMetadata>',
        ''
    ].join('\n');
}
