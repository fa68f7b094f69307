import { scaleLinear, scaleLog } from 'd3-scale';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { HighwayMeasures } from '../../analysis/highway';
import {
  lastStage,
  pointCount,
  pointStage,
  stageSublayer,
  sublayerCount,
  sublayerKind,
  sublayerOutput,
  sublayerStage,
  stagePoint,
} from '../../store/positions';
import type { NormPlacement } from '../../worker/protocol';
import { sig3 } from '../format';
import { pointLabel, pointTick, sublayerLabel } from '../labels';
import { DataTable } from './DataTable';
import { Tooltip, type TooltipRow } from './Tooltip';
import { drawable } from './drawable';
import './chart.css';
import './highway.css';

/** Pixel sizes of the two layouts: the view of its own, and the strip beside the explorer's charts. */
const SIZES = {
  full: { band: 58, left: 104, reach: 112, box: 52, right: 86, maxWidth: 24, font: 11 },
  compact: { band: 36, left: 34, reach: 58, box: 36, right: 8, maxWidth: 13, font: 9 },
} as const;
/**
 * The height of one sublayer's band. Past 8 sublayers (GPT-2 small has 24, medium 48) the bands
 * shrink so the drawing stays about as tall as the small models', down to 24 px, where the
 * sublayer boxes (half a band, plus 4 px), their labels and the point labels still clear each
 * other. Taller than that (GPT-2 medium), the drawing scrolls in a box the height of the
 * window, which follows the stepper (keepInView).
 */
export function bandHeight(band: number, sublayers: number): number {
  return Math.max(24, Math.min(band, (band * 8) / sublayers));
}

const DOT_R = 4;
const DOT_LIT_R = 6.5;
/** Px between the ⊕ and a lit point's dot, at the least. */
const ADD_CLEAR = 0.5;

/** The radius of the ⊕ where a sublayer's output joins the stream: smaller in a narrow band. */
export const addRadius = (band: number): number => (band < 30 ? 5 : 6);

/**
 * How far below the point above it a sublayer's ⊕ sits: a third of the band, but clear of the
 * points' dots on both sides, whichever is lit (a third of GPT-2's 24 px bands overlapped them).
 */
export function addDrop(band: number): number {
  return Math.max(0.36 * band, Math.min(band / 2, addRadius(band) + DOT_LIT_R + ADD_CLEAR));
}

/** Px kept between the lit part and the edge of the scrolling box: a band or two of context. */
const IN_VIEW_MARGIN = 60;

/**
 * The scrollTop that shows y (px from the drawing's top) with `margin` around it in a box of
 * `height` now scrolled to `top`: unchanged when it already does, so stepping does not jump.
 */
export function keepInView(y: number, top: number, height: number, margin: number): number {
  const room = Math.min(margin, height / 2);
  if (y - room < top) return Math.max(0, y - room);
  if (y + room > top + height) return y + room - height;
  return top;
}

const TOP = 96; // room above the blocks for the final LayerNorm, the unembedding and the output
const BOTTOM = 48; // room below them for the embedding

export interface HighwayProps {
  nLayers: number;
  norm: NormPlacement;
  /** α of the trace drawn (its own, not the store's: that may already be the next request's). */
  skipStrength: number;
  measures: HighwayMeasures;
  /** ‖∂L/∂x_p‖ at each residual point; empty for a single word. */
  gradient: (number | null)[];
  /** Draw the backward pass (width ∝ log ‖∂L/∂x‖) instead of the forward one (width ∝ ‖x‖). */
  backward: boolean;
  /** Largest ‖x‖ the width scale covers: shared with the trace compared, so both read alike. */
  normMax: number;
  /** Smallest and largest ‖∂L/∂x‖ the log width scale covers, shared the same way. */
  gradDomain: [number, number];
  stage: number;
  onStage: (stage: number) => void;
  compact?: boolean;
}

interface Hover {
  x: number;
  y: number;
  title: string;
  rows: TooltipRow[];
}

