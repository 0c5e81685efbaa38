// What bench/run.ts and the benchmark page (page/main.ts) exchange through window.__bench.

export type SubjectName = 'relay' | 'baseline';

export interface Sample {
    /** From the change until the rows are in the DOM and the next frame is done. */
    ms: number;
    /** From the change until the rows are in the DOM (no frame). */
    domMs: number;
}

export interface BenchApi {
    ready: boolean;
    /** What the Relay side of the comparison is: the product component, or a stand-in fixture. */
    relay: { subject: 'product' | 'bench-fixture'; component: string };
    /** First render: a new component given `rows` interactions; it stays mounted for update(). */
    mount(subject: SubjectName, rows: number): Promise<Sample>;
    /** One new message (newer than all others) arrives in the mounted inbox. */
    update(index: number): Promise<Sample>;
}
