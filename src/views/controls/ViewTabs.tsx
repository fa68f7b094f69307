import { useApp } from '../../store/store';
import type { ViewId } from '../../store/explorerSlice';
import './controls.css';

const TABS: { id: ViewId; label: string }[] = [
  { id: 'tour', label: 'Tour: the four claims' },
  { id: 'explorer', label: 'Explorer: the residual stream' },
  { id: 'lab', label: 'Lab: experiments and training' },
];

/** Explorer or lab: both follow the same sentence, models and layer. */
export function ViewTabs() {
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
        </button>
      ))}
    </div>
  );
}
