import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shot, signIn, startWorld, type BrowserWorld } from './support/browser-harness';

/** Journal SPA in real headless Chromium against the real API and PostgreSQL (issue 2, "Done when"). */
describe('journal SPA (Chromium)', () => {
  let world: BrowserWorld;
  let schoolId: string;
  let yearStart: string;
  let adminLogin: string;
  let teacherLogin: string;

  beforeAll(async () => {
    world = await startWorld('journal');
    const { seed } = world;
    schoolId = await seed.school('МБОУ СОШ № 5 г. Твери');
    const year = await seed.year(schoolId);
    yearStart = year.startsOn;
    adminLogin = (await seed.staff(schoolId, ['admin'], ['Смирнова', 'Анна', 'Викторовна'], 'smirnova.av')).login;
    teacherLogin = (await seed.staff(schoolId, ['teacher'], ['Кузнецов', 'Олег', 'Петрович'], 'kuznetsov.op')).login;
    await seed.staff(schoolId, ['teacher', 'class_teacher'], ['Орлова', 'Мария', 'Ивановна']);
    await seed.schoolClass(schoolId, year.id, 5, 'А');
  });

  afterAll(async () => {
    await world?.close();
  });

  async function addStudent(page: Page, last: string, first: string, birth: string, gender: 'male' | 'female', order: string) {
    await page.getByRole('button', { name: 'Добавить обучающегося' }).click();
    const form = page.getByRole('form', { name: 'Добавить обучающегося' });
    await form.getByLabel('Фамилия').fill(last);
    await form.getByLabel('Имя').fill(first);
    await form.getByLabel('Дата рождения').fill(birth);
    await form.getByRole('combobox', { name: /^Пол/ }).selectOption(gender);
    await form.getByLabel('Дата зачисления').fill(yearStart);
    await form.getByLabel('Номер приказа').fill(order);
    await form.getByRole('button', { name: 'Зачислить' }).click();
    await page.getByRole('rowheader', { name: `${last} ${first}` }).waitFor();
  }

  it('the admin signs in, creates class 5В in the open year and enrols two students; the class page lists both', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, adminLogin);
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Смирнова Анна Викторовна');
    await expect.poll(() => page.getByTestId('home-roles').textContent()).toContain('Администратор журнала');
    await shot(page, 'journal-home-admin');

    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    for (const item of ['Учебные годы', 'Сотрудники', 'Классы', 'Обучающиеся', 'Родители (законные представители)', 'Подгруппы',
      'Движение обучающихся', 'Перевод года', 'Импорт', 'Выдача учётных данных', 'Журнал аудита']) {
      await expect.poll(() => nav.getByRole('link', { name: item, exact: true }).count(), { message: item }).toBe(1);
    }

    await nav.getByRole('link', { name: 'Классы', exact: true }).click();
    await page.getByRole('heading', { name: 'Классы', level: 1 }).waitFor();
    await page.getByRole('link', { name: '5А' }).waitFor();
    await page.getByRole('button', { name: 'Создать класс' }).click();
    const create = page.getByRole('form', { name: 'Создать класс' });
    await create.getByLabel('Параллель').selectOption('5');
    await create.getByLabel('Литера').fill('В');
    await create.getByLabel('Классный руководитель').selectOption({ label: 'Орлова Мария Ивановна' });
    await create.getByRole('button', { name: 'Создать' }).click();
    await page.getByRole('link', { name: '5В' }).waitFor();
    await shot(page, 'journal-classes');

    await page.getByRole('link', { name: '5В' }).click();
    await page.getByRole('heading', { name: '5В класс' }).waitFor();
    await addStudent(page, 'Васильев', 'Дмитрий', '2015-03-14', 'male', '12-у');
    await addStudent(page, 'Громова', 'Екатерина', '2015-07-02', 'female', '12-у');

    const rows = page.getByRole('table', { name: /Обучающиеся/ }).getByRole('row');
    await expect.poll(() => rows.count()).toBe(3); // header + 2
    const names = await page.getByRole('table', { name: /Обучающиеся/ }).getByRole('rowheader').allTextContents();
    expect(names).toEqual(['Васильев Дмитрий', 'Громова Екатерина']);
    await page.reload();
    await page.getByRole('heading', { name: '5В класс' }).waitFor();
    await expect.poll(() => page.getByRole('table', { name: /Обучающиеся/ }).getByRole('rowheader').allTextContents())
      .toEqual(['Васильев Дмитрий', 'Громова Екатерина']);
    await shot(page, 'journal-class-5v');

    const inDb: { name: string; teacher: string }[] = await world.db.query(
      `SELECT p.last_name || ' ' || p.first_name AS name, t.last_name AS teacher
         FROM classes c JOIN enrolments e ON e.class_id = c.id AND e.ends_on IS NULL
         JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
         LEFT JOIN persons t ON t.id = c.class_teacher_id
        WHERE c.school_id = $1 AND c.grade = 5 AND c.letter = 'В' ORDER BY 1`, [schoolId]);
    expect(inDb).toEqual([{ name: 'Васильев Дмитрий', teacher: 'Орлова' }, { name: 'Громова Екатерина', teacher: 'Орлова' }]);

    // The other main screens render with the data just written.
    await nav.getByRole('link', { name: 'Обучающиеся', exact: true }).click();
    await page.getByRole('link', { name: 'Громова Екатерина' }).waitFor();
    await shot(page, 'journal-students');
    await page.getByRole('link', { name: 'Громова Екатерина' }).click();
    await page.getByRole('heading', { name: 'Громова Екатерина' }).waitFor();
    await page.getByRole('table', { name: 'История зачислений' }).getByRole('rowheader', { name: '5В' }).waitFor();
    await shot(page, 'journal-student-card');
    await nav.getByRole('link', { name: 'Сотрудники', exact: true }).click();
    await page.getByRole('rowheader', { name: 'Кузнецов Олег Петрович' }).waitFor();
    await shot(page, 'journal-staff');
    await nav.getByRole('link', { name: 'Учебные годы', exact: true }).click();
    await page.getByRole('cell', { name: 'открыт' }).waitFor();
    await shot(page, 'journal-years');
    await nav.getByRole('link', { name: 'Журнал аудита', exact: true }).click();
    await page.getByRole('button', { name: 'Проверить целостность' }).click();
    await page.getByText(/Цепочка записей цела/).waitFor();
    await shot(page, 'journal-audit');

    // Narrow phone screen: the menu collapses behind a button and the page still works.
    await page.setViewportSize({ width: 360, height: 760 });
    await page.goto('/classes');
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Классы', exact: true }).waitFor();
    await shot(page, 'journal-classes-360');

    await page.getByRole('button', { name: 'Выйти' }).click();
    await page.getByRole('heading', { name: 'Вход' }).waitFor();
  });

  it('a teacher signs in and sees no admin menu; admin pages answer "no access"', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, teacherLogin);
    await expect.poll(() => page.getByTestId('user-name').textContent()).toBe('Кузнецов Олег Петрович');
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    await nav.getByRole('link', { name: 'Классы', exact: true }).waitFor();
    const items = await nav.getByRole('link').allTextContents();
    // The teacher's menu: their day and journal screens (issue 4), classes, the timetable and КТП (issue 3), messages with
    // families (issue 5) and the remarks of control checks (issue 6); no admin screens.
    expect(items).toEqual(['Мой день', 'Журнал класса', 'Заявления на изменение', 'Контрольные работы', 'Классы', 'Расписание', 'КТП',
      'Сообщения', 'Контроль ведения журналов']);
    await shot(page, 'journal-home-teacher');
    await page.goto('/staff');
    await page.getByRole('heading', { name: 'Нет доступа' }).waitFor();
    await page.goto('/classes');
    await page.getByRole('link', { name: '5А' }).waitFor();
    expect(await page.getByRole('button', { name: 'Создать класс' }).count()).toBe(0);
  });

  it('every admin screen renders; hiring shows the initial password once', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, adminLogin);
    const screens: [string, string, string][] = [
      ['/school', 'Карточка школы', 'school'], ['/years', 'Учебные годы', 'years'], ['/staff', 'Сотрудники', 'staff'],
      ['/classes', 'Классы', 'classes'], ['/students', 'Обучающиеся', 'students'], ['/parents', 'Родители (законные представители)', 'parents'],
      ['/subgroups', 'Подгруппы', 'subgroups'], ['/movements', 'Движение обучающихся', 'movements'], ['/transition', 'Перевод года', 'transition'],
      ['/import', 'Импорт', 'import'], ['/credentials', 'Выдача учётных данных', 'credentials'], ['/tokens', 'Интеграции (API-токены)', 'tokens'],
      ['/audit', 'Журнал аудита', 'audit'],
    ];
    for (const [path, title, name] of screens) {
      await page.goto(path);
      await page.getByRole('heading', { name: title, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect(await page.getByRole('alert').allTextContents(), path).toEqual([]);
      await shot(page, `journal-screen-${name}`);
    }

    await page.goto('/staff');
    await page.getByRole('button', { name: 'Принять сотрудника' }).click();
    await page.getByLabel('Фамилия').fill('Новикова');
    await page.getByLabel('Имя').fill('Ольга');
    await page.getByRole('checkbox', { name: 'Классный руководитель' }).check();
    await page.getByRole('button', { name: 'Принять на работу' }).click();
    const dialog = page.getByRole('dialog', { name: 'Сотрудник принят' });
    await dialog.waitFor();
    const [login, password] = await dialog.getByTestId('secret-value').allTextContents();
    expect(login).toMatch(/^[a-z0-9._-]{3,}$/);
    expect(password.length).toBeGreaterThanOrEqual(8);
    await shot(page, 'journal-staff-hired');
    await dialog.getByRole('button', { name: 'Пароль записан' }).click();
    await page.getByRole('rowheader', { name: 'Новикова Ольга' }).waitFor();
    const [row] = await world.db.query(
      `SELECT e.roles FROM employments e JOIN persons p ON p.id = e.person_id WHERE e.school_id = $1 AND p.last_name = 'Новикова'`, [schoolId]);
    expect([...row.roles].sort()).toEqual(['class_teacher', 'teacher']);
  });

  it('roster workflows: year, parent, subgroup, movement, import dry run, credentials PDF, year-transition preview, API token', async () => {
    const { seed } = world;
    const year = (await world.db.query(`SELECT id, starts_on::text AS "startsOn" FROM academic_years WHERE school_id = $1 AND status = 'open'`, [schoolId]))[0];
    const classA = (await world.db.query(`SELECT id FROM classes WHERE school_id = $1 AND grade = 5 AND letter = 'А'`, [schoolId]))[0].id as string;
    await seed.student(schoolId, classA, year.startsOn, ['Зайцева', 'Полина']);
    await seed.student(schoolId, classA, year.startsOn, ['Зуев', 'Артём']);
    const page = await (await world.context()).newPage();
    await signIn(page, adminLogin);

    // Academic years: create the next one (planned).
    await page.goto('/years');
    await page.getByRole('button', { name: 'Создать учебный год' }).click();
    await page.getByRole('button', { name: 'Создать', exact: true }).click();
    await page.getByRole('cell', { name: 'планируется' }).waitFor();

    // Parents: a mother of Зайцева with the application record; she appears with her child.
    await page.goto('/parents');
    await page.getByRole('button', { name: 'Добавить родителя' }).click();
    const parentForm = page.getByRole('form', { name: 'Добавить родителя' });
    await parentForm.getByLabel('Фамилия').fill('Зайцева');
    await parentForm.getByLabel('Имя').fill('Марина');
    await parentForm.getByLabel('Телефон').fill('+79001234567');
    await parentForm.getByLabel('Найти обучающегося').fill('Зайц');
    await parentForm.getByRole('combobox', { name: /Найден/ }).selectOption({ label: 'Зайцева Полина (5А)' });
    await parentForm.getByLabel('Регистрационный номер заявления').fill('З-041');
    await parentForm.getByLabel('Документ, удостоверяющий личность').fill('Паспорт 28 10 123456');
    await parentForm.getByRole('button', { name: 'Создать' }).click();
    await page.getByRole('rowheader', { name: 'Зайцева Марина' }).waitFor();
    await page.getByRole('link', { name: 'Зайцева Полина' }).waitFor();
    await shot(page, 'journal-parents');

    // Subgroups: two of the three 5А students in an English group.
    await page.goto(`/subgroups?classId=${classA}`);
    await page.getByRole('button', { name: 'Создать подгруппу' }).click();
    const sg = page.getByRole('form', { name: 'Создать подгруппу' });
    await sg.getByLabel('Предмет').fill('Английский язык');
    await sg.getByRole('checkbox', { name: 'Зайцева Полина' }).check();
    await sg.getByRole('checkbox', { name: 'Зуев Артём' }).check();
    await sg.getByRole('button', { name: 'Создать' }).click();
    await page.getByRole('rowheader', { name: 'Английский язык' }).waitFor();
    await page.getByText('2 обучающихся').waitFor();
    await shot(page, 'journal-subgroups');

    // Movements: Зуев moves from 5А to 5В.
    await page.goto('/movements');
    await page.getByRole('button', { name: 'Оформить движение' }).click();
    const mv = page.getByRole('form', { name: 'Оформить движение' });
    await mv.getByLabel('Найти обучающегося').fill('Зуев');
    await mv.getByRole('combobox', { name: /Найден/ }).selectOption({ label: 'Зуев Артём (5А)' });
    await mv.getByRole('textbox', { name: /^Дата/ }).fill(year.startsOn.replace(/-01$/, '-15'));
    await mv.getByLabel('Номер приказа').fill('45-у');
    await mv.getByLabel('В класс').selectOption({ label: '5В' });
    await mv.getByRole('button', { name: 'Провести' }).click();
    await page.getByRole('cell', { name: 'Перевод в другой класс' }).waitFor();
    await shot(page, 'journal-movements');
    const [moved] = await world.db.query(
      `SELECT c.letter FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN students s ON s.id = e.student_id
        JOIN persons p ON p.id = s.person_id WHERE p.last_name = 'Зуев' AND e.ends_on IS NULL`);
    expect(moved.letter).toBe('В');

    // Import: a dry run reports the bad row by its line; nothing is written.
    await page.goto('/import');
    const csv = 'Фамилия;Имя;Отчество;Дата рождения;Пол;Класс;СНИЛС;Номер личного дела;Адрес;Дата зачисления;Номер приказа\n'
      + `Орлов;Иван;;2015-01-10;м;5А;;;;${year.startsOn};50-у\n`
      + `Петров;;;2015-13-40;м;9Я;;;;${year.startsOn};50-у\n`;
    await page.getByLabel('Файл CSV или XLSX').setInputFiles({ name: 'students.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByRole('button', { name: 'Проверить файл' }).click();
    const bad = page.getByRole('table', { name: 'Строки с ошибками' });
    await bad.waitFor();
    expect(await bad.getByRole('rowheader').allTextContents()).toContain('3');
    expect(await page.getByRole('button', { name: /Импортировать/ }).count()).toBe(0);
    await shot(page, 'journal-import-dry-run');
    expect((await world.db.query(`SELECT 1 FROM persons WHERE last_name = 'Орлов'`)).length).toBe(0);

    // Credentials: the class's parent slips come as a PDF download.
    await page.goto('/credentials');
    await page.getByLabel('Класс').locator('option', { hasText: '5В' }).waitFor({ state: 'attached' });
    await page.getByLabel('Класс').selectOption({ label: '5А (1)' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Сформировать PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await download.createReadStream();
    const head = await new Promise<Buffer>((ok) => pdf.once('data', (c: Buffer) => ok(c)));
    expect(head.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByText(/памяток: 1/).waitFor();
    await shot(page, 'journal-credentials');

    // Year transition: the preview lists what would happen, class by class.
    await page.goto('/transition');
    await page.getByLabel('В учебный год').selectOption({ index: 2 });
    await page.getByRole('button', { name: 'Предварительный просмотр' }).click();
    const plan = page.getByRole('table', { name: 'Классы' });
    await plan.waitFor();
    expect(await plan.getByRole('rowheader').allTextContents()).toEqual(['5А', '5В']);
    await page.getByText(/перевод в 6А/).waitFor();
    await shot(page, 'journal-transition-preview');
    await page.getByLabel('Номер приказа').fill('112-о');
    await page.getByRole('button', { name: 'Выполнить перевод' }).click();
    await page.getByRole('dialog', { name: 'Выполнить перевод года?' }).getByRole('button', { name: 'Выполнить перевод' }).click();
    await page.getByText('Перевод года выполнен.').waitFor();
    const promoted: { name: string }[] = await world.db.query(
      `SELECT c.grade || c.letter AS name FROM classes c JOIN academic_years y ON y.id = c.academic_year_id
        WHERE c.school_id = $1 AND y.status <> 'open' ORDER BY 1`, [schoolId]);
    expect(promoted.map((r) => r.name)).toEqual(['6А', '6В']);

    // Integration tokens: shown once, then revoked.
    await page.goto('/tokens');
    await page.getByRole('button', { name: 'Создать токен' }).click();
    await page.getByLabel('Назначение').fill('Региональная система');
    await page.getByRole('button', { name: 'Создать', exact: true }).click();
    const tokenDialog = page.getByRole('dialog', { name: 'Токен создан' });
    expect(await tokenDialog.getByTestId('secret-value').textContent()).toMatch(/^otm_/);
    await tokenDialog.getByRole('button', { name: 'Токен сохранён' }).click();
    await page.getByRole('button', { name: 'Отозвать токен «Региональная система»' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Отозвать' }).click();
    await page.getByText(/отозван/).waitFor();
    await shot(page, 'journal-tokens');
  });
});
