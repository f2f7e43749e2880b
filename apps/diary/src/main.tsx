import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setupI18n } from '@otmetka/ui';
import { App } from './app';
import en from './i18n/en.json';
import ru from './i18n/ru.json';
import './diary.css';

setupI18n({ ru, en });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
