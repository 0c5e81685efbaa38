// `@salesforce/apex/Class.method` in the preview: the call goes to the local server, which runs the
// preview handler for that Apex method (it sends the same contact-centre requests the Apex sends).
// Like the platform, a failure rejects with `{ body: { message } }`, the message being what the Apex threw.

type Params = Record<string, unknown>;
type DataCallback = (value: { data: unknown; error: unknown }) => void;

export interface ApexFailure {
    ok: false;
    status: number;
    statusText: string;
    body: { message: string; exceptionType?: string };
}

function failure(status: number, message: string, exceptionType?: string): ApexFailure {
    return {
        ok: false,
        status,
        statusText: status === 0 ? 'Network error' : 'Error',
        body: { message, exceptionType }
    };
}

async function invoke(name: string, params: Params): Promise<unknown> {
    let response: Response;
    try {
        response = await fetch(`/__apex/${encodeURIComponent(name)}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(params)
        });
    } catch {
        // The platform rejects Apex calls with this plain object, not an Error: components read error.body.
        throw failure(0, 'Disconnected or Canceled');
    }
    // The server answers every call with an envelope, as an Aura action response: { ok, status, result | body }.
    const payload = (await response.json().catch(() => ({}))) as {
        ok?: boolean;
        status?: number;
        result?: unknown;
        body?: { message?: string; exceptionType?: string };
    };
    if (!response.ok || payload.ok !== true) {
        const status = payload.status ?? response.status;
        throw failure(status, payload.body?.message ?? response.statusText, payload.body?.exceptionType);
    }
    return payload.result ?? null;
}

function deepFreeze<T>(value: T): T {
    if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
        Object.freeze(value);
        for (const v of Object.values(value)) deepFreeze(v);
    }
    return value;
}

/** Provisioned wire values -> the adapter that provisioned them, for refreshApex. */
const provisioners = new WeakMap<object, { refresh: () => Promise<void> }>();

/** An Apex import: callable imperatively, and a wire adapter through `.adapter` as on the platform. */
export function apexMethod(name: string): ((params?: Params) => Promise<unknown>) & { adapter: unknown } {
    const call = (params: Params = {}): Promise<unknown> => invoke(name, params);

    class ApexWireAdapter {
        private config: Params | undefined;
        private disconnected = false;
        constructor(private readonly dataCallback: DataCallback) {}

        update(config: Params): void {
            this.config = config;
            void this.refresh();
        }
        connect(): void {
            this.disconnected = false;
        }
        disconnect(): void {
            this.disconnected = true;
        }

        refresh(): Promise<void> {
            const config = this.config;
            // The platform does not call the Apex method while a reactive parameter is still undefined.
            if (!config || Object.values(config).some((v) => v === undefined)) {
                return Promise.resolve();
            }
            return call(config).then(
                (data) => this.emit({ data: deepFreeze(data), error: undefined }),
                (error: unknown) => this.emit({ data: undefined, error })
            );
        }

        private emit(value: { data: unknown; error: unknown }): void {
            if (this.disconnected) return;
            provisioners.set(value, this);
            this.dataCallback(value);
        }
    }

    return Object.assign(call, { adapter: ApexWireAdapter });
}

/** Re-runs the Apex behind a provisioned wire value, as `refreshApex` from `@salesforce/apex` does. */
export function refreshApex(wiredValue: unknown): Promise<void> {
    const owner = typeof wiredValue === 'object' && wiredValue !== null ? provisioners.get(wiredValue) : undefined;
    return owner ? owner.refresh() : Promise.resolve();
}
