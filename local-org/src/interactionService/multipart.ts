// multipart/form-data (RFC 7578), binary-safe: POST /interactions carries its `json` part and its `attachments`
// files this way (the spec's InteractionRequest; the README's curl `-F "json=...;type=application/json"
// -F "attachments=@file"`).
export interface Part {
    readonly name: string;
    readonly filename: string | null;
    readonly contentType: string | null;
    readonly data: Buffer;
}

/** The boundary of a multipart/form-data Content-Type, or null. */
export function boundaryOf(contentType: string | undefined): string | null {
    if (!/^multipart\/form-data/i.test(contentType ?? '')) return null;
    return (
        /boundary=(?:"([^"]+)"|([^;\s]+))/i
            .exec(contentType ?? '')
            ?.slice(1)
            .find(Boolean) ?? null
    );
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
    const delimiter = Buffer.from(`--${boundary}`);
    const parts: Part[] = [];
    let start = body.indexOf(delimiter);
    while (start >= 0) {
        const after = start + delimiter.length;
        if (body.subarray(after, after + 2).toString() === '--') break;
        const next = body.indexOf(delimiter, after);
        if (next < 0) break;
        // Each part sits between "\r\n" after the delimiter and "\r\n" before the next one.
        const section = body.subarray(after + 2, next - 2);
        const split = section.indexOf('\r\n\r\n');
        if (split >= 0) {
            const headers = section.subarray(0, split).toString('utf8').split('\r\n');
            const header = (name: string) =>
                headers
                    .find((line) => line.toLowerCase().startsWith(`${name}:`))
                    ?.slice(name.length + 1)
                    .trim() ?? null;
            const disposition = header('content-disposition') ?? '';
            parts.push({
                name: /\bname="([^"]*)"/.exec(disposition)?.[1] ?? '',
                filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1] ?? null,
                contentType: header('content-type'),
                data: Buffer.from(section.subarray(split + 4))
            });
        }
        start = next;
    }
    return parts;
}

/** Builds a multipart/form-data body from parts. */
export function buildMultipart(boundary: string, parts: readonly Part[]): Buffer {
    const chunks: Buffer[] = [];
    for (const part of parts) {
        const filename = part.filename === null ? '' : `; filename="${part.filename}"`;
        const type = part.contentType === null ? '' : `Content-Type: ${part.contentType}\r\n`;
        chunks.push(
            Buffer.from(
                `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${filename}\r\n${type}\r\n`
            ),
            part.data,
            Buffer.from('\r\n')
        );
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return Buffer.concat(chunks);
}
