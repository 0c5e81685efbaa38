// Prometheus text exposition (format 0.0.4) of the connector's counters and gauges, without a client library.
export class Metrics {
    private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
    private readonly gauges = new Map<string, { help: string; read: () => Promise<Record<string, number>> }>();

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
