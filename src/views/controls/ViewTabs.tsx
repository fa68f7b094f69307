import { memo } from 'react';
import { useApp } from '../../store/store';
import type { ViewId } from '../../store/explorerSlice';
import './controls.css';

// `more` is left out on a phone, where four full labels would not fit in one row.
const TABS: { id: ViewId; label: string; more: string }[] = [
  { id: 'tour', label: 'Tour', more: 'the four claims' },
  { id: 'explorer', label: 'Explorer', more: 'the residual stream' },
  { id: 'highway', label: 'Highway', more: 'the stream drawn' },
  { id: 'lab', label: 'Lab', more: 'experiments and training' },
];

/** Explorer, highway or lab: all follow the same sentence, models and layer. */
export const ViewTabs = memo(function ViewTabs() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  return (
    <div className="tabs" role="tablist" aria-label="Views">
      {TABS.map((t, i) => (
        <button
          key={t.id}
          id={`tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={view === t.id}
          aria-controls={`panel-${t.id}`}
          tabIndex={view === t.id ? 0 : -1}
          onClick={() => setView(t.id)}
          onKeyDown={(e) => {
            if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
            e.preventDefault();
            e.stopPropagation();
            const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
            setView(next.id);
            document.getElementById(`tab-${next.id}`)?.focus();
          }}
        >
          {t.label}
          <span className="tab-more">: {t.more}</span>
        </button>
      ))}
    </div>
  );
});
