// A project whose metadata the local org cannot read: malformed XML, an unknown field type, a record naming a field
// its type does not have. The message always names the file, so the developer knows what to fix.
export class MetadataError extends Error {
    constructor(
        readonly file: string,
        message: string
    ) {
        super(`${file}: ${message}`);
        this.name = 'MetadataError';
    }
}
