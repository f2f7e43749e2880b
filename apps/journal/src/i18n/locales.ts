import type { setupI18n } from '@otmetka/ui';
import en from './en.json';
import ru from './ru.json';

/**
 * The journal's strings: the base files plus one file per feature area under `areas/` (`<area>.ru.json`, `<area>.en.json`),
 * each holding one top-level section named after the area, so that areas grow without touching each other's files.
 */
const areas = import.meta.glob<Record<string, unknown>>('./areas/*.json', { eager: true, import: 'default' });

function locale(base: Record<string, unknown>, lang: 'ru' | 'en'): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [path, tree] of Object.entries(areas)) {
    if (!path.endsWith(`.${lang}.json`)) continue;
    for (const [section, value] of Object.entries(tree)) {
      if (section in merged) throw new Error(`i18n section "${section}" of ${path} is already defined`);
      merged[section] = value;
    }
  }
  return merged;
}

export const locales = { ru: locale(ru, 'ru'), en: locale(en, 'en') } as Parameters<typeof setupI18n>[0];
