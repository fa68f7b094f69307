import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { EmbedApp } from './embed/EmbedApp';
import './app/app.css';

// `?embed=<view>` shows that view alone, for an iframe in someone's post.
const embed = new URLSearchParams(window.location.search).get('embed');

createRoot(document.getElementById('root')!).render(
  <StrictMode>{embed === null ? <App /> : <EmbedApp view={embed} />}</StrictMode>,
);
