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
            const table = el.shadowRoot?.querySelector('lightning-datatable');
            const body = table?.shadowRoot?.querySelector('tbody[data-rowgroup-body]') as HTMLTableSectionElement | null;
            const first = body?.querySelector('tr[data-row-key-value]');
            return first?.getAttribute('data-row-key-value') === firstId && body?.rows.length === total;
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

async function until(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 3; i++) {
        await Promise.resolve(); // LWC re-renders in a microtask
        if (done()) return;
    }
    const deadline = performance.now() + 180_000;
    while (!done()) {
        if (performance.now() > deadline) throw new Error(`${what} did not render within 180 s`);
        await yieldTask();
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

const api: BenchApi = { mount, update, ready: true };
Object.assign(window, { __bench: api });
