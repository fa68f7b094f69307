import { useState } from 'react';
import { embedSnippets } from './embedSnippets';
import { useApp } from '../../store/store';
import './controls.css';
import '../chart/chart.css';

/** "Embed": the two snippets that put this view, in its current state, into a post. */
export function EmbedButton({ view }: { view: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button
        type="button"
        className="toolbar-button"
        onClick={() => setOpen(true)}
        aria-expanded={false}
      >
        Embed
      </button>
    );
  }
  return <EmbedDialog view={view} onClose={() => setOpen(false)} />;
}

/**
 * The open dialog. Only it follows the whole store (a snippet carries the current state):
 * every chart has a closed button, and if each followed the store, every step of the
 * scrubber would re-render them all.
 */
function EmbedDialog({ view, onClose }: { view: string; onClose: () => void }) {
  const [copied, setCopied] = useState<string | null>(null);
  const state = useApp();
  const snippets = embedSnippets(view, state, new URL('./', document.baseURI).href);
  const copy = async (which: 'iframe' | 'script') => {
    try {
      await navigator.clipboard.writeText(snippets[which]);
      setCopied(which);
    } catch {
      setCopied(null);
    }
  };
  return (
    <div
      className="embed-dialog"
      role="group"
      aria-label="Embed this view"
      data-testid={`embed-code-${view}`}
    >
      <button type="button" className="toolbar-button" onClick={onClose} aria-expanded={true}>
        Close
      </button>
      <label>
        Script and element (resizes itself, loads when scrolled to)
        <textarea
          readOnly
          rows={3}
          value={snippets.script}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <button type="button" onClick={() => copy('script')}>
        {copied === 'script' ? 'Copied' : 'Copy embed code'}
      </button>
      <label>
        Plain iframe
        <textarea
          readOnly
          rows={3}
          value={snippets.iframe}
          onFocus={(e) => e.currentTarget.select()}
        />
      </label>
      <button type="button" onClick={() => copy('iframe')}>
        {copied === 'iframe' ? 'Copied' : 'Copy iframe'}
      </button>
    </div>
  );
}