const num = (v: number | null | undefined): string => (drawable(v) ? sig3(v) : '—');

/** Enter or Space on a focused part of the drawing steps there, as a click does. */
const pressKeys = (go: () => void) => (e: KeyboardEvent) => {
  if (e.key !== 'Enter' && e.key !== ' ') return;
  e.preventDefault();
  go();
};

/**
 * The residual stream drawn as a highway from the embedding (bottom) to the output (top): each
 * sublayer a side branch that leaves the stream, reads it through its LayerNorm (pre-LN: on the
 * branch; post-LN: on the stream after the add; none: no box), and adds its output back at ⊕.
 * The skip is the stretch of stream between a branch's exit and its ⊕: it carries α·x, so it is
 * drawn as wide as that (gone at α = 0). Widths are measured: ‖x‖ forward, or log ‖∂L/∂x‖ in
 * the backward pass. Every number drawn is also on the element as a data attribute for tests.
 */
export function HighwayDiagram({
  nLayers,
  norm,
  skipStrength,
  measures,
  gradient,
  backward,
  normMax,
  gradDomain,
  stage,
  onStage,
  compact = false,
}: HighwayProps) {
  const [hover, setHover] = useState<Hover | null>(null);
  const z = compact ? SIZES.compact : SIZES.full;
  const S = sublayerCount(nLayers);
  const P = pointCount(nLayers);
  const sx = z.left; // the stream's x
  const bx = sx + z.reach; // the sublayer boxes' centre x
  const width = bx + z.box / 2 + z.right;
  const band = bandHeight(z.band, S);
  const height = TOP + S * band + BOTTOM;
  const pointY = (p: number) => TOP + (S - p) * band;
  // Within sublayer k's band (bottom pointY(k), top pointY(k + 1)): the branch leaves at
  // exitY, its output joins at addY; post-LN's norm sits on the stream between addY and the top.
  const exitY = (k: number) => pointY(k) - 0.14 * band;
  const addY = (k: number) => pointY(k + 1) + addDrop(band);
  const embY = pointY(0) + 26;
  const finalNormY = TOP - 26;
  const unembedY = TOP - 56;
  const outputY = TOP - 84;

  const forwardWidth = scaleLinear()
    .domain([0, normMax || 1])
    .range([0, z.maxWidth])
    .clamp(true);
  const backwardWidth = scaleLog().domain(gradDomain).range([1.5, z.maxWidth]).clamp(true);
  /** Drawn width of a measured value: 0 only where the value is 0, so nothing thin vanishes. */
  const widthOf = (v: number | null | undefined): number => {
    if (backward) return drawable(v, true) ? backwardWidth(v) : 0;
    return drawable(v) && v > 0 ? Math.max(1, forwardWidth(v)) : 0;
  };
  const streamValue = (p: number) => (backward ? gradient[p] : measures.stream[p]);

  const litSublayer = stageSublayer(stage, nLayers);
  const outputLit = stage === lastStage(nLayers);
  // Where the light is: the lit sublayer's box, the output, or the lit point.
  const litY =
    litSublayer !== null
      ? (exitY(litSublayer) + addY(litSublayer)) / 2
      : outputLit
        ? outputY
        : pointY(stagePoint(stage, nLayers));
  // The scrolling box (a model too deep for the window) follows the stepper; its own scroll
  // position is the DOM's, so an effect sets it. It reads the box's size in the next frame, not
  // in the effect: read in the commit, right after a whole model's explorer mounted (GPT-2's
  // first trace), it forces that layout inside React's task and makes it a long one; in the
  // frame the layout is due anyway, and the scroll still lands before that frame is painted.
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const box = scroller.current;
      if (!box || box.scrollHeight <= box.clientHeight) return;
      box.scrollTop = keepInView(litY, box.scrollTop, box.clientHeight, IN_VIEW_MARGIN);
    });
    return () => cancelAnimationFrame(frame);
  }, [litY]);
  const go = (s: number) => () => onStage(s);
  const show = (h: Hover) => () => setHover(h);
  const hide = () => setHover(null);

  const pointRows = (p: number): TooltipRow[] => [
    { key: 'x', label: '‖x‖', value: num(measures.stream[p]) },
    { key: 'g', label: '‖∂L/∂x‖ (sentence)', value: num(gradient[p]) },
  ];

  // The stream between two sublayers: point p, from the add that wrote it up to the next exit.
  const streamPieces = Array.from({ length: P }, (_, p) => {
    const from = p === 0 ? embY - 10 : addY(p - 1);
    const to = p === S ? finalNormY + 9 : exitY(p);
    const v = streamValue(p);
    const w = widthOf(v);
    return (
      <Segment
        key={`x${p}`}
        skip={false}
        at={p}
        value={v}
        width={w}
        backward={backward}
        x={sx}
        y1={from}
        y2={to}
        onHover={show({ x: sx, y: to, title: pointLabel(p), rows: pointRows(p) })}
      />
    );
  });

  const blocks = Array.from({ length: S }, (_, k) => {
    const kind = sublayerKind(k);
    const removed = measures.lesioned[k];
    const carried = measures.skip[k];
    const cut = !removed && carried === 0;
    const ye = exitY(k);
    const ya = addY(k);
    const mid = (ye + ya) / 2;
    const skipW = widthOf(backward ? (cut ? 0 : gradient[k]) : carried);
    const branchW = backward ? 1.5 : widthOf(measures.branch[k]);
    const lit = litSublayer === k;
    const label = sublayerLabel(k);
    const rows: TooltipRow[] = [
      { key: 'f', label: '‖f(x)‖', value: removed ? 'removed' : num(measures.branch[k]) },
      { key: 's', label: 'skip carries', value: num(carried) },
      { key: 'x', label: '‖x‖ after', value: num(measures.stream[sublayerOutput(k)]) },
    ];
    const branchPath = `M${sx},${ye} H${bx} V${ya} H${sx}`;
    const boxH = Math.min(22, ye - ya + 4);
    return (
      <g key={`b${k}`}>
        {cut ? (
          <line
            className="hw-cut"
            data-testid="hw-cut"
            data-sublayer={k}
            x1={sx}
            x2={sx}
            y1={ye}
            y2={ya}
          />
        ) : (
          <Segment
            skip
            at={k}
            value={backward ? gradient[k] : carried}
            width={skipW}
            backward={backward}
            x={sx}
            y1={ye}
            y2={ya}
            onHover={show({ x: sx, y: ya, title: `skip around ${label}`, rows })}
          />
        )}
        {skipStrength > 0 && skipStrength < 1 && !removed && (!compact || k === 0) && (
          <text className="hw-alpha" x={sx - 8} y={mid + 4} textAnchor="end">
            α = {skipStrength}
          </text>
        )}
        <g
          className={`hw-branch${removed ? ' hw-removed' : ''}${lit ? ' hw-lit' : ''}`}
          data-testid="hw-branch"
          data-sublayer={k}
          data-value={measures.branch[k] ?? ''}
          data-width={branchW.toFixed(2)}
          data-lit={lit || undefined}
          data-removed={removed || undefined}
          role="button"
          tabIndex={0}
          aria-label={`${label}: ${removed ? 'removed, the stream bypasses it' : `‖f(x)‖ = ${num(measures.branch[k])}`}. Step there.`}
          onClick={go(sublayerStage(k))}
          onKeyDown={pressKeys(go(sublayerStage(k)))}
          onMouseEnter={show({ x: bx, y: ya, title: label, rows })}
          onFocus={show({ x: bx, y: ya, title: label, rows })}
          onBlur={hide}
        >
          <path className="hw-branch-line" d={branchPath} strokeWidth={Math.max(branchW, 0.5)} />
          {/* A wider invisible copy: a thin branch is still easy to hover and click. */}
          <path className="hw-hit" d={branchPath} />
          <rect
            className={`hw-box ${kind === 'attn' ? 'hw-attn' : 'hw-mlp'}`}
            x={bx - z.box / 2}
            y={mid - boxH / 2}
            width={z.box}
            height={boxH}
            rx={4}
          />
          {removed && (
            <line
              className="hw-strike"
              x1={bx - z.box / 2 - 3}
              x2={bx + z.box / 2 + 3}
              y1={mid + boxH / 2 + 2}
              y2={mid - boxH / 2 - 2}
            />
          )}
        </g>
        {/* Labels stay outside the button: its accessible name says more than they do. */}
        <g className="hw-labels" aria-hidden="true">
          {norm === 'pre' && <NormBox x={(sx + bx) / 2} y={ye} small={compact} place="branch" />}
          <text className="hw-box-label" x={bx} y={mid + z.font / 2 - 1} fontSize={z.font}>
            {kind === 'attn' ? 'attn' : 'MLP'}
          </text>
          {!compact && (
            <text className="hw-value" x={bx + z.box / 2 + 6} y={mid + 4}>
              {removed ? 'removed' : backward ? '' : `‖f‖ ${num(measures.branch[k])}`}
            </text>
          )}
        </g>
        {!removed && (
          <g className="hw-add" aria-hidden="true">
            <circle cx={sx} cy={ya} r={addRadius(band)} />
            <path d={`M${sx - 3.5},${ya} H${sx + 3.5} M${sx},${ya - 3.5} V${ya + 3.5}`} />
          </g>
        )}
        {norm === 'post' && (
          <NormBox x={sx} y={(ya + pointY(k + 1)) / 2 - 2} small={compact} place="stream" />
        )}
      </g>
    );
  });

  const points = Array.from({ length: P }, (_, p) => {
    const y = pointY(p);
    const s = pointStage(p);
    const lit = stage === s;
    const title = pointLabel(p);
    return (
      <g key={`p${p}`}>
        <g
          className={`hw-point${lit ? ' hw-lit' : ''}`}
          data-testid="hw-point"
          data-point={p}
          data-norm={measures.stream[p] ?? ''}
          data-lit={lit || undefined}
          role="button"
          tabIndex={0}
          aria-label={`The stream ${title}: ‖x‖ = ${num(measures.stream[p])}. Step there.`}
          onClick={go(s)}
          onKeyDown={pressKeys(go(s))}
          onMouseEnter={show({ x: sx, y, title, rows: pointRows(p) })}
          onFocus={show({ x: sx, y, title, rows: pointRows(p) })}
          onBlur={hide}
        >
          <circle className="hw-hit" cx={sx} cy={y} r={10} />
          <circle className="hw-dot" cx={sx} cy={y} r={lit ? DOT_LIT_R : DOT_R} />
        </g>
        <g className={`hw-labels${lit ? ' hw-lit' : ''}`} aria-hidden="true">
          <text className="hw-tick" x={compact ? 2 : 6} y={y + 4}>
            {pointTick(p)}
          </text>
          {!compact && (
            <text className="hw-value" x={sx - 14} y={y + 4} textAnchor="end">
              {num(streamValue(p))}
            </text>
          )}
        </g>
      </g>
    );
  });

  return (
    <>
      <div className="hw-scroll" ref={scroller} data-testid="hw-scroll">
        <div className="chart-body hw-body">
          <svg width={width} height={height} onMouseLeave={hide}>
            {streamPieces}
            {blocks}
            <line className="hw-connector" x1={sx} x2={sx} y1={outputY + 8} y2={finalNormY - 9} />
            <NormBox x={sx} y={finalNormY} small={compact} label="final LN" place="final" />
            <Box x={sx} y={unembedY} w={compact ? 50 : 70} label="unembed" font={z.font} />
            <Box x={sx} y={embY} w={compact ? 50 : 70} label="embed" font={z.font} />
            {points}
            <g
              className={`hw-point hw-output${outputLit ? ' hw-lit' : ''}`}
              data-testid="hw-output"
              data-lit={outputLit || undefined}
              role="button"
              tabIndex={0}
              aria-label="The output: the last point read through the final LayerNorm and the unembedding. Step there."
              onClick={go(lastStage(nLayers))}
              onKeyDown={pressKeys(go(lastStage(nLayers)))}
            >
              <circle className="hw-hit" cx={sx} cy={outputY} r={10} />
              <circle className="hw-dot" cx={sx} cy={outputY} r={outputLit ? DOT_LIT_R : DOT_R} />
            </g>
            <g className={`hw-labels${outputLit ? ' hw-lit' : ''}`} aria-hidden="true">
              <text className="hw-tick" x={compact ? 2 : 6} y={outputY + 4}>
                out
              </text>
            </g>
            {backward && (
              <text className="hw-note" x={width - 4} y={outputY + 4} textAnchor="end">
                ↓ ∂L/∂x
              </text>
            )}
          </svg>
          {/* In the scrolling box, so it scrolls with what it is about. */}
          {hover && (
            <Tooltip
              x={hover.x + 14}
              top={hover.y + 6}
              chartWidth={width}
              boxWidth={170}
              title={hover.title}
              rows={hover.rows}
            />
          )}
        </div>
      </div>
      <DataTable
        data={{
          columns: ['point', '‖x‖', '‖f(x)‖ of the sublayer before', 'skip carried', '‖∂L/∂x‖'],
          rows: Array.from({ length: P }, (_, p) => [
            pointTick(p),
            measures.stream[p],
            p === 0 ? null : measures.lesioned[p - 1] ? 'removed' : measures.branch[p - 1],
            p === 0 ? null : measures.skip[p - 1],
            gradient[p] ?? null,
          ]),
        }}
      />
    </>
  );
}

