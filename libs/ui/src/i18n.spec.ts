import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every string goes through i18n: both languages carry the same keys, and every literal key the code uses exists. */
const ROOT = resolve(__dirname, '../../..');
type Tree = { [k: string]: string | Tree };

const load = (path: string): Tree => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Tree;
const flatten = (t: Tree, prefix = ''): string[] =>
  Object.entries(t).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : flatten(v, `${prefix}${k}.`)));
/** Plural forms (_one, _few, _many, _other) count as their base key. */
const base = (keys: string[]) => new Set(keys.map((k) => k.replace(/_(zero|one|two|few|many|other)$/, '')));

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Literal keys in t('a.b') / t("a.b") calls (template keys with ${…} are checked by their JSON subtrees instead). */
function usedKeys(dirs: string[]): string[] {
  const keys = new Set<string>();
  for (const file of dirs.flatMap(sources)) {
    const text = readFileSync(join(ROOT, file), 'utf8');
    for (const m of text.matchAll(/\bt\(\s*['"]([a-zA-Z0-9_.]+)['"]/g)) keys.add(m[1]);
  }
  return [...keys];
}

const ui = { ru: load('libs/ui/src/locales/ru.json'), en: load('libs/ui/src/locales/en.json') };

/** An app's base file plus its per-area files (`i18n/areas/<area>.<lang>.json`, see apps/journal/src/i18n/locales.ts). */
function appKeys(dir: string, lang: 'ru' | 'en'): string[] {
  const areas = join(ROOT, dir, 'i18n/areas');
  const files = existsSync(areas) ? readdirSync(areas).filter((f) => f.endsWith(`.${lang}.json`)).map((f) => `${dir}/i18n/areas/${f}`) : [];
  return [`${dir}/i18n/${lang}.json`, ...files].flatMap((f) => flatten(load(f)));
}

describe.each([
  ['journal', 'apps/journal/src'],
  ['diary', 'apps/diary/src'],
])('%s translations', (app, dir) => {
  const ru = [...flatten(ui.ru), ...appKeys(dir, 'ru')];
  const en = [...flatten(ui.en), ...appKeys(dir, 'en')];

  it('ru and en have the same keys', () => {
    expect([...base(en)].filter((k) => !base(ru).has(k))).toEqual([]);
    expect([...base(ru)].filter((k) => !base(en).has(k))).toEqual([]);
  });

  it(`every key used in ${app} and libs/ui exists`, () => {
    const known = base(ru);
    const missing = usedKeys([dir, 'libs/ui/src']).filter((k) => !known.has(k));
    expect(missing).toEqual([]);
  });
});

describe('journal vocabulary', () => {
  it('uses the Russian school terms in the menu', () => {
    const nav = load('apps/journal/src/i18n/ru.json').nav as Tree;
    expect(Object.values(nav)).toEqual(expect.arrayContaining([
      'Учебные годы', 'Сотрудники', 'Классы', 'Обучающиеся', 'Родители (законные представители)', 'Подгруппы',
      'Движение обучающихся', 'Перевод года', 'Импорт', 'Выдача учётных данных', 'Журнал аудита',
    ]));
  });
});
