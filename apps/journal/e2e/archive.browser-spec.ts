import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, signIn, startWorld, type BrowserWorld } from './support/browser-harness';

/**
 * R-ARC-01 … R-ARC-03, R-ARC-07: the journal administrator checks the year before closing, closes it by the director's order and finds
 * the summary sheet in the archive; the director sees the disposal section.
 */
describe('year closing and archive (Chromium)', () => {
  let world: BrowserWorld;
  let admin: { login: string };
  let director: { login: string };

  beforeAll(async () => {
    world = await startWorld('journal');
    const schoolId = await world.seed.school('МБОУ СОШ № 11 г. Твери');
    const year = await world.seed.year(schoolId);
    const suffix = Date.now().toString(36);
    admin = await world.seed.staff(schoolId, ['admin'], ['Никитин', 'Павел', 'Олегович'], `nikitin.arc${suffix}`);
    director = await world.seed.staff(schoolId, ['director'], ['Кузнецова', 'Ирина', 'Владимировна'], `kuznetsova.arc${suffix}`);
    const classId = await world.seed.schoolClass(schoolId, year.id, 5, 'А');
    await world.seed.student(schoolId, classId, year.startsOn, ['Алексеев', 'Иван']);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('R-ARC-01 the admin sees the preflight, closes the year by the director\'s order; R-ARC-03 the summary sheet is in the archive', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, admin.login);
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    await nav.getByRole('link', { name: 'Закрытие года', exact: true }).click();
    await page.getByRole('heading', { name: 'Закрытие учебного года', level: 1 }).waitFor();
    await page.getByText('Учебный год ещё не закончился').waitFor();
    const close = page.getByRole('button', { name: 'Закрыть учебный год' });
    expect(await close.isDisabled()).toBe(true);
    await page.getByLabel('Закрыть, несмотря на замечания (по приказу директора)').check();
    await page.getByLabel('Основание').fill('Приказ № 45 от 05.06 о досрочном закрытии');
    await shot(page, 'journal-year-closing');
    await close.click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Закрыть учебный год' }).click();
    await page.getByRole('heading', { name: 'Год закрыт' }).waitFor();
    await page.getByRole('cell', { name: 'Приказ № 45 от 05.06 о досрочном закрытии' }).waitFor();

    await page.getByRole('link', { name: 'Перейти в архив года' }).click();
    await page.getByRole('heading', { name: 'Архив: журналы, сводные ведомости, акты', level: 1 }).waitFor();
    await page.getByRole('cell', { name: /Сводная ведомость 5А класса/ }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /summary-sheet\.xlsx/ }).count()).toBe(1);
    await shot(page, 'journal-archive');
  });

  it('R-ARC-07 the director sees the disposal section with nothing due', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, director.login);
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Архив', exact: true }).click();
    await page.getByRole('heading', { name: 'Сроки хранения истекли' }).waitFor();
    await page.getByText('Документов с истёкшим сроком хранения нет.').waitFor();
  });
});
