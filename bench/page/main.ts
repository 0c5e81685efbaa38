// The benchmark page: mounts one subject at a time in #stage and times, with performance.now() inside the
// page, from the change until the rows are in the DOM and the frame showing them has been produced.
// The Relay side is the product's c/relayDigitalInbox, whose Apex (bench/page/runtime/apex.ts) and empApi
// (bench/page/runtime/empApi.ts) answer from the in-page `org` below; the baseline is lightning-datatable
// (bench/fixtures/lwc/benchDatatable). bench/run.ts drives the page through window.__bench.
import '@lwc/synthetic-shadow';
import { createElement } from 'lwc';
import RelayDigitalInbox from 'c/relayDigitalInbox';
import BenchDatatable from 'c/benchDatatable';
import type { InboxItem } from 'c/relayInboxModel';
import type { RelayInboxItemView, RelayInteractionDetail } from 'c/relayInboxStore';
import { CONVERSATION_EVENT_CHANNEL } from 'c/relayWorkItemStore';
import { customerMessageEvent, inbox, messageIn, toItem, toView } from './data';
import { setApexHandler } from './runtime/apex';
import { deliver } from './runtime/empApi';
import type { BenchApi, Sample, SubjectName } from './protocol';

/** The records RelayInboxController reads in this page. */
const org = new Map<string, RelayInboxItemView>();

setApexHandler('RelayInboxController.getInbox', () => [...org.values()]);
setApexHandler('RelayInboxController.getInteractionDetail', (params): RelayInteractionDetail => {
    const item = org.get(String(params.interactionId)) ?? null;
    return { item, nameId: null, nameLabel: null, relatesToId: null, relatesToLabel: null, notes: [] };
});

interface Subject {
    tag: string;
    ctor: unknown;
    /** The change a first render times: the element enters the page with `views` to show. */
    load(el: HTMLElement, views: RelayInboxItemView[]): void;
    /** The change an update times: `view` is the interaction as it reads after a new customer message. */
    message(el: HTMLElement, view: RelayInboxItemView, index: number): void;
    /** Whether the list shows `firstId` on top and knows about `total` rows. */
    rendered(el: HTMLElement, firstId: string, total: number): boolean;
}

interface DatatableElement extends HTMLElement {
    load(items: InboxItem[]): void;
    add(item: InboxItem): void;
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

const stage = document.getElementById('stage') as HTMLElement;

const SUBJECTS: Record<SubjectName, Subject> = {
    relay: {
        tag: 'c-relay-digital-inbox',
        ctor: RelayDigitalInbox,
        // The component reads its rows itself (getInbox, answered from `org`) when it is connected.
        load(el, views) {
            org.clear();
            views.forEach((view) => org.set(view.id, view));
            stage.append(el);
        },
        // What an org does: the message is saved, the platform event reaches empApi, the component re-reads
        // the one interaction (getInteractionDetail).
        message(_el, view, index) {
            org.set(view.id, view);
            if (deliver(CONVERSATION_EVENT_CHANNEL, customerMessageEvent(view, index)) !== 1) {
                throw new Error('relayDigitalInbox is not subscribed to the conversation events');
            }
        },
        rendered(el, firstId, total) {
            const first = el.shadowRoot?.querySelector('li[data-item]');
            return first?.getAttribute('data-item') === firstId && first.getAttribute('aria-setsize') === String(total);
        }
    },
    baseline: {
        tag: 'c-bench-datatable',
        ctor: BenchDatatable,
        load(el, views) {
            const items = views.map(toItem);
            stage.append(el);
            (el as DatatableElement).load(items);
        },
        message(el, view) {
            (el as DatatableElement).add(toItem(view));
        },
        rendered(el, firstId, total) {
            const body = datatableBody(el);
            return body?.rows.length === total && body.rows[0].getAttribute('data-row-key-value') === firstId;
        }
    }
};

let mounted: { subject: Subject; el: HTMLElement; views: RelayInboxItemView[] } | undefined;

/** A task after everything queued so far, including a frame being produced (rendering runs in its own task). */
const yieldTask = (): Promise<void> =>
    new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve();
        channel.port2.postMessage(null);
    });
const nextFrame = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => resolve(yieldTask())));
const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 1));

async function until(done: () => boolean, what: string): Promise<void> {
    // LWC re-renders in a microtask, and the in-page Apex answers in one: a list that renders without
    // waiting for a task is seen here, before the frame in progress is styled and painted.
    for (let i = 0; i < 200; i++) {
        if (done()) return;
        await Promise.resolve();
    }
    // Longer renders (the datatable's deferred work) are polled with timers, leaving the CPU to the page.
    const deadline = performance.now() + 300_000;
    while (!done()) {
        if (performance.now() > deadline) throw new Error(`${what} did not render within 300 s`);
        await pause();
    }
}

/**
 * Makes the change at the start of a frame (in a requestAnimationFrame callback), so that no sample waits
 * for a frame to begin, and stops the clock once the frame that shows the rows is produced: the frame the
 * change started in when the rows were in the DOM before its style and paint, else the next one.
 */
async function measure(change: () => void, done: () => boolean, what: string): Promise<Sample> {
    await nextFrame();
    return new Promise<Sample>((resolve, reject) => {
        requestAnimationFrame(() => {
            const started = performance.now();
            let framePainted = false;
            const endOfThisFrame = yieldTask().then(() => {
                framePainted = true;
            });
            const run = async (): Promise<Sample> => {
                change();
                await until(done, what);
                const domMs = performance.now() - started;
                const inThisFrame = !framePainted;
                await (inThisFrame ? endOfThisFrame : nextFrame());
                return { ms: performance.now() - started, domMs, inStartFrame: inThisFrame };
            };
            run().then(resolve, reject);
        });
    });
}

/** First render: creates the component and gives it `rows` interactions. Keeps it mounted for updates. */
async function mount(name: SubjectName, rows: number): Promise<Sample> {
    const subject = SUBJECTS[name];
    stage.replaceChildren();
    tableBody = null;
    const views = inbox(rows).map(toView);
    const newest = views.reduce((a, b) => (Date.parse(b.receivedAt ?? '') > Date.parse(a.receivedAt ?? '') ? b : a));
    const el = createElement(subject.tag, { is: subject.ctor as never }) as unknown as HTMLElement;
    const sample = await measure(
        () => subject.load(el, views),
        () => subject.rendered(el, newest.id, rows),
        `${name} first render of ${rows} rows`
    );
    mounted = { subject, el, views };
    return sample;
}

/** One new customer message in an interaction of the mounted inbox; it moves that row to the top. */
async function update(index: number): Promise<Sample> {
    const current = mounted;
    if (!current) throw new Error('mount a subject first');
    const view = messageIn(current.views, index);
    const total = current.views.length;
    return measure(
        () => current.subject.message(current.el, view, index),
        () => current.subject.rendered(current.el, view.id, total),
        `update ${index}`
    );
}

const api: BenchApi = {
    mount,
    update,
    ready: true,
    relay: {
        subject: 'relayDigitalInbox',
        component: 'c/relayDigitalInbox (force-app), Apex getInbox/getInteractionDetail and empApi answered in the page'
    }
};
Object.assign(window, { __bench: api });
