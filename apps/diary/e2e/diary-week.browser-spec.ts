import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/src/platform/bootstrap';
import { loadConfig } from '../../api/src/platform/config/config';
import { PlanningRows } from '../../api/test/curriculum/planning-fixtures';
import { JournalRows } from '../../api/test/diary/diary-fixtures';
import type { TestApp } from '../../api/test/support/test-app';
import { createTestDatabase } from '../../api/test/support/test-app';
import { TEST_ENV } from '../../api/test/support/test-env';
import { serveSpa, type SpaServer } from '../../../scripts/serve-spa.mjs';
import { currentYear, Seed, SCREENSHOTS, shot, signIn } from '../../journal/e2e/support/browser-harness';

const ROOT = resolve(__dirname, '../../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Monday of the week before this one, in Moscow (YYYY-MM-DD), and a day of that week. */
function lastWeek(): { monday: string; day: (offset: number) => string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  const iso = d.getUTCDay() === 0 ? 7 : d.getUTCDay();
  const monday = new Date(d.getTime() - (iso - 1 + 7) * 86_400_000);
  const day = (offset: number) => new Date(monday.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  return { monday: day(0), day };
}

/**
 * The diary week in real headless Chromium (360 px) against the real API and PostgreSQL, with homework files on disk
 * under a temporary DATA_DIR: last week's mark with its work type, the attachment download, a message to the teacher.
 */
describe('diary week and messages (Chromium)', () => {
  let api: NestFastifyApplication;
  let spa: SpaServer;
  /** The journal SPA against the same API: the teacher answers there. */
  let journal: SpaServer;
  let browser: Browser;
  let database: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  const contexts: BrowserContext[] = [];
  let parentLogin: string;
  let teacherLogin: string;
  let fileName: string;
  const week = lastWeek();

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'diary-week-'));
    database = await createTestDatabase();
    api = await createApp(loadConfig({ ...TEST_ENV, DATA_DIR: dataDir }), database.url, { logger: false });
    await api.listen({ port: 0, host: '127.0.0.1' });
    const apiPort = (api.getHttpServer().address() as AddressInfo).port;
    spa = await serveSpa({ root: join(ROOT, 'apps', 'diary', 'dist'), port: 0, host: '127.0.0.1', apiTarget: `http://127.0.0.1:${apiPort}` });
    journal = await serveSpa({ root: join(ROOT, 'apps', 'journal', 'dist'), port: 0, host: '127.0.0.1', apiTarget: `http://127.0.0.1:${apiPort}` });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });

    const db = api.get(DataSource);
    const seed = new Seed(db);
    const rows = new PlanningRows(db);
    const j = new JournalRows({ db, app: api } as unknown as TestApp);
    const schoolId = await seed.school('МБОУ СОШ № 7 г. Твери');
    const year = await seed.year(schoolId);
    await rows.bells(schoolId, year.id);
    const c5 = await seed.schoolClass(schoolId, year.id, 5, 'А');
    const c2 = await seed.schoolClass(schoolId, year.id, 2, 'Б');
    const older = await seed.student(schoolId, c5, year.startsOn, ['Белова', 'Алиса']);
    const younger = await seed.student(schoolId, c2, year.startsOn, ['Белов', 'Максим']);
    parentLogin = (await seed.parent(schoolId, [older, younger], ['Белова', 'Ирина', 'Сергеевна'], 'belova.week')).login;
    const teacher = await seed.staff(schoolId, ['teacher'], ['Учителева', 'Мария', 'Петровна'], 'uchiteleva');
    teacherLogin = teacher.login;
    const maths = await rows.subject(schoolId, 'Математика');
    const room = await rows.room(schoolId, '12');
    await rows.load(schoolId, year.id, { teacherId: teacher.personId, classId: c5, subjectId: maths, weeklyHours: 3, status: 'approved' });
    await j.workType(schoolId, 'control', 'Контрольная работа', 2);
    const lesson = await j.lesson(schoolId, year.id, { classId: c5, date: week.day(1), lessonNumber: 2, subjectId: maths, teacherId: teacher.personId,
      roomId: room, topic: 'Сложение дробей' });
    const thursday = await j.lesson(schoolId, year.id, { classId: c5, date: week.day(3), lessonNumber: 1, subjectId: maths, teacherId: teacher.personId, roomId: room });
    await j.attendance(schoolId, thursday, older, 'Б');
    await j.period(schoolId, year.id, 1, year.startsOn, currentYear().endsOn);
    await j.homework(schoolId, lesson, '№ 245, 247', week.day(3));
    fileName = 'задачи.pdf';
    await j.homeworkFile(schoolId, lesson, fileName);
    await j.mark(schoolId, lesson, older, '5', 'control', 2);
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await spa?.close();
    await journal?.close();
    await api?.close();
    await database?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('R-DIA-11 a parent sees last week\'s mark and homework file, and writes to the teacher, who answers in the journal', async () => {
    const ctx = await browser.newContext({
      baseURL: `http://127.0.0.1:${spa.port}`, locale: 'ru-RU', timezoneId: 'Europe/Moscow', acceptDownloads: true,
      viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
    });
    ctx.setDefaultTimeout(15_000);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signIn(page, parentLogin);

    // The younger child comes first; switch to the older one, whose class has the lessons.
    await page.getByRole('heading', { name: /^Неделя / }).waitFor();
    await page.getByRole('group', { name: 'Выбор ребёнка' }).getByRole('button', { name: /Белова Алиса/ }).click();
    await expect.poll(() => page.getByTestId('current-child').textContent()).toBe('Белова Алиса');

    await page.getByRole('button', { name: 'Предыдущая неделя' }).click();
    const tuesday = page.getByTestId(`day-${week.day(1)}`);
    await tuesday.waitFor();
    await expect.poll(() => tuesday.getByTestId('mark').first().textContent()).toContain('Контрольная работа');
    expect(await tuesday.getByTestId('mark').first().textContent()).toMatch(/^5/);
    expect(await tuesday.textContent()).toContain('Математика');
    expect(await tuesday.textContent()).toContain('Сложение дробей');
    expect(await tuesday.textContent()).toContain('№ 245, 247');
    expect(await tuesday.textContent()).toContain('Учителева Мария Петровна');
    // Homework due Thursday is listed on Thursday.
    expect(await page.getByTestId(`day-${week.day(3)}`).textContent()).toContain('Задано на этот день');
    await shot(page, 'diary-week-360');

    // The attachment downloads.
    const fileResponse = page.waitForResponse((r) => r.url().includes('/homework-files/'));
    const download = page.waitForEvent('download');
    await tuesday.getByRole('button', { name: `Скачать ${fileName}` }).click();
    expect((await fileResponse).status()).toBe(200);
    expect((await download).suggestedFilename()).toBe(fileName);

    expect(await page.getByTestId(`day-${week.day(3)}`).getByTestId('attendance').textContent()).toContain('Б');

    // "Сегодня" goes back to this week.
    await page.getByRole('button', { name: 'Сегодня' }).click();
    await expect.poll(() => page.getByTestId(`day-${week.day(1)}`).count()).toBe(0);

    // Оценки: the mark with its date and work type, and the weighted average; Посещаемость: the absence by reason and subject.
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Оценки' }).click();
    await page.getByRole('heading', { name: /Математика/ }).waitFor();
    expect(await page.getByRole('heading', { name: /Математика/ }).textContent()).toContain('5.00');
    expect(await page.locator('.subject-list').textContent()).toContain('Контрольная работа');
    await shot(page, 'diary-marks-360');
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Посещаемость' }).click();
    await page.getByText(/Пропущено: 1|пропущено: 1/).first().waitFor();
    expect(await page.locator('.att-subjects').textContent()).toContain('Математика');
    await shot(page, 'diary-attendance-360');

    // Итоговые: the current year's table (empty state), no past years.
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Итоговые' }).click();
    await page.getByText('Итоговых отметок пока нет').waitFor();

    // Доверенные лица: add one (login and one-time password in a dialog), then revoke.
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Доверенные лица' }).click();
    await page.getByText('Доверенных лиц нет').waitFor();
    await page.getByLabel('Фамилия').fill('Бабушкина');
    await page.getByRole('textbox', { name: /^Имя/ }).fill('Вера');
    await page.getByLabel('Телефон или e-mail').fill('+79001112233');
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Данные для входа' });
    await dialog.waitFor();
    expect(await dialog.getByTestId('secret-value').count()).toBe(2);
    expect((await dialog.getByTestId('secret-value').nth(1).textContent())!.length).toBeGreaterThan(5);
    await shot(page, 'diary-trusted-created-360');
    await dialog.getByRole('button', { name: 'Закрыть' }).first().click();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Отозвать доступ: Бабушкина Вера' }).click();
    await page.getByText('доступ закрыт').waitFor();

    // Write to the teacher from Учителя.
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Учителя' }).click();
    await page.getByRole('heading', { name: 'Математика' }).waitFor();
    await shot(page, 'diary-teachers-360');
    await page.getByRole('link', { name: 'Написать: Учителева Мария Петровна' }).click();
    await page.getByLabel('Тема').fill('Контрольная работа');
    await page.getByLabel('Сообщение').fill('Здравствуйте! Можно ли переписать контрольную?');
    await page.getByRole('button', { name: 'Отправить' }).click();
    await page.getByRole('heading', { name: 'Контрольная работа' }).waitFor();
    await expect.poll(() => page.locator('.message__text').first().textContent()).toBe('Здравствуйте! Можно ли переписать контрольную?');
    await shot(page, 'diary-thread-360');

    // R-DIA-11: the teacher signs into the journal SPA, sees the unread thread with the parent's text in «Сообщения», and answers with a file.
    const teacherCtx = await browser.newContext({
      baseURL: `http://127.0.0.1:${journal.port}`, locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1280, height: 860 },
    });
    teacherCtx.setDefaultTimeout(15_000);
    contexts.push(teacherCtx);
    const tp = await teacherCtx.newPage();
    await signIn(tp, teacherLogin);
    const menuLink = tp.locator('#main-nav a', { hasText: /^Сообщения/ });
    await expect.poll(() => menuLink.textContent()).toBe('Сообщения (1 непрочит.)');
    await menuLink.click();
    await tp.getByRole('heading', { name: 'Сообщения', level: 1 }).waitFor();
    const row = tp.getByRole('row', { name: /Контрольная работа/ });
    await row.waitFor();
    const rowText = await row.textContent();
    expect(rowText).toContain('Белова Алиса (5А)');
    expect(rowText).toContain('Белова Ирина Сергеевна, родитель');
    expect(rowText).toContain('ждёт ответа');
    // The parent's text is in the list (the start of the newest message) before the thread is opened.
    expect(rowText).toContain('Здравствуйте! Можно ли переписать контрольную?');
    expect(await row.getByLabel('Непрочитанных: 1').count()).toBe(1);
    await shot(tp, 'journal-messages');
    await row.getByRole('link', { name: 'Контрольная работа' }).click();
    await tp.getByRole('heading', { name: 'Контрольная работа', level: 1 }).waitFor();
    await expect.poll(() => tp.locator('.msg-item__text').first().textContent()).toBe('Здравствуйте! Можно ли переписать контрольную?');
    expect(await tp.getByText(/Ответить до \d\d\.\d\d\.\d{4} \(2 рабочих дня\)/).count()).toBe(1);
    // Opening the thread read the message: the menu label loses its count.
    await expect.poll(() => menuLink.textContent()).toBe('Сообщения');
    await tp.getByLabel('Ответ').fill('Да, в четверг после уроков.');
    await tp.getByLabel('Файлы').setInputFiles({ name: 'памятка.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%памятка\n%%EOF\n') });
    await tp.getByRole('button', { name: 'Отправить' }).click();
    await expect.poll(() => tp.locator('.msg-item__text').count()).toBe(2);
    expect(await tp.locator('.msg-item--mine .msg-item__text').textContent()).toBe('Да, в четверг после уроков.');
    expect(await tp.getByRole('button', { name: 'Скачать памятка.pdf' }).count()).toBe(1);
    await shot(tp, 'journal-thread');
    await tp.getByRole('link', { name: '← Сообщения' }).click();
    await expect.poll(() => tp.getByRole('row', { name: /Контрольная работа/ }).textContent()).toContain('отвечено');
    expect(await tp.getByRole('row', { name: /Контрольная работа/ }).textContent()).toContain('Да, в четверг после уроков.');

    // The parent gets an unread badge, reads the answer and downloads its file.
    await page.goto('/messages');
    await expect.poll(() => page.locator('#main-nav a', { hasText: 'Сообщения (1 непрочит.)' }).count()).toBe(1);
    await shot(page, 'diary-messages-360');
    await page.getByRole('link', { name: /Контрольная работа/ }).click();
    await page.getByText('Да, в четверг после уроков.').waitFor();
    const replyFile = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Скачать памятка.pdf' }).click();
    expect((await replyFile).suggestedFilename()).toBe('памятка.pdf');
  });
});
