// `lightning/uiRecordApi` in the preview: getRecord reads the preview server's in-memory records (the
// Salesforce records the preview Apex keeps) and provisions them in the UI API shape.

interface FieldId {
    objectApiName: string;
    fieldApiName: string;
}
export interface UiRecord {
    id: string;
    apiName: string;
    fields: Record<string, { value: unknown; displayValue: string | null }>;
}
type Provision = (value: { data: UiRecord | undefined; error: unknown }) => void;

const live = new Set<GetRecordAdapter>();

async function fetchRecord(recordId: string): Promise<UiRecord> {
    const response = await fetch(`/__records/${encodeURIComponent(recordId)}`);
    if (!response.ok) {
        // LDS errors are plain objects with a body, as components expect them.
        throw { status: response.status, body: { message: `The requested resource does not exist` } };
    }
    const record = (await response.json()) as { id: string; sobject: string; fields: Record<string, unknown> };
    const fields: UiRecord['fields'] = {};
    for (const [name, value] of Object.entries(record.fields)) {
        fields[name] = { value, displayValue: null };
    }
    return { id: record.id, apiName: record.sobject, fields };
}

class GetRecordAdapter {
    recordId: string | undefined;
    constructor(private readonly dataCallback: Provision) {}
    update(config: { recordId?: string }): void {
        this.recordId = config.recordId;
        void this.load();
    }
    connect(): void {
        live.add(this);
    }
    disconnect(): void {
        live.delete(this);
    }
    load(): Promise<void> {
        if (!this.recordId) return Promise.resolve();
        return fetchRecord(this.recordId).then(
            (data) => this.dataCallback({ data: Object.freeze(data), error: undefined }),
            (error: unknown) => this.dataCallback({ data: undefined, error })
        );
    }
}

export const getRecord = GetRecordAdapter;

export function getFieldValue(record: UiRecord | undefined, field: FieldId | string): unknown {
    const name = typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName;
    return record?.fields[name]?.value;
}

export function getFieldDisplayValue(record: UiRecord | undefined, field: FieldId | string): string | null {
    const name = typeof field === 'string' ? field.split('.').slice(1).join('.') : field.fieldApiName;
    return record?.fields[name]?.displayValue ?? null;
}

/** Tells the wired getRecord adapters showing these records to fetch them again. */
export function notifyRecordUpdateAvailable(items: { recordId: string }[]): Promise<void> {
    const ids = new Set(items.map((i) => i.recordId));
    return Promise.all([...live].filter((a) => a.recordId && ids.has(a.recordId)).map((a) => a.load())).then(
        () => undefined
    );
}
