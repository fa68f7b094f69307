import { useEffect, useState } from 'react';
import { EngineClient } from '../worker/client';
import type { ModelInfo } from '../worker/protocol';

const EXAMPLE = 'the dogs that the cat sees run .';
const DEFAULT_MODEL = 'models/residual.safetensors';

type Status =
  | { kind: 'loading' }
  | { kind: 'ready'; info: ModelInfo; loss: number | null; tokens: string[] }
  | { kind: 'error'; message: string };

export function App() {
  const [status, setStatus] = useState<Status>({ kind: 'loading' });

  useEffect(() => {
    const client = new EngineClient();
    let live = true;
    (async () => {
      const url = new URL(DEFAULT_MODEL, document.baseURI).href;
      const loaded = await client.request({ type: 'load', url });
      if (!live) return;
      if (loaded.type !== 'loaded') {
        setStatus({
          kind: 'error',
          message: loaded.type === 'error' ? loaded.message : 'Unexpected answer',
        });
        return;
      }
      const ev = await client.request({ type: 'evaluate', text: EXAMPLE });
      if (!live) return;
      if (ev.type !== 'evaluated') {
        setStatus({
          kind: 'error',
          message: ev.type === 'error' ? ev.message : 'Unexpected answer',
        });
        return;
      }
      setStatus({ kind: 'ready', info: loaded.info, loss: ev.loss, tokens: ev.tokens });
    })();
    return () => {
      live = false;
      client.dispose();
    };
  }, []);

  return (
    <main className="app">
      <h1>Residual Stream Explorer</h1>
      <p className="lede">
        Why does <code>x = x + f(x)</code> work so much better than <code>x = f(x)</code>? A small
        transformer runs in your browser so you can watch its residual stream.
      </p>
      {status.kind === 'loading' && <p data-testid="status">Loading the model…</p>}
      {status.kind === 'error' && (
        <p role="alert" data-testid="error">
          {status.message}
        </p>
      )}
      {status.kind === 'ready' && (
        <section aria-label="Default model">
          <p data-testid="model-info">
            Model: {status.info.nLayers} layers, d<sub>model</sub> {status.info.dModel},{' '}
            {status.info.nHeads} heads, {status.info.parameterCount.toLocaleString('en')}{' '}
            parameters, skip strength α = {status.info.skipStrength}, {status.info.norm}-LN.
          </p>
          <p>
            Next-word loss on “{EXAMPLE}”:{' '}
            <strong data-testid="example-loss">
              {status.loss === null ? '—' : status.loss.toFixed(3)}
            </strong>{' '}
            nats per word
          </p>
        </section>
      )}
    </main>
  );
}
