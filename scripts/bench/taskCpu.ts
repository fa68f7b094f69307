/**
 * The CPU time of the page's main-thread tasks, from Chromium's own trace (`tdur` of each
 * task). A long task's wall time grows with everything else the machine runs (on two shared
 * cores, a task of 15 ms of work can take 100 ms), its CPU time does not: bench:ui prints both,
 * so a figure says whether the page did too much or the machine was busy.
 */
import type { Page } from '@playwright/test';

/** The part of a Chrome trace event read here. */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** When it began, in µs of the trace's clock. */
  ts: number;
  /** Thread (CPU) time of a complete event, in µs. */
  tdur?: number;
  args?: { name?: string };
}

/** A main-thread task: when it began (µs, the trace's clock) and its CPU time in ms. */
export interface TaskCpu {
  ts: number;
  cpuMs: number;
}

/** Every renderer main-thread task, in trace order. */
export function mainThreadTasks(events: readonly TraceEvent[]): TaskCpu[] {
  const main = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  return events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.name === 'ThreadControllerImpl::RunTask' &&
        e.tdur !== undefined &&
        main.has(`${e.pid}:${e.tid}`),
    )
    .map((e) => ({ ts: e.ts, cpuMs: e.tdur! / 1000 }));
}

/** The CPU time of the busiest task that began in [from, to) (µs), 0 if none did. */
export function busiestCpuMs(tasks: readonly TaskCpu[], from = -Infinity, to = Infinity): number {
  const inside = tasks.filter((t) => t.ts >= from && t.ts < to).map((t) => t.cpuMs);
  return inside.length ? Math.max(...inside) : 0;
}

/** What a recording gives: the tasks, and when the page marked each phase's start. */
export interface TaskRecording {
  tasks: TaskCpu[];
  /** `performance.mark(name)` in the page, by name, in µs of the trace's clock. */
  marks: Map<string, number>;
}

/**
 * Starts recording the page's tasks; the returned function stops it. Only one event per task
 * is traced ('toplevel'), and the page's performance marks ('blink.user_timing'), by which a
 * caller splits one recording into phases without a gap between them.
 */
export async function recordTaskCpu(page: Page): Promise<() => Promise<TaskRecording>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Tracing.start', {
    categories: 'toplevel,blink.user_timing',
    transferMode: 'ReturnAsStream',
  });
  return async () => {
    const complete = new Promise<{ stream?: string }>((resolve) =>
      cdp.once('Tracing.tracingComplete', resolve),
    );
    await cdp.send('Tracing.end');
    const { stream } = await complete;
    if (!stream) throw new Error('Chromium returned no trace');
    let text = '';
    for (let eof = false; !eof;) {
      const chunk = await cdp.send('IO.read', { handle: stream, size: 1 << 20 });
      text += chunk.data;
      eof = chunk.eof;
    }
    await cdp.send('IO.close', { handle: stream });
    await cdp.detach();
    const parsed = JSON.parse(text) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    const marks = new Map(
      events.filter((e) => e.ph === 'R' || e.ph === 'I').map((e) => [e.name, e.ts] as const),
    );
    return { tasks: mainThreadTasks(events), marks };
  };
}
