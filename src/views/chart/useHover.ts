import { useState, type MouseEvent } from 'react';

/** The pointer's position in an element, in px from its top left corner. */
export function offsetIn(e: { currentTarget: Element; clientX: number; clientY: number }) {
  const box = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - box.left, y: e.clientY - box.top };
}

/**
 * What a chart's pointer is over. `pointer(at)` gives the chart's <svg> its handlers: leaving
 * clears the hover, moving sets it to `at(x, y)` (the item at that offset, or null). Charts whose
 * items report their own hover (bars on mouse enter) pass no `at` and call setHover themselves.
 */
export function useHover<T>() {
  const [hover, setHover] = useState<T | null>(null);
  const pointer = (at?: (x: number, y: number) => T | null) => ({
    onMouseLeave: () => setHover(null),
    onMouseMove:
      at &&
      ((e: MouseEvent<SVGSVGElement>) => {
        const { x, y } = offsetIn(e);
        setHover(at(x, y));
      }),
  });
  return { hover, setHover, pointer };
}
