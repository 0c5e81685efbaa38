// The REST API's record create, `POST /services/data/vXX.X/sobjects/<Object>`, as the console answers it for the
// Relay Connector, which copies files into Salesforce Files this way (REST API Developer Guide, "Create a Record",
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_sobject_create.htm; "Insert or
// Update Blob Data", https://developer.salesforce.com/docs/platform/api-rest/guide/dome-sobject-insert-update-blob.html).
// The body is JSON (a blob field as base64), or multipart/form-data: first the non-binary part, JSON with
// `Content-Type: application/json` and a name such as entity_content (the guide's ContentVersion example) or
// entity_document, then the binary part named for the blob field (VersionData), with a filename. The local org
// saves the record (OrgClient.createRecord); this module only reads the request.
//
// Errors are lists of {message, errorCode, fields} (REST API Developer Guide, "Status Codes and Error Responses",
// https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/errorcodes.htm: 400 "usually because the
// JSON or XML body contains an error", 415 for a body in a format the resource does not take). A multipart body
// without its JSON part is INVALID_MULTIPART_REQUEST "Multipart message must include a non-binary part", as an org
// answers (quoted in "Creating Files with the Salesforce REST API and Postman",
// http://raydehler.com/cloud/clod/creating-files-with-the-salesforce-rest-api-and-postman.html).
// unconfirmed: the errorCode of the other malformed multipart bodies (INVALID_MULTIPART_REQUEST is used), of a
// Content-Type the API does not take (UNSUPPORTED_MEDIA_TYPE) and of a body above the console's limit: the API
// takes up to 2 GB for a ContentVersion, 50 MB of JSON, so no answer of its own is documented; the console answers
// 413 REQUEST_TOO_LARGE, its own.
import type { IncomingMessage } from 'node:http';

export interface SObjectError {
    readonly message: string;
    readonly errorCode: string;
    readonly fields?: readonly string[];
}

/** What the local org answers for a create (the local org's CreateResult). */
export type CreateAnswer =
    | { readonly ok: true; readonly id: string }
    | { readonly ok: false; readonly status: number; readonly errors: readonly SObjectError[] };

/** The part of OrgClient this needs. */
export interface RecordCreator {
    createRecord(
        objectName: string,
        fields: Record<string, unknown>,
        userId: string,
        blobFields?: Record<string, Uint8Array>
    ): Promise<CreateAnswer>;
}

export interface SObjectReply {
    readonly status: number;
    readonly body: unknown;
}

const CREATE_PATH = /^\/services\/data\/v\d+\.\d+\/sobjects\/([A-Za-z][A-Za-z0-9_]*)\/?$/;

class BadRequest extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string
    ) {
        super(message);
    }
}

const multipartError = (message: string) => new BadRequest(400, 'INVALID_MULTIPART_REQUEST', message);

/**
 * Answers `POST /services/data/vNN.N/sobjects/<Object>` as `runAsUserId`; undefined for any other request (the
 * body is then left unread). The caller authenticates the request first.
 */
export async function handleSObjectCreate(
    req: IncomingMessage,
    pathname: string,
    runAsUserId: string,
    client: RecordCreator,
    maxBytes: number
): Promise<SObjectReply | undefined> {
    const match = CREATE_PATH.exec(pathname);
    if (!match || req.method !== 'POST') return undefined;
    try {
        const body = await readBody(req, maxBytes);
        const { fields, blobs } = parseCreateBody(req.headers['content-type'], body);
        const result = await client.createRecord(match[1], fields, runAsUserId, blobs);
        if (result.ok) return { status: 201, body: { id: result.id, success: true, errors: [] } };
        return {
            status: result.status,
            body: result.errors.map((e) => ({ message: e.message, errorCode: e.errorCode, fields: e.fields ?? [] }))
        };
    } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        return { status: error.status, body: [{ message: error.message, errorCode: error.errorCode, fields: [] }] };
    }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let refused = false;
        req.on('data', (chunk: Buffer) => {
            if (refused) return;
            size += chunk.length;
            if (size > maxBytes) {
                refused = true;
                chunks.length = 0;
                reject(new BadRequest(413, 'REQUEST_TOO_LARGE', `The request body exceeds ${maxBytes} bytes`));
                req.resume();
            } else chunks.push(chunk);
        });
        req.on('end', () => {
            if (!refused) resolve(Buffer.concat(chunks));
        });
        req.on('error', reject);
    });
}

