import { Suspense, useEffect } from 'react';
import { useTheme } from '../views/theme';
import { useStageKeys } from '../views/useStageKeys';
import { useApp } from '../store/store';
import { useTraces } from '../store/traces';
import { writeUrlState } from '../store/url';
import { echo } from '../store/problems';
import { Notices } from '../views/controls/Notices';
import { RealModel } from '../views/controls/RealModel';
import { parseHostMessage } from './hostApi';
import { EMBED_VIEW_NAMES, embedView } from './views';
import './embed.css';

/** Posts only the documented messages, and only when there is a host page. */
function postToHost(
  message:
    | { type: 'rse:ready'; view: string }
    | { type: 'rse:height'; height: number }
    | { type: 'rse:error'; message: string },
) {
  if (window.parent !== window) window.parent.postMessage(message, '*');
}

/** One view alone, sized to its content, driven by its URL and by the host page's messages. */
export function EmbedApp({ view }: { view: string }) {
  useTheme();
  const loadError = useApp((s) => s.loadErrors.residual);
  const onStart = useTraces((t) => t.on?.start);
  // A refused trace (numbers that overflowed) is said in the panel, not waited for.
  const onError = useTraces((t) => t.errors.on);
  useStageKeys();
  const entry = embedView(view);

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      // Only the page that embeds us may drive us.
      if (e.source !== window.parent || window.parent === window) return;
      const cmd = parseHostMessage(e.data);
      if (!cmd) return;
      const app = useApp.getState();
      if (cmd.kind === 'play') app.setPlaying(true);
      else if (cmd.kind === 'pause') app.setPlaying(false);
      else {
        app.applyExplorer({ ...cmd.parsed.state, playing: false });
        for (const p of cmd.parsed.problems) postToHost({ type: 'rse:error', message: p });
      }
    };
    window.addEventListener('message', onMessage);
    postToHost({ type: 'rse:ready', view });
    return () => window.removeEventListener('message', onMessage);
  }, [view]);

  useEffect(() => {
    let last = 0;
    const report = () => {
      const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
      if (height !== last) {
        last = height;
        postToHost({ type: 'rse:height', height });
      }
    };
    const ro = new ResizeObserver(report);
    ro.observe(document.documentElement);
    report();
    return () => ro.disconnect();
  }, []);

  const link = useApp((s) => writeUrlState(s));
  const fullApp = new URL('./' + link, document.baseURI).href;

  if (!entry) {
    return (
      <main className="embed">
        <p role="alert" className="inline-error">
          There is no view called “{echo(view)}”. Views that can be embedded:{' '}
          {EMBED_VIEW_NAMES.join(', ')}.
        </p>
      </main>
    );
  }
  const { Panel } = entry;
  return (
    <main className="embed" data-testid="embed" data-view={view}>
      <Notices />
      <RealModel />
      {onStart || onError ? (
        <Suspense fallback={<p data-testid="status">Loading…</p>}>
          <Panel />
        </Suspense>
      ) : (
        !loadError && <p data-testid="status">Loading the model…</p>
      )}
      <p className="embed-link">
        <a href={fullApp} target="_blank" rel="noopener noreferrer">
          Open in Residual Stream Explorer ↗
        </a>
      </p>
    </main>
  );
}
