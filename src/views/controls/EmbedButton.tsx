import { useState } from 'react';
import { embedSnippets } from '../../embed/snippets';
import { useApp } from '../../store/store';

/** "Embed": the two snippets that put this view, in its current state, into a post. */
export function EmbedButton({ view }: { view: string }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const state = useApp();
  if (!open) {
    return (
      <button
        type="button"
        className="embed-button"
        onClick={() => setOpen(true)}
        aria-expanded={false}
      >
        Embed
      </button>
    );
  }
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
      <button
        type="button"
        className="embed-button"
        onClick={() => setOpen(false)}
        aria-expanded={true}
      >
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
