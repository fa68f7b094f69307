/// <reference lib="webworker" />
import { createHandler } from './handler';

// The worker is only this switchboard: messages in, handler, messages out.
const handler = createHandler({
  fetchBytes: async (url) => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`Could not fetch ${url}: HTTP ${res.status}`);
    return res.arrayBuffer();
  },
});

self.onmessage = async (event: MessageEvent<unknown>) => {
  self.postMessage(await handler.handle(event.data));
};
