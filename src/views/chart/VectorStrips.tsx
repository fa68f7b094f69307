import { f2 } from '../format';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { MIN_CELL, stripCells, stripScale, type StripCell } from './stripCells';
import { stripPixels } from './stripPaint';
import { sameStrips } from './sameStrips';
import { DataTable } from './DataTable';
import { Tooltip } from './Tooltip';
import { useHover } from './useHover';
import { useWidth } from './useWidth';
import './chart.css';

export interface Strip {
  label: string;
  values: ArrayLike<number>;
}

const LABEL_WIDTH = 118;
const GAP = 8;

/**
 * Vectors as rows of coloured cells, one cell per dimension, on one shared diverging scale
 * (blue positive, red negative), so "before + f(x) = after" can be read column by column.
 * The cells are painted on a canvas: they all change at every step of the scrubber, and as
 * SVG rectangles their restyling alone cost more than a frame. Labels and the hovered cell
 * stay in SVG; exports put the canvas back in as an image (see svgExport).
 * `rows` reserves room for that many strips, so the charts below do not jump when fewer show.
 * More dimensions than the width can give MIN_CELL px each (GPT-2's 768) are binned, each cell
 * showing its run's largest |value| (stripCells.ts), with the exact numbers on hover and in the
 * data table; a few dimensions that dwarf the rest clip the colour scale, marked and said.
 */
export function VectorStrips({
  strips: given,
  cellHeight = 22,
  rows = given.length,
  emptyNote,
  scale,
}: {
  strips: Strip[];
  cellHeight?: number;
  rows?: number;
  /** Said in the reserved rows when fewer strips than `rows` show. */
  emptyNote?: string;
  /**
   * A colour scale shared with another set of strips (its ±max and what it is shared with),
   * so two states compare by eye; without one the strips fill their own ±max.
   */
  scale?: { max: number; note: string };
}) {
  // The last strips while they show the same numbers, so the memos below hold across renders.
  const [kept, keep] = useState(given);
  const same = sameStrips(kept, given);
  if (!same) keep(given);
  const strips = same ? kept : given;
  const [ref, width] = useWidth<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement>(null);
  const { hover, pointer } = useHover<{ r: number; i: number }>();
  const C = strips[0]?.values.length ?? 0;
  const ownScale = useMemo(() => stripScale(strips.map((s) => s.values)), [strips]);
  const own = Math.max(1e-6, ownScale.clipped?.largest ?? ownScale.limit);
  const clipped = ownScale.clipped;
  // A clipped scale is the strips' own: a shared one would be set by the other model's outliers.
  const max = clipped ? ownScale.limit : Math.max(own, scale?.max ?? 0);
  const plotWidth = Math.max(60, width - LABEL_WIDTH - 8);
  const nCells = plotWidth / Math.max(1, C) >= MIN_CELL ? C : Math.floor(plotWidth / MIN_CELL);
  const binned = nCells < C;
  const cells = useMemo(() => strips.map((s) => stripCells(s.values, nCells)), [strips, nCells]);
  const shown = useMemo(() => cells.map((row) => row.map((c) => c.value)), [cells]);
  const cell = plotWidth / Math.max(1, nCells);
  const band = cellHeight + GAP;
  const plotHeight = Math.max(1, rows) * band - GAP;
  // Room for the colour key's two lines, reserved even before a shared scale arrives; what
  // clipping and binning did is said below in HTML, which wraps on a phone.
  const height = plotHeight + 58;
  const keyX = width - LABEL_WIDTH < 300 ? -LABEL_WIDTH : 0;

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
    const layout = { cell, cellHeight, band, dpr, width: w0, height: h0 };
    ctx.putImageData(new ImageData(stripPixels(shown, max, layout), w0, h0), 0, 0);
  }, [shown, max, plotWidth, plotHeight, cell, band, cellHeight]);

  const hovered = hover && cells[hover.r]?.[hover.i] ? hover : null;
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
          {...pointer((px, py) => {
            const i = Math.floor((px - LABEL_WIDTH) / cell);
            const r = Math.floor(py / band);
            return i >= 0 && i < nCells && r >= 0 && r < strips.length ? { r, i } : null;
          })}
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
          {/* Beyond the clipped scale: a wedge pointing up at the cell, in the gap below it. */}
          {clipped &&
            cells.flatMap((row, r) =>
              row.flatMap((c, i) =>
                Math.abs(c.value) > max
                  ? [
                      <path
                        key={`${r}-${i}`}
                        className="strip-clip"
                        data-testid="strip-clip"
                        d={`M${LABEL_WIDTH + (i + 0.5) * cell},${r * band + cellHeight + 1}l-3,5h6z`}
                      />,
                    ]
                  : [],
              ),
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
            <text x={nCells * cell} y={10} textAnchor="end">
              {C - 1}
            </text>
            {/* On its own line, so it never runs into the end labels on a phone, and under
                the labels too where the cells start too far right for it to fit. */}
            <text x={keyX} y={24}>
              colour: −{f2(max)} (red) … 0 … +{f2(max)} (blue)
            </text>
            {(scale || clipped) && (
              <text x={keyX} y={38} data-testid="strip-scale">
                {clipped
                  ? `clipped at the 99th percentile; these reach ±${f2(own)}`
                  : `${scale?.note}; these reach ±${f2(own)}`}
              </text>
            )}
          </g>
        </svg>
        {hovered && (
          <Tooltip
            x={LABEL_WIDTH + hovered.i * cell + 10}
            top={(hovered.r + 1) * band}
            chartWidth={width}
            boxWidth={binned ? 240 : 200}
          >
            <CellTip label={strips[hovered.r].label} cell={cells[hovered.r][hovered.i]} />
          </Tooltip>
        )}
      </div>
      {(clipped || binned) && (
        <p className="chart-note strip-notes">
          {clipped && (
            <span data-testid="strip-clipped">
              {clipped.count} {clipped.count === 1 ? 'value reaches' : 'values reach'} beyond the
              colour scale (marked ▴), up to{' '}
              {f2(strips[clipped.vector]?.values[clipped.dimension] ?? clipped.largest)} (
              {strips[clipped.vector]?.label.replace(/\s+/g, ' ')}, dimension {clipped.dimension}
              ); scaled to that, the rest would be white.{' '}
            </span>
          )}
          {binned && (
            <span data-testid="strip-binned">
              Each cell is the largest |value| of {Math.round(C / nCells)} of the {C} dimensions;
              hover for the numbers, or show the data for all.
            </span>
          )}
        </p>
      )}
      <DataTable
        data={{
          columns: ['dimension', ...strips.map((s) => s.label)],
          rows: Array.from({ length: C }, (_, i) => [i, ...strips.map((s) => s.values[i])]),
        }}
      />
    </div>
  );
}

/** A hovered cell's numbers: its dimension, or its run of dimensions and the largest in it. */
function CellTip({ label, cell }: { label: string; cell: StripCell }) {
  if (cell.from === cell.to)
    return (
      <>
        {label}, dimension {cell.from}: {f2(cell.value)}
      </>
    );
  return (
    <>
      {label}, dimensions {cell.from}–{cell.to}: largest |value| at {cell.at}, {f2(cell.value)}
    </>
  );
}
