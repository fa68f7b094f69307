import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';

const EmbedApp = lazy(() => import('./embed/EmbedApp').then((m) => ({ default: m.EmbedApp })));
import './app/app.css';

// `?embed=<view>` shows that view alone, for an iframe in someone's post.
const embed = new URLSearchParams(window.location.search).get('embed');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {embed === null ? (
      <App />
    ) : (
      <Suspense fallback={null}>
        <EmbedApp view={embed} />
      </Suspense>
    )}
  </StrictMode>,
);
