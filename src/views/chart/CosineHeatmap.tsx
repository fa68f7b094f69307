import { f2 } from '../format';
import { scaleDiverging } from 'd3-scale';
import { interpolateRdBu } from './colorRamps';
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { DataTable } from './DataTable';
import { useHover } from './useHover';
import { useWidth } from './useWidth';
import './chart.css';

const M = { top: 4, right: 4, bottom: 22, left: 30 };
const DIAGONAL = '#9a9a9a';

/** −1 red, 0 white, +1 blue: the same diverging scale as the explorer's vector strips. */
export const cosineColor = scaleDiverging((t: number) => interpolateRdBu(t)).domain([-1, 0, 1]);

/**
 * An n×n matrix of cosines in [−1, 1] (row-major), drawn on a canvas with the axes, the
 * highlighted row and column and the hovered cell in SVG on top. The diagonal (a vector with
 * itself, always 1) is grey so the eye goes to the pairs. Hover, or focus and use the arrow
 * keys, to read a cell.
 */
export function CosineHeatmap({
  values,
  n,
  tick,
  describe,
  highlight,
  baseline,
  maxSize = 340,
  testId,
}: {
  values: ArrayLike<number>;
  n: number;
  tick: (i: number) => string;
  /** The words for cell (i, j), shown under the map when it is hovered or focused. */
  describe: (i: number, j: number) => string;
  /** A row and column to outline (the current sublayer), if any. */
  highlight?: number;
  /** E|cos| of random vectors: marked on the colour key as the level of "no relation". */
  baseline?: number;
  maxSize?: number;
  testId?: string;
}) {
  const [ref, width] = useWidth<HTMLDivElement>(320);
  const canvas = useRef<HTMLCanvasElement>(null);
  const { hover: cell, setHover: setCell, pointer } = useHover<[number, number]>();
  const size = Math.max(60, Math.min(maxSize, width - M.left - M.right));
  const step = size / Math.max(1, n);

  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.round(size * dpr);
    c.height = Math.round(size * dpr);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, size, size);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const v = values[i * n + j];
        ctx.fillStyle = i === j ? DIAGONAL : Number.isFinite(v) ? cosineColor(v) : '#000';
        // Overlap by a hair so no seams show between cells.
        ctx.fillRect(j * step, i * step, step + 0.5, step + 0.5);
      }
    }
  }, [values, n, size, step]);

  // Row labels need a line of text each; column labels ("10m") need their width.
  const rowEvery = Math.max(1, Math.ceil(13 / step));
  const colEvery = Math.max(1, Math.ceil(24 / step));
  const onKey = (e: KeyboardEvent) => {
    const moves: Record<string, [number, number]> = {
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
    };
    const d = moves[e.key];
    if (!d) return;
    // These keys otherwise step through the layers (useStageKeys).
    e.preventDefault();
    e.stopPropagation();
    const [i, j] = cell ?? [0, 1];
    setCell([Math.min(n - 1, Math.max(0, i + d[0])), Math.min(n - 1, Math.max(0, j + d[1]))]);
  };
  const total = M.left + size + M.right;
  const v = cell ? values[cell[0] * n + cell[1]] : null;

  return (
    <div ref={ref} className="chart-body" data-testid={testId} data-n={n}>
      <div className="canvas-plot" style={{ width: total, height: M.top + size + M.bottom }}>
        <canvas
          ref={canvas}
          aria-hidden="true"
          style={{ left: M.left, top: M.top, width: size, height: size }}
        />
        <svg
          width={total}
          height={M.top + size + M.bottom}
          tabIndex={0}
          aria-label="Cosine matrix: use the arrow keys to read cells"
          onKeyDown={onKey}
          onFocus={() => setCell((c) => c ?? [0, Math.min(1, n - 1)])}
          onBlur={() => setCell(null)}
          {...pointer((px, py) => {
            const j = Math.floor((px - M.left) / step);
            const i = Math.floor((py - M.top) / step);
            return i >= 0 && i < n && j >= 0 && j < n ? [i, j] : null;
          })}
        >
          <g className="axis" aria-hidden="true">
            {Array.from({ length: n }, (_, i) => (
              <g key={i}>
                {(i % rowEvery === 0 || i === highlight) && (
                  <text
                    x={M.left - 4}
                    y={M.top + (i + 0.5) * step}
                    dy="0.32em"
                    textAnchor="end"
                    className={i === highlight ? 'tick-current' : undefined}
                  >
                    {tick(i)}
                  </text>
                )}
                {(i % colEvery === 0 || i === highlight) && (
                  <text
                    x={M.left + (i + 0.5) * step}
                    y={M.top + size + 14}
                    textAnchor="middle"
                    className={i === highlight ? 'tick-current' : undefined}
                  >
                    {tick(i)}
                  </text>
                )}
              </g>
            ))}
          </g>
          {highlight !== undefined && highlight >= 0 && highlight < n && (
            <g className="heatmap-highlight">
              <rect x={M.left} y={M.top + highlight * step} width={size} height={step} />
              <rect x={M.left + highlight * step} y={M.top} width={step} height={size} />
            </g>
          )}
          {cell && (
            <rect
              className="heatmap-cursor"
              x={M.left + cell[1] * step}
              y={M.top + cell[0] * step}
              width={step}
              height={step}
            />
          )}
        </svg>
      </div>
      <p className="heatmap-detail" role="status">
        {cell && v !== null
          ? `${describe(cell[0], cell[1])}: cos ${cell[0] === cell[1] ? '1 (itself)' : f2(v)}`
          : 'Hover a cell, or focus the map and use the arrow keys.'}
      </p>
      <CosineKey baseline={baseline} />
      <DataTable
        data={{
          columns: ['', ...Array.from({ length: n }, (_, j) => tick(j))],
          rows: Array.from({ length: n }, (_, i) => [
            tick(i),
            ...Array.from({ length: n }, (_, j) => values[i * n + j]),
          ]),
        }}
      />
    </div>
  );
}

/** The colour key from −1 to +1, with the random-vector level marked on both sides. */
function CosineKey({ baseline }: { baseline?: number }) {
  const w = 220;
  const x = (c: number) => 10 + ((c + 1) / 2) * w;
  const stops = [-1, -0.5, 0, 0.5, 1];
  const id = `cosine-key-${useId().replace(/[^\w-]/g, '')}`;
  return (
    <svg width={w + 20} height={baseline ? 40 : 30} className="axis cosine-key" aria-hidden="true">
      <defs>
        <linearGradient id={id}>
          {stops.map((s) => (
            <stop key={s} offset={`${((s + 1) / 2) * 100}%`} stopColor={cosineColor(s)} />
          ))}
        </linearGradient>
      </defs>
      <rect x={10} y={2} width={w} height={10} fill={`url(#${id})`} stroke="var(--line)" />
      {[-1, 0, 1].map((s) => (
        <text key={s} x={x(s)} y={24} textAnchor="middle">
          {s === 0 ? '0' : s > 0 ? '+1' : '−1'}
        </text>
      ))}
      {baseline !== undefined && (
        <g className="cosine-key-random">
          {[-baseline, baseline].map((b) => (
            <line key={b} x1={x(b)} x2={x(b)} y1={0} y2={14} />
          ))}
          <text x={x(0)} y={37} textAnchor="middle">
            random vectors: |cos| ≈ {f2(baseline)}
          </text>
        </g>
      )}
    </svg>
  );
}