/** The record's fields and its blob fields' bytes, from a JSON or multipart/form-data body. */
export function parseCreateBody(
    contentType: string | undefined,
    body: Buffer
): { fields: Record<string, unknown>; blobs: Record<string, Uint8Array> } {
    const type = (contentType ?? 'application/json').split(';')[0].trim().toLowerCase();
    if (type === 'application/json') return { fields: jsonObject(body.toString('utf8')), blobs: {} };
    if (type !== 'multipart/form-data')
        throw new BadRequest(415, 'UNSUPPORTED_MEDIA_TYPE', `Content type '${type}' is not supported`);
    const boundary = parameter(contentType ?? '', 'boundary');
    if (!boundary) throw multipartError('The multipart Content-Type has no boundary');
    const parts = multipartParts(body, boundary);
    const json = parts.filter((p) => p.contentType === 'application/json');
    if (json.length === 0) throw multipartError('Multipart message must include a non-binary part');
    if (json.length > 1 || parts[0] !== json[0] || !json[0].name.startsWith('entity_'))
        throw multipartError('The first part must be the one non-binary part, named entity_content');
    const binary = parts.slice(1);
    if (binary.length > 1) throw multipartError('Only one binary part may follow the non-binary part');
    const blobs: Record<string, Uint8Array> = {};
    for (const part of binary) {
        if (part.filename === undefined) throw multipartError(`The binary part ${part.name} has no filename`);
        blobs[part.name] = new Uint8Array(part.data.buffer, part.data.byteOffset, part.data.length);
    }
    return { fields: jsonObject(json[0].data.toString('utf8')), blobs };
}

function jsonObject(text: string): Record<string, unknown> {
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (error) {
        throw new BadRequest(400, 'JSON_PARSER_ERROR', (error as Error).message);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
        throw new BadRequest(400, 'JSON_PARSER_ERROR', 'The request body must be a JSON object of field values');
    return value as Record<string, unknown>;
}

/** A header parameter (`boundary=x`, `name="x"`), its quotes removed. */
function parameter(header: string, name: string): string | undefined {
    const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
    return match ? (match[1] ?? match[2]) : undefined;
}

interface Part {
    readonly name: string;
    readonly filename?: string;
    readonly contentType: string;
    readonly data: Buffer;
}

/**
 * The parts of a multipart body (RFC 2046 section 5.1.1, RFC 7578): each after a `--boundary` line, headers, a blank
 * line, then its data up to CRLF and the next delimiter; the last delimiter is `--boundary--`. Each part must name
 * itself with Content-Disposition: form-data.
 */
function multipartParts(body: Buffer, boundary: string): Part[] {
    const delimiter = Buffer.from(`--${boundary}`);
    const parts: Part[] = [];
    let at = body.indexOf(delimiter);
    if (at !== 0 && (at < 2 || body.subarray(at - 2, at).toString('latin1') !== '\r\n'))
        throw multipartError('The body does not start with the boundary');
    for (;;) {
        at += delimiter.length;
        if (body.subarray(at, at + 2).toString('latin1') === '--') break;
        if (body.subarray(at, at + 2).toString('latin1') !== '\r\n')
            throw multipartError('A boundary line must end with CRLF');
        const headersEnd = body.indexOf('\r\n\r\n', at);
        if (headersEnd < 0) throw multipartError('A part has no blank line after its headers');
        const headers = new Map<string, string>();
        for (const line of body
            .subarray(at + 2, headersEnd)
            .toString('utf8')
            .split('\r\n')) {
            const colon = line.indexOf(':');
            if (line === '') continue;
            if (colon <= 0) throw multipartError(`Malformed part header: ${line}`);
            headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
        }
        const end = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), headersEnd + 4);
        if (end < 0) throw multipartError('The body does not end with the closing boundary');
        const disposition = headers.get('content-disposition') ?? '';
        const name = parameter(disposition, 'name');
        if (!/^form-data\s*(;|$)/i.test(disposition) || !name)
            throw multipartError('Each part needs Content-Disposition: form-data with a name');
        parts.push({
            name,
            filename: parameter(disposition, 'filename'),
            contentType: (headers.get('content-type') ?? 'text/plain').split(';')[0].trim().toLowerCase(),
            data: body.subarray(headersEnd + 4, end)
        });
        at = end + 2;
    }
    return parts;
}
