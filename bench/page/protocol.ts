// What bench/run.ts and the benchmark page (page/main.ts) exchange through window.__bench.

export type SubjectName = 'relay' | 'baseline';

export interface Sample {
    /** From the change until the rows are in the DOM and the frame showing them is produced. */
    ms: number;
    /** From the change until the rows are in the DOM (no frame). */
    domMs: number;
    /** Whether the rows were in the DOM before the frame the change started in was styled and painted. */
    inStartFrame: boolean;
}

export interface BenchApi {
    ready: boolean;
    /** What the Relay side of the comparison is: the product component. */
    relay: { subject: 'relayDigitalInbox'; component: string };
    /** First render: a new component given `rows` interactions; it stays mounted for update(). */
    mount(subject: SubjectName, rows: number): Promise<Sample>;
    /** One new customer message arrives in an interaction of the mounted inbox and moves it to the top. */
    update(index: number): Promise<Sample>;
}
