import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '@otmetka/ui';
import { App } from './app';
import en from './i18n/en.json';
import ru from './i18n/ru.json';
import './diary.css';

setupI18n({ ru, en });

// Installable PWA: the service worker caches the shell only (never /api/); development builds go without it.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('/sw.js').catch(() => undefined);
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
