import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import uiEn from './locales/en.json';
import uiRu from './locales/ru.json';

export const LANGUAGES = ['ru', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_STORAGE_KEY = 'otmetka.language';

type Tree = { [key: string]: string | Tree };

function merge(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = out[k];
    out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v;
  }
  return out;
}

function storedLanguage(): Language {
  try {
    const v = globalThis.localStorage?.getItem(LANGUAGE_STORAGE_KEY);
    if (v && (LANGUAGES as readonly string[]).includes(v)) return v as Language;
  } catch {}
  return 'ru';
}

/** Initialises i18next once: the shared UI strings merged with the app's own; Russian by default, the choice kept in localStorage. */
export function setupI18n(app: { ru: Tree; en: Tree }): typeof i18next {
  const lng = storedLanguage();
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources: {
        ru: { translation: merge(uiRu as Tree, app.ru) },
        en: { translation: merge(uiEn as Tree, app.en) },
      },
      lng,
      fallbackLng: 'ru',
      supportedLngs: [...LANGUAGES],
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    i18next.on('languageChanged', (l) => {
      try {
        globalThis.localStorage?.setItem(LANGUAGE_STORAGE_KEY, l);
      } catch {}
      if (typeof document !== 'undefined') document.documentElement.lang = l;
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
  return i18next;
}

/** A select that switches the interface language. */
export function LanguageSwitch({ id = 'language-switch' }: { id?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <label className="lang-switch" htmlFor={id}>
      <span className="visually-hidden">{t('layout.language')}</span>
      <select id={id} value={i18n.resolvedLanguage ?? i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>
            {t(`languages.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
