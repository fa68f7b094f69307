/// <reference lib="webworker" />
import { createHandler } from './handler';
import { transferables, type Response } from './protocol';
import { RequestQueue } from './queue';

// The worker is only a switchboard: messages in, queue, handler, messages out.
const handler = createHandler({
  fetchBytes: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not fetch ${url}: HTTP ${res.status}`);
    return res.arrayBuffer();
  },
});

const post = (r: Response) => self.postMessage(r, transferables(r));
const queue = new RequestQueue();
let running = false;

async function drain(): Promise<void> {
  if (running) return;
  running = true;
  for (let item = queue.take(); item; item = queue.take()) await handler.handle(item.next, post);
  running = false;
}

self.onmessage = (event: MessageEvent<unknown>) => {
  queue.push(event.data);
  // Let every message already sent arrive before computing, so superseded ones are skipped.
  setTimeout(drain, 0);
};
