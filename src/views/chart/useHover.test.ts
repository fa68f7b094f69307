import { createElement, type MouseEvent } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { offsetIn, useHover } from './useHover';

/** A pointer event at client (clientX, clientY) over an element whose box starts at (10, 20). */
const at = (clientX: number, clientY: number) =>
  ({
    currentTarget: { getBoundingClientRect: () => ({ left: 10, top: 20 }) },
    clientX,
    clientY,
  }) as unknown as MouseEvent<SVGSVGElement>;

/** The handlers the hook gives an <svg>, taken from one server render. */
function handlersFor(find?: (x: number, y: number) => number | null) {
  let handlers: ReturnType<ReturnType<typeof useHover<number>>['pointer']> | undefined;
  const Probe = () => {
    handlers = useHover<number>().pointer(find);
    return null;
  };
  renderToStaticMarkup(createElement(Probe));
  return handlers!;
}

describe('hover on a chart', () => {
  it('measures the pointer from the top left of the element it moves over', () => {
    expect(offsetIn(at(15, 27))).toEqual({ x: 5, y: 7 });
  });

  it('asks the chart for the item at the offset on every move', () => {
    const seen: [number, number][] = [];
    const h = handlersFor((x, y) => (seen.push([x, y]), null));
    h.onMouseMove!(at(110, 20));
    h.onMouseMove!(at(10, 45));
    expect(seen).toEqual([
      [100, 0],
      [0, 25],
    ]);
  });

  it('leaves moves to the items when the chart names none, and clears on leaving', () => {
    const h = handlersFor();
    expect(h.onMouseMove).toBeUndefined();
    expect(typeof h.onMouseLeave).toBe('function');
  });
});