/**
 * A stretch of the stream, as wide as its measured value: the stream at point `at`, or the skip
 * around sublayer `at`. Its numbers are on it (data-value, data-width) for tests.
 */
function Segment({
  skip,
  at,
  value,
  width,
  backward,
  x,
  y1,
  y2,
  onHover,
}: {
  skip: boolean;
  at: number;
  value: number | null | undefined;
  width: number;
  backward: boolean;
  x: number;
  y1: number;
  y2: number;
  onHover: () => void;
}): ReactNode {
  return (
    <line
      className={`hw-stream${skip ? ' hw-skip' : ''}${backward ? ' hw-backward' : ''}`}
      data-testid={skip ? 'hw-skip' : 'hw-stream'}
      data-point={skip ? undefined : at}
      data-sublayer={skip ? at : undefined}
      data-value={value ?? ''}
      data-width={width.toFixed(2)}
      x1={x}
      x2={x}
      y1={y1}
      y2={y2}
      strokeWidth={Math.max(width, 0.5)}
      onMouseEnter={onHover}
    />
  );
}

function Box({
  x,
  y,
  w,
  label,
  font,
}: {
  x: number;
  y: number;
  w: number;
  label: string;
  font: number;
}): ReactNode {
  return (
    <g aria-hidden="true">
      <rect className="hw-box" x={x - w / 2} y={y - 10} width={w} height={20} rx={4} />
      <text className="hw-box-label" x={x} y={y + font / 2 - 1} fontSize={font}>
        {label}
      </text>
    </g>
  );
}

/**
 * A LayerNorm: a small box wherever the norm placement puts one — on a sublayer's branch
 * (pre-LN), on the stream after the add (post-LN), or the final one before the unembedding.
 */
function NormBox({
  x,
  y,
  small,
  place,
  label = 'LN',
}: {
  x: number;
  y: number;
  small: boolean;
  place: 'branch' | 'stream' | 'final';
  label?: string;
}): ReactNode {
  const w = label === 'LN' ? (small ? 18 : 24) : small ? 44 : 58;
  const h = small ? 11 : 14;
  return (
    <g className="hw-norm" data-place={place} aria-hidden="true">
      <rect x={x - w / 2} y={y - h / 2} width={w} height={h} rx={3} />
      <text x={x} y={y + (small ? 3 : 4)} fontSize={small ? 8 : 10}>
        {label}
      </text>
    </g>
  );
}
