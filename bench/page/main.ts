// The benchmark page: mounts one subject at a time in #stage and times, with performance.now() inside the
// page, from the change until the rows are in the DOM and the next frame has been produced (the rendered
// marker, then requestAnimationFrame and one task, so style, layout and paint of that frame are included).
// bench/run.ts drives it through window.__bench.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import BenchInboxList from 'c/benchInboxList';
import BenchDatatable from 'c/benchDatatable';
import type { InboxItem } from 'c/relayInboxModel';
import { inbox, newMessage } from './data';
import type { BenchApi, Sample, SubjectName } from './protocol';

interface InboxElement extends HTMLElement {
    load(items: InboxItem[]): void;
    add(item: InboxItem): void;
}

interface Subject {
    tag: string;
    ctor: unknown;
    /** Whether the list shows `firstId` on top and knows about `total` rows. */
    rendered(el: HTMLElement, firstId: string, total: number): boolean;
}

// The checks run many times while a subject renders, so they must stay cheap: synthetic shadow makes
// querySelector on a 10,000-row table filter every match, whereas tbody.rows is the browser's own list.
let tableBody: HTMLTableSectionElement | null = null;

function datatableBody(el: HTMLElement): HTMLTableSectionElement | null {
    if (!tableBody?.isConnected) {
        const table = el.shadowRoot?.querySelector('lightning-datatable');
        tableBody = (table?.shadowRoot?.querySelector('tbody[data-rowgroup-body]') as HTMLTableSectionElement) ?? null;
    }
    return tableBody;
}

const SUBJECTS: Record<SubjectName, Subject> = {
    relay: {
        tag: 'c-bench-inbox-list',
        ctor: BenchInboxList,
        rendered(el, firstId, total) {
            const first = el.shadowRoot?.querySelector('li[data-id]');
            return first?.getAttribute('data-id') === firstId && first.getAttribute('aria-setsize') === String(total);
        }
    },
    baseline: {
        tag: 'c-bench-datatable',
        ctor: BenchDatatable,
        rendered(el, firstId, total) {
            const body = datatableBody(el);
            return body?.rows.length === total && body.rows[0].getAttribute('data-row-key-value') === firstId;
        }
    }
};

const stage = document.getElementById('stage') as HTMLElement;
let mounted: { subject: Subject; el: InboxElement; total: number } | undefined;

const yieldTask = (): Promise<void> =>
    new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
    });
const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve(yieldTask())));
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

async function until(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 3; i++) {
        await Promise.resolve(); // LWC re-renders in a microtask: a list that renders at once is seen here
        if (done()) return;
    }
    // Longer renders (the datatable's deferred work) are polled with timers, leaving the CPU to the page.
    const deadline = performance.now() + 300_000;
    while (!done()) {
        if (performance.now() > deadline) throw new Error(`${what} did not render within 300 s`);
        await pause();
    }
}

async function measure(change: () => void, done: () => boolean, what: string): Promise<Sample> {
    const started = performance.now();
    change();
    await until(done, what);
    const domMs = performance.now() - started;
    await nextFrame();
    return { ms: performance.now() - started, domMs };
}

/** First render: creates the component and gives it `rows` interactions. Keeps it mounted for updates. */
async function mount(name: SubjectName, rows: number): Promise<Sample> {
    const subject = SUBJECTS[name];
    stage.replaceChildren();
    tableBody = null;
    const items = inbox(rows);
    const newest = items.reduce((a, b) => (Number(b.receivedAt) > Number(a.receivedAt) ? b : a));
    const el = createElement(subject.tag, { is: subject.ctor as never }) as unknown as InboxElement;
    const sample = await measure(
        () => {
            stage.append(el);
            el.load(items);
        },
        () => subject.rendered(el, newest.id, rows),
        `${name} first render of ${rows} rows`
    );
    mounted = { subject, el, total: rows };
    return sample;
}

/** One new message arrives in the mounted inbox; it belongs at the top. */
async function update(index: number): Promise<Sample> {
    const current = mounted;
    if (!current) throw new Error('mount a subject first');
    const message = newMessage(index);
    current.total++;
    return measure(
        () => current.el.add(message),
        () => current.subject.rendered(current.el, message.id, current.total),
        `update ${index}`
    );
}

const api: BenchApi = {
    mount,
    update,
    ready: true,
    // Until force-app has relayDigitalInbox, the Relay side is this fixture; see bench/README.md.
    relay: { subject: 'bench-fixture', component: 'c/benchInboxList (virtualized list on c/relayInboxModel)' }
};
Object.assign(window, { __bench: api });
