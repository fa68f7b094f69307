// The tokens and the shared base first, so every area's stylesheet comes after them.
import './app/tokens.css';
import './app/base.css';
import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { applyTheme } from './views/theme';
import { syncUrl } from './app/urlSync';
import { connectEngine } from './store/bridge';

const EmbedApp = lazy(() => import('./embed/EmbedApp').then((m) => ({ default: m.EmbedApp })));

// `?embed=<view>` shows that view alone, for an iframe in someone's post.
const params = new URLSearchParams(window.location.search);
const embed = params.get('embed');
// Before the first paint, so an embed asked to be dark never flashes light.
applyTheme(params.get('theme'));
// Before the first render too: the link's state is the first state drawn, and the engine
// worker starts loading the models while React draws the page, not after.
syncUrl();
connectEngine(document.baseURI);

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
