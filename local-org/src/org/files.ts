// Salesforce Files as the platform keeps them (Object Reference, "ContentVersion", "ContentDocument",
// "ContentDocumentLink"): inserting the first ContentVersion of a file creates its ContentDocument, links the
// document to its owner, and, when FirstPublishLocationId names a record, to that record too; the version gets
// the document's Id, IsLatest and VersionNumber 1, and ContentSize from its data.
import { ApexBlob, type ApexValue } from '../runtime/values';
import type { LocalOrg } from './org';

/** Runs after a ContentVersion is inserted: the platform's own records and fields for a new file. */
export function afterContentVersionInsert(org: LocalOrg, versionId: string): void {
    const version = org.store.get(versionId);
    if (!version || version.values.get('contentdocumentid')) return;
    const values = version.values;
    const owner = (values.get('ownerid') as string | null) ?? org.runningUserId;
    const title = values.get('title') ?? null;
    const path = String(values.get('pathonclient') ?? '');
    const extension = path.includes('.') ? path.slice(path.lastIndexOf('.') + 1).toLowerCase() : null;
    const data = values.get('versiondata');
    const size = data instanceof ApexBlob ? data.bytes.length : 0;
    const documentId = org.insertRaw('ContentDocument', {
        Title: title,
        OwnerId: owner,
        FileExtension: extension,
        FileType: extension ? extension.toUpperCase() : 'UNKNOWN',
        ContentSize: size,
        PublishStatus: 'R',
        LatestPublishedVersionId: versionId
    } as Record<string, ApexValue>);
    org.store.update(
        versionId,
        new Map<string, ApexValue>([
            ['contentdocumentid', documentId],
            ['islatest', true],
            ['versionnumber', '1'],
            ['contentsize', size],
            ['fileextension', extension],
            ['filetype', extension ? extension.toUpperCase() : 'UNKNOWN']
        ])
    );
    org.insertRaw('ContentDocumentLink', {
        ContentDocumentId: documentId,
        LinkedEntityId: owner,
        ShareType: 'I',
        Visibility: 'AllUsers'
    });
    const location = values.get('firstpublishlocationid') as string | null;
    if (location && location !== owner) {
        org.insertRaw('ContentDocumentLink', {
            ContentDocumentId: documentId,
            LinkedEntityId: location,
            ShareType: 'V',
            Visibility: 'AllUsers'
        });
    }
}
