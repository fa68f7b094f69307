import type { Post, TraceRequestPause } from './handler';
import type { TraceRequest } from './protocol';
import { RequestQueue } from './queue';
import { letOthersIn } from './traceJob';

/** How the worker answers one request (handler.ts `handle`). */
export type Handle = (data: unknown, post: Post, pause: TraceRequestPause) => Promise<void>;

/**
 * When the worker runs what: queued requests one at a time (queue.ts says in which order), and
 * at a running trace's pauses (traceJob.ts):
 *
 * - a trace with a newer request on its channel waiting stops there (it is superseded: the page
 *   reads only the newest trace of a channel), so the newer one starts a backward pass sooner;
 * - a GPT-2 trace lets the small models' waiting traces run there, since they take
 *   milliseconds and it takes seconds: the tour's own charts are not late because GPT-2 is shown.
 */
export function createScheduler(handle: Handle, post: Post) {
  const queue = new RequestQueue();
  let running = false;

  const superseded = (req: TraceRequest) => queue.waitsOn(req.channel);

  const pause: TraceRequestPause = async (req) => {
    await letOthersIn();
    if (superseded(req)) return false;
    if (req.slot !== 'gpt2') return true;
    for (let item = queue.takeSmallModelTrace(); item; item = queue.takeSmallModelTrace()) {
      await handle(item.next, post, pause);
    }
    return !superseded(req);
  };

  async function drain(): Promise<void> {
    if (running) return;
    running = true;
    for (let item = queue.take(); item; item = queue.take()) await handle(item.next, post, pause);
    running = false;
  }

  return {
    /** Queues a request; it runs once every message already sent has arrived. */
    enqueue(data: unknown): void {
      queue.push(data);
      // Let every message already sent arrive before computing, so superseded ones are skipped.
      setTimeout(drain, 0);
    },
  };
}
