import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, signIn, startWorld, type BrowserWorld } from './support/browser-harness';

/**
 * R-ARC-05, R-ARC-06: the journal administrator opens «Резервные копии», makes a backup (both copies written), runs the integrity
 * check and reads its report; the director reads the register but gets no buttons.
 */
describe('backups and integrity control (Chromium)', () => {
  let world: BrowserWorld;
  let admin: { login: string };
  let director: { login: string };

  beforeAll(async () => {
    world = await startWorld('journal');
    const schoolId = await world.seed.school('МБОУ СОШ № 9 г. Твери');
    await world.seed.year(schoolId);
    admin = await world.seed.staff(schoolId, ['admin'], ['Никитин', 'Павел', 'Олегович'], `nikitin.po${Date.now().toString(36)}`);
    director = await world.seed.staff(schoolId, ['director'], ['Кузнецова', 'Ирина', 'Владимировна'], `kuznetsova.iv${Date.now().toString(36)}`);
  });

  afterAll(async () => {
    // The harness keeps the default DATA_DIR: remove the copies this test wrote.
    if (world) {
      const rows: { targets: { path: string }[] }[] = await world.db.query(`SELECT targets FROM backups`);
      for (const r of rows) for (const t of r.targets) await rm(t.path, { recursive: true, force: true });
    }
    await world?.close();
  });

  it('R-ARC-05 the admin backs up to both media and checks integrity; R-ARC-06 the report lists no problems', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, admin.login);
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Резервные копии' }).click();
    await page.getByRole('heading', { name: 'Резервные копии и контроль целостности', level: 1 }).waitFor();
    const backups = page.getByRole('table', { name: 'Резервные копии' });
    await backups.getByText('Резервных копий ещё нет').waitFor();

    await page.getByLabel('Основание (необязательно)').fill('Резервное копирование в конце учебного года');
    await page.getByRole('button', { name: 'Создать копию' }).click();
    await page.getByRole('status').getByText(/записана на оба носителя/).waitFor();
    const row = backups.getByRole('row').nth(1);
    await row.getByText('вручную').waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[1]).toBe('готова');
    expect(cells[4]).toMatch(/^записана/);
    expect(cells[5]).toMatch(/^записана/);
    expect(cells[5]).toContain('ещё не проверялась');

    await page.getByRole('button', { name: 'Проверить целостность' }).click();
    await page.getByRole('status').getByText('Проверка целостности завершена: нарушений нет').waitFor();
    await page.getByRole('table', { name: 'Найденные нарушения' }).getByText(/Нарушений не найдено/).waitFor();
    await backups.getByText(/проверена .*: цела/).first().waitFor();
    expect(await backups.getByText(/проверена .*: цела/).count()).toBe(2);
    const reports = page.getByRole('table', { name: 'Отчёты о контроле целостности' });
    expect(await reports.getByRole('row').count()).toBe(2);
    await reports.getByRole('row').nth(1).getByText('в порядке').waitFor();
    await shot(page, 'journal-backups');
  });

  it('R-SEC-02 the director reads the register and the reports without the buttons', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, director.login);
    await page.goto('/backups');
    await page.getByRole('heading', { name: 'Резервные копии и контроль целостности', level: 1 }).waitFor();
    await page.getByRole('table', { name: 'Резервные копии' }).getByText('вручную').waitFor();
    await page.getByRole('button', { name: /Открыть отчёт от/ }).click();
    await page.getByRole('table', { name: 'Найденные нарушения' }).waitFor();
    expect(await page.getByRole('button', { name: 'Создать копию' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Проверить целостность' }).count()).toBe(0);
  });
});
