import {
  Virtualizer,
  observeWindowOffset,
  observeWindowRect,
  windowScroll,
  type VirtualizerOptions,
} from '@tanstack/virtual-core';
import { useLayoutEffect, useReducer, useState } from 'preact/hooks';

/** What a list gives {@link useWindowVirtualizer}; the rest is the window's scrolling. */
export type WindowVirtualizerOptions<TItem extends Element> = Pick<
  VirtualizerOptions<Window, TItem>,
  'count' | 'estimateSize' | 'getItemKey' | 'overscan' | 'scrollMargin' | 'gap'
>;

/**
 * A virtualizer over the page's own scrolling (@tanstack/virtual-core, which has no Preact
 * adapter): only the items in or near the window are rendered, so a list of 10,000 nodes costs
 * what a screenful costs. Items pass `ref={virtualizer.measureElement}` and `data-index` so
 * their real height (a table row, or a card on a phone) replaces the estimate. `scrollMargin` is
 * where the list starts on the page; `gap` the space between items (their margins).
 */
export function useWindowVirtualizer<TItem extends Element>(
  options: WindowVirtualizerOptions<TItem>,
): Virtualizer<Window, TItem> {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const resolved: VirtualizerOptions<Window, TItem> = {
    getScrollElement: () => window,
    observeElementRect: observeWindowRect,
    observeElementOffset: observeWindowOffset,
    scrollToFn: windowScroll,
    initialOffset: () => window.scrollY,
    ...options,
    onChange: () => rerender(0),
  };
  const [virtualizer] = useState(() => new Virtualizer<Window, TItem>(resolved));
  virtualizer.setOptions(resolved);
  useLayoutEffect(() => virtualizer._didMount(), []);
  useLayoutEffect(() => virtualizer._willUpdate());
  return virtualizer;
}
