// Row windowing for the node table (pure): which rows to render for a scroll
// position, and where to scroll to bring a row into view. Rows have one fixed
// height, so the window is arithmetic; the rows above and below it are
// stood in for by two spacer rows of the right height.

export interface RowWindow {
  /** the first rendered row (index into the shown rows) */
  start: number;
  /** one past the last rendered row */
  end: number;
  /** px above the window (the top spacer) */
  before: number;
  /** px below the window (the bottom spacer) */
  after: number;
}

/**
 * windowOf: the rows that are on screen for this scroll position, plus
 * `overscan` rows either side. scrollTop: px scrolled past the first row's
 * top (the scroller's scrollTop less the header above the rows); viewport:
 * the scroller's height in px.
 */
export function windowOf(scrollTop: number, viewport: number, rowHeight: number, count: number, overscan = 8): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, before: 0, after: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewport) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first - overscan));
  const end = Math.min(count, first + visible + overscan);
  return { start, end: Math.max(start, end), before: start * rowHeight, after: (count - Math.max(start, end)) * rowHeight };
}

/**
 * scrollToShow: the scrollTop that brings row `index` fully into view below
 * a sticky header of `header` px, moving as little as possible (unchanged
 * when it is in view already).
 */
export function scrollToShow(index: number, scrollTop: number, viewport: number, rowHeight: number, header: number): number {
  const top = header + index * rowHeight;
  const bottom = top + rowHeight;
  if (top - header < scrollTop) return Math.max(0, top - header);
  if (bottom > scrollTop + viewport) return bottom - viewport;
  return scrollTop;
}

/** pageRows: how many rows a Page Up / Page Down moves (one screen of rows, at least one). */
export function pageRows(viewport: number, rowHeight: number, header: number): number {
  return Math.max(1, Math.floor((viewport - header) / rowHeight) - 1);
}
