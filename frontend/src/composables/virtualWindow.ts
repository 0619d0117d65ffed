// The rows of a fixed-row-height list that a viewport shows, for a list of
// any length. Browsers cap an element's height (about 33 million pixels in
// Chromium), and a million rows of 46 px do not fit: past `maxHeight` the
// scroll range is mapped onto the list proportionally, so every row,
// the last one included, can still be scrolled to.

export interface WindowInput {
  count: number
  rowHeight: number
  scrollTop: number
  viewport: number
  overscan: number
  maxHeight: number
}

export interface RowWindow {
  /** First and one-past-last row to render. */
  first: number
  last: number
  /** Space above and below the rendered rows, in pixels. */
  padTop: number
  padBottom: number
  /** The scrollable height. */
  height: number
  /** How far down the full list the viewport's top is, in pixels. */
  virtualTop: number
}

function scaled(inp: Pick<WindowInput, 'count' | 'rowHeight' | 'maxHeight' | 'viewport'>) {
  const full = inp.count * inp.rowHeight
  const height = Math.min(full, inp.maxHeight)
  return { full, height, scaled: full > inp.maxHeight }
}

export function rowWindow(inp: WindowInput): RowWindow {
  const { full, height, scaled: isScaled } = scaled(inp)
  const range = height - inp.viewport
  const virtualTop = !isScaled ? inp.scrollTop : range > 0 ? (inp.scrollTop / range) * (full - inp.viewport) : 0
  // Rows above the viewport are kept only as far as the scrolled range reaches.
  const first = Math.min(
    inp.count,
    Math.max(0, Math.floor(virtualTop / inp.rowHeight) - inp.overscan, Math.ceil((virtualTop - inp.scrollTop) / inp.rowHeight)),
  )
  const last = Math.max(first, Math.min(inp.count, Math.ceil((virtualTop + inp.viewport) / inp.rowHeight) + inp.overscan))
  const padTop = inp.scrollTop + first * inp.rowHeight - virtualTop
  const padBottom = Math.max(0, height - padTop - (last - first) * inp.rowHeight)
  return { first, last, padTop, padBottom, height, virtualTop }
}

/** The scroll position that puts the full list's `top` (pixels) at the viewport's top. */
export function scrollFor(top: number, inp: Pick<WindowInput, 'count' | 'rowHeight' | 'maxHeight' | 'viewport'>): number {
  const { full, height, scaled: isScaled } = scaled(inp)
  if (!isScaled) return top
  const range = full - inp.viewport
  return range > 0 ? (top / range) * (height - inp.viewport) : 0
}
