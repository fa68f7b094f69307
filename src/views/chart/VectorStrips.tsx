import { f2 } from '../format';
import { interpolateRdBu } from 'd3-scale-chromatic';
import { useLayoutEffect, useRef, useState } from 'react';
import { DataTable } from './DataTable';
import { Tooltip } from './Tooltip';
import { useWidth } from './useWidth';
import './chart.css';

export interface Strip {
  label: string;
  values: ArrayLike<number>;
}

const LABEL_WIDTH = 118;
/** The diverging scale as 257 ready colour strings, from −max (0) through 0 (128) to +max (256). */
const SHADES = Array.from({ length: 257 }, (_, i) => interpolateRdBu(i / 256));
const GAP = 8;

/**
 * Vectors as rows of coloured cells, one cell per dimension, on one shared diverging scale
 * (blue positive, red negative), so "before + f(x) = after" can be read column by column.
 * The cells are painted on a canvas: they all change at every step of the scrubber, and as
 * SVG rectangles their restyling alone cost more than a frame. Labels and the hovered cell
 * stay in SVG; exports put the canvas back in as an image (see svgExport).
 * `rows` reserves room for that many strips, so the charts below do not jump when fewer show.
 */
export function VectorStrips({
  strips,
  cellHeight = 22,
  rows = strips.length,
  emptyNote,
}: {
  strips: Strip[];
  cellHeight?: number;
  rows?: number;
  /** Said in the reserved rows when fewer strips than `rows` show. */
  emptyNote?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ r: number; i: number } | null>(null);
  const C = strips[0]?.values.length ?? 0;
  let max = 1e-6;
  for (const s of strips)
    for (let i = 0; i < s.values.length; i++) max = Math.max(max, Math.abs(s.values[i]));
  const plotWidth = Math.max(C, width - LABEL_WIDTH - 8);
  const cell = plotWidth / Math.max(1, C);
  const band = cellHeight + GAP;
  const plotHeight = Math.max(1, rows) * band - GAP;
  const height = plotHeight + 44;

  useLayoutEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    // Resizing a canvas reallocates it; only do so when the size changed.
    const w0 = Math.round(plotWidth * dpr);
    const h0 = Math.round(plotHeight * dpr);
    if (c.width !== w0) c.width = w0;
    if (c.height !== h0) c.height = h0;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, plotWidth, plotHeight);
    // Looked up rather than interpolated: 192 colour strings a step showed in the profile.
    const shade = (v: number) =>
      SHADES[Math.max(0, Math.min(256, Math.round(128 + (128 * v) / max)))] ?? SHADES[128];
    // A hairline between cells when they are wide enough to spare it, as the SVG had.
    const w = cell >= 4 ? cell - 0.5 : cell + 0.5;
    strips.forEach((s, r) => {
      for (let i = 0; i < s.values.length; i++) {
        ctx.fillStyle = shade(s.values[i]);
        ctx.fillRect(i * cell, r * band, w, cellHeight);
      }
    });
  }, [strips, max, plotWidth, plotHeight, cell, band, cellHeight]);

  const hovered = hover && strips[hover.r] ? hover : null;
  return (
    <div ref={ref} className="chart-body">
      <div className="canvas-plot" style={{ width, height }}>
        <canvas
          ref={canvas}
          aria-hidden="true"
          style={{ left: LABEL_WIDTH, top: 0, width: plotWidth, height: plotHeight }}
        />
        <svg
          width={width}
          height={height}
          onMouseLeave={() => setHover(null)}
          onMouseMove={(e) => {
            const box = e.currentTarget.getBoundingClientRect();
            const i = Math.floor((e.clientX - box.left - LABEL_WIDTH) / cell);
            const r = Math.floor((e.clientY - box.top) / band);
            setHover(i >= 0 && i < C && r >= 0 && r < strips.length ? { r, i } : null);
          }}
        >
          {strips.map((s, r) => (
            <text
              key={s.label}
              x={0}
              y={r * band + cellHeight / 2}
              dy="0.32em"
              className="strip-label"
            >
              {s.label}
            </text>
          ))}
          {emptyNote && strips.length < rows && (
            <text
              x={LABEL_WIDTH}
              y={strips.length * band + cellHeight / 2}
              dy="0.32em"
              className="chart-note-svg"
            >
              {emptyNote}
            </text>
          )}
          {hovered && (
            <rect
              className="heatmap-cursor"
              x={LABEL_WIDTH + hovered.i * cell}
              y={hovered.r * band}
              width={cell}
              height={cellHeight}
            />
          )}
          <g transform={`translate(${LABEL_WIDTH},${plotHeight + 12})`} className="axis">
            <text y={10}>dimension 0</text>
            <text x={C * cell} y={10} textAnchor="end">
              {C - 1}
            </text>
            {/* On its own line, so it never runs into the end labels on a phone, and under
                the labels too where the cells start too far right for it to fit. */}
            <text x={width - LABEL_WIDTH < 300 ? -LABEL_WIDTH : 0} y={24}>
              colour: −{f2(max)} (red) … 0 … +{f2(max)} (blue)
            </text>
          </g>
        </svg>
        {hovered && (
          <Tooltip
            x={LABEL_WIDTH + hovered.i * cell + 10}
            top={(hovered.r + 1) * band}
            chartWidth={width}
            boxWidth={200}
          >
            {strips[hovered.r].label}, dimension {hovered.i}:{' '}
            {f2(strips[hovered.r].values[hovered.i])}
          </Tooltip>
        )}
      </div>
      <DataTable
        data={{
          columns: ['dimension', ...strips.map((s) => s.label)],
          rows: Array.from({ length: C }, (_, i) => [i, ...strips.map((s) => s.values[i])]),
        }}
      />
    </div>
  );
}
