import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '@otmetka/ui';
import { App } from './app';
import { locales } from './i18n/locales';

setupI18n(locales);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
