/*
 * The arithmetic of a virtualized list with rows of one fixed height: which rows to render for a scroll
 * position, where to scroll so a row is in view, and where the arrow keys move the active row.
 */

/** The rows to render: `count` rows from position `start`. */
export interface ListWindow {
    readonly start: number;
    readonly count: number;
}

/**
 * The rows inside the viewport plus `overscan` rows either side, so a short scroll shows rows that are
 * already there.
 */
export function windowAt(
    scrollTop: number,
    viewportHeight: number,
    rowHeight: number,
    size: number,
    overscan: number
): ListWindow {
    if (size <= 0 || rowHeight <= 0) {
        return { start: 0, count: 0 };
    }
    const top = Math.max(0, Number.isFinite(scrollTop) ? scrollTop : 0);
    const first = Math.max(0, Math.min(size - 1, Math.floor(top / rowHeight)) - overscan);
    const last = Math.min(size, Math.ceil((top + Math.max(0, viewportHeight)) / rowHeight) + overscan);
    return { start: first, count: Math.max(0, last - first) };
}

/** The scroll position that shows the whole row at `index`, moving as little as possible. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
    const top = index * rowHeight;
    const bottom = top + rowHeight;
    if (top < scrollTop) {
        return top;
    }
    if (bottom > scrollTop + viewportHeight) {
        return Math.max(0, bottom - viewportHeight);
    }
    return scrollTop;
}

/** Whether the row at `index` is one of the rendered rows. */
export function isRendered(index: number, window: ListWindow): boolean {
    return index >= window.start && index < window.start + window.count;
}

/**
 * Where a key moves the active row of a list of `size` rows (-1: no row active yet), or null when the key
 * does not move it: the arrows by one, Page Up/Down by a page, Home and End to the ends.
 */
export function moveActive(key: string, index: number, size: number, pageRows: number): number | null {
    if (size <= 0) {
        return null;
    }
    const last = size - 1;
    const page = Math.max(1, pageRows);
    const from = Math.min(index, last);
    switch (key) {
        case 'ArrowDown':
            return from < 0 ? 0 : Math.min(from + 1, last);
        case 'ArrowUp':
            return from < 0 ? last : Math.max(from - 1, 0);
        case 'PageDown':
            return from < 0 ? Math.min(page - 1, last) : Math.min(from + page, last);
        case 'PageUp':
            return from < 0 ? 0 : Math.max(from - page, 0);
        case 'Home':
            return 0;
        case 'End':
            return last;
        default:
            return null;
    }
}
