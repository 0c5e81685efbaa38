// Prometheus text exposition (format 0.0.4) of the connector's counters and gauges, without a client library.
export class Metrics {
    private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
    private readonly gauges = new Map<string, { help: string; read: () => Promise<Record<string, number>> }>();
    private readonly histograms = new Map<
        string,
        { help: string; buckets: number[]; values: Map<string, { counts: number[]; sum: number; count: number }> }
    >();

    counter(name: string, help: string): (labels?: Record<string, string>, by?: number) => void {
        const entry = { help, values: new Map<string, number>() };
        this.counters.set(name, entry);
        return (labels = {}, by = 1) => {
            const key = labelText(labels);
            entry.values.set(key, (entry.values.get(key) ?? 0) + by);
        };
    }

    /** A gauge read at scrape time; `read` returns values by label text ('' for none). */
    gauge(name: string, help: string, read: () => Promise<Record<string, number>>): void {
        this.gauges.set(name, { help, read });
    }

    /**
     * A histogram (Prometheus `_bucket{le}`, `_sum`, `_count`), for durations: `buckets` are the upper bounds, in
     * increasing order; +Inf is added.
     */
    histogram(name: string, help: string, buckets: number[]): (value: number, labels?: Record<string, string>) => void {
        const entry = { help, buckets, values: new Map<string, { counts: number[]; sum: number; count: number }>() };
        this.histograms.set(name, entry);
        return (value, labels = {}) => {
            const key = labelText(labels);
            let series = entry.values.get(key);
            if (series === undefined) {
                series = { counts: buckets.map(() => 0), sum: 0, count: 0 };
                entry.values.set(key, series);
            }
            buckets.forEach((bound, i) => {
                if (value <= bound) series.counts[i] = (series.counts[i] ?? 0) + 1;
            });
            series.sum += value;
            series.count += 1;
        };
    }

    /** A histogram's observation count (tests). */
    count(name: string, labels: Record<string, string> = {}): number {
        return this.histograms.get(name)?.values.get(labelText(labels))?.count ?? 0;
    }

    value(name: string, labels: Record<string, string> = {}): number {
        return this.counters.get(name)?.values.get(labelText(labels)) ?? 0;
    }

    async render(): Promise<string> {
        const lines: string[] = [];
        for (const [name, { help, values }] of this.counters) {
            lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`);
            if (values.size === 0) lines.push(`${name} 0`);
            for (const [labels, value] of values) lines.push(`${name}${labels} ${value}`);
        }
        for (const [name, { help, buckets, values }] of this.histograms) {
            lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`);
            for (const [key, series] of values) {
                const labels = key === '' ? [] : [key.slice(1, -1)];
                const withLabels = (extra: string[]): string => (extra.length === 0 ? '' : `{${extra.join(',')}}`);
                buckets.forEach((bound, i) =>
                    lines.push(`${name}_bucket${withLabels([...labels, `le="${bound}"`])} ${series.counts[i] ?? 0}`)
                );
                lines.push(`${name}_bucket${withLabels([...labels, 'le="+Inf"'])} ${series.count}`);
                lines.push(`${name}_sum${key} ${series.sum}`, `${name}_count${key} ${series.count}`);
            }
        }
        for (const [name, { help, read }] of this.gauges) {
            lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
            for (const [labels, value] of Object.entries(await read())) lines.push(`${name}${labels} ${value}`);
        }
        return `${lines.join('\n')}\n`;
    }
}

export function labelText(labels: Record<string, string>): string {
    const entries = Object.entries(labels);
    if (entries.length === 0) return '';
    const escape = (v: string): string => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
    return `{${entries.map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;
}
