import { describe, expect, it } from 'vitest';
import { busiestCpuMs, mainThreadTasks, type TraceEvent } from './taskCpu';

const thread = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
});
const task = (pid: number, tid: number, tdur?: number, ts = 0): TraceEvent => ({
  name: 'ThreadControllerImpl::RunTask',
  ph: 'X',
  pid,
  tid,
  ts,
  tdur,
});

describe('the CPU time of the page’s main-thread tasks', () => {
  it('reads the CPU time of the renderer main thread’s tasks only, in ms', () => {
    const events = [
      thread(1, 10, 'CrRendererMain'),
      thread(1, 11, 'DedicatedWorker thread'),
      thread(2, 20, 'CrBrowserMain'),
      task(1, 10, 15_000),
      task(1, 11, 900_000), // the engine worker: busy by design, not the page's main thread
      task(2, 20, 70_000),
      { ...task(1, 10, 2_000), name: 'FunctionCall' }, // inside a task, not a task
      task(1, 10), // no thread time recorded
      task(1, 10, 52_500, 7),
    ];
    expect(mainThreadTasks(events)).toEqual([
      { ts: 0, cpuMs: 15 },
      { ts: 7, cpuMs: 52.5 },
    ]);
  });

  it('takes the busiest task that began within a phase', () => {
    const tasks = [
      { ts: 100, cpuMs: 30 },
      { ts: 200, cpuMs: 12 },
      { ts: 300, cpuMs: 8 },
    ];
    expect(busiestCpuMs(tasks)).toBe(30);
    expect(busiestCpuMs(tasks, 200)).toBe(12);
    expect(busiestCpuMs(tasks, 150, 300)).toBe(12);
    expect(busiestCpuMs(tasks, 400)).toBe(0);
  });
});
