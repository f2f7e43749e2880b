import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../api/src/platform/database/ids';
import { currentYear, shot, signIn, startWorld, type BrowserWorld } from './support/browser-harness';

/**
 * Curriculum screens in real headless Chromium against the real API and PostgreSQL (issue 3, "Done when"): the deputy
 * builds a timetable, tries to book a teacher twice, sees the conflict naming the other class, and places the lesson
 * elsewhere (R-CUR-08); the plan editor shows the electronic inspector's report (R-CUR-05).
 */
describe('journal curriculum screens (Chromium)', () => {
  let world: BrowserWorld;
  let schoolId: string;
  let yearId: string;
  let deputyLogin: string;
  let directorLogin: string;
  let adminLogin: string;
  let teacherLogin: string;
  let planId: string;

  beforeAll(async () => {
    world = await startWorld('journal');
    const { seed, db } = world;
    schoolId = await seed.school('МБОУ СОШ № 9 г. Твери');
    yearId = (await seed.year(schoolId)).id;
    const classA = await seed.schoolClass(schoolId, yearId, 5, 'А');
    const classB = await seed.schoolClass(schoolId, yearId, 5, 'Б');
    deputyLogin = (await seed.staff(schoolId, ['deputy'], ['Морозова', 'Светлана', 'Николаевна'], 'morozova.sn')).login;
    directorLogin = (await seed.staff(schoolId, ['director'], ['Кузнецова', 'Ирина', 'Владимировна'], 'kuznetsova.iv')).login;
    adminLogin = (await seed.staff(schoolId, ['admin'], ['Никитин', 'Павел', 'Олегович'], 'nikitin.po')).login;
    const mathsTeacher = await seed.staff(schoolId, ['teacher'], ['Петрова', 'Анна', 'Сергеевна'], 'petrova.as');
    const maths = mathsTeacher.personId;
    teacherLogin = mathsTeacher.login;
    const russian = (await seed.staff(schoolId, ['teacher'], ['Сидоров', 'Иван', 'Павлович'])).personId;

    const subject = async (name: string, shortName: string) => {
      const id = newId();
      await db.query(`INSERT INTO subjects (id, school_id, name, short_name, area) VALUES ($1,$2,$3,$4,'')`, [id, schoolId, name, shortName]);
      return id;
    };
    const mathsId = await subject('Математика', 'Мат');
    const russianId = await subject('Русский язык', 'Рус');
    for (const [name, capacity] of [['14', 30], ['21', 28]] as const) {
      await db.query(`INSERT INTO rooms (id, school_id, name, capacity) VALUES ($1,$2,$3,$4)`, [newId(), schoolId, name, capacity]);
    }
    const load = (teacherId: string, classId: string, subjectId: string, hours: number) => db.query(
      `INSERT INTO teacher_loads (id, school_id, academic_year_id, teacher_id, class_id, subject_id, weekly_hours) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [newId(), schoolId, yearId, teacherId, classId, subjectId, hours]);
    // Teacher Петрова teaches maths in both classes; Сидоров teaches Russian in 5А only (5Б has no Russian load).
    await load(maths, classA, mathsId, 5);
    await load(maths, classB, mathsId, 5);
    await load(russian, classA, russianId, 5);

    const bellsId = newId();
    await db.query(`INSERT INTO bell_schedules (id, school_id, academic_year_id, name, weekdays) VALUES ($1,$2,$3,'Основное расписание звонков','{1,2,3,4,5}')`,
      [bellsId, schoolId, yearId]);
    const times = [['08:30', '09:15'], ['09:25', '10:10'], ['10:30', '11:15'], ['11:35', '12:20'], ['12:30', '13:15'], ['13:25', '14:10']];
    for (const [i, [start, end]] of times.entries()) {
      await db.query(`INSERT INTO bell_slots (school_id, schedule_id, lesson_number, starts_at, ends_at) VALUES ($1,$2,$3,$4,$5)`, [schoolId, bellsId, i + 1, start, end]);
    }

    planId = newId();
    await db.query(`INSERT INTO curriculum_plans (id, school_id, academic_year_id, name, plan_version, status) VALUES ($1,$2,$3,$4,1,'draft')`,
      [planId, schoolId, yearId, `Учебный план на ${currentYear().name} учебный год`]);
    for (const subjectId of [mathsId, russianId]) {
      await db.query(`INSERT INTO curriculum_plan_lines (id, school_id, plan_id, subject_id, grade, weekly_hours) VALUES ($1,$2,$3,$4,5,5)`,
        [newId(), schoolId, planId, subjectId]);
    }
  });

  afterAll(async () => {
    await world?.close();
  });

  /** Opens the "new lesson" dialog of an empty cell and picks maths with Петрова in a room. */
  async function openNewMathsLesson(page: Page, cell: string, room: string) {
    await page.getByRole('button', { name: `Добавить урок: ${cell}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: /^Предмет/ }).selectOption({ label: 'Математика' });
    // The only maths load of the class is chosen at once.
    await expect.poll(() => dialog.getByRole('combobox', { name: /^Учитель/ }).locator('option:checked').textContent()).toBe('Петрова Анна Сергеевна');
    await dialog.getByRole('combobox', { name: /^Кабинет/ }).selectOption({ label: room });
    return dialog;
  }

  it('the deputy books a teacher twice, sees the conflict naming 5А, and places the lesson on the next lesson (R-CUR-08)', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, deputyLogin);
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    for (const item of ['Расписание', 'КТП', 'Учебный план', 'Педагогическая нагрузка', 'Учебные периоды', 'Предметы', 'Кабинеты', 'Режим работы и звонки']) {
      await expect.poll(() => nav.getByRole('link', { name: item, exact: true }).count(), { message: item }).toBe(1);
    }
    await nav.getByRole('link', { name: 'Расписание', exact: true }).click();
    await page.getByRole('heading', { name: 'Расписание', level: 1 }).waitFor();

    // 5А: maths on Monday, lesson 1.
    await page.getByRole('combobox', { name: 'Класс' }).selectOption({ label: '5А' });
    await page.getByRole('table', { name: /Расписание 5А класса/ }).waitFor();
    await shot(page, 'curriculum-timetable-empty');
    let dialog = await openNewMathsLesson(page, 'Понедельник, 1 урок', '14');
    await dialog.getByRole('button', { name: 'Поставить урок' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Понедельник, 1 урок: Математика, Петрова А. С., каб. 14 — изменить' }).waitFor();

    // 5Б: the same teacher on Monday, lesson 1 → 409, shown in words with the clashing lesson of 5А.
    await page.getByRole('combobox', { name: 'Класс' }).selectOption({ label: '5Б' });
    await page.getByRole('table', { name: /Расписание 5Б класса/ }).waitFor();
    dialog = await openNewMathsLesson(page, 'Понедельник, 1 урок', '21');
    await dialog.getByRole('button', { name: 'Поставить урок' }).click();
    const conflict = dialog.getByTestId('timetable-conflict');
    await conflict.waitFor();
    expect(await conflict.locator('.banner__title').textContent()).toBe('Учитель занят: 5А, Математика, каб. 14');
    await shot(page, 'curriculum-timetable-conflict');

    // The deputy moves the new lesson to lesson 2 in the same dialog: saved.
    await dialog.getByRole('combobox', { name: /^Урок/ }).selectOption('2');
    await dialog.getByRole('button', { name: 'Поставить урок' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Понедельник, 2 урок: Математика, Петрова А. С., каб. 21 — изменить' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Добавить урок: Понедельник, 1 урок' }).count()).toBe(1);
    await shot(page, 'curriculum-timetable-5b');

    const rows: { cls: string; weekday: number; lesson: number; teacher: string; room: string }[] = await world.db.query(
      `SELECT c.grade || c.letter AS cls, t.weekday, t.lesson_number AS lesson, p.last_name AS teacher, r.name AS room
         FROM timetable_entries t JOIN classes c ON c.id = t.class_id JOIN persons p ON p.id = t.teacher_id LEFT JOIN rooms r ON r.id = t.room_id
        WHERE t.school_id = $1 ORDER BY cls`, [schoolId]);
    expect(rows).toEqual([
      { cls: '5А', weekday: 1, lesson: 1, teacher: 'Петрова', room: '14' },
      { cls: '5Б', weekday: 1, lesson: 2, teacher: 'Петрова', room: '21' },
    ]);

    // The week view of 5А shows the lesson on a Monday once the template is in force.
    const [{ validFrom }] = await world.db.query(`SELECT max(valid_from)::text AS "validFrom" FROM timetable_entries WHERE school_id = $1`, [schoolId]);
    const weekOf = new Date(`${validFrom}T00:00:00Z`);
    weekOf.setUTCDate(weekOf.getUTCDate() + 7);
    const [{ id: classA }] = await world.db.query(`SELECT id FROM classes WHERE school_id = $1 AND letter = 'А'`, [schoolId]);
    await page.goto(`/timetable/week?by=class&id=${classA}&week=${weekOf.toISOString().slice(0, 10)}`);
    await page.getByRole('table', { name: /^5А: неделя/ }).waitFor();
    await page.getByRole('button', { name: /1 урок: Математика, Петрова А\. С\., каб\. 14 — изменить на дату/ }).waitFor();
    await shot(page, 'curriculum-timetable-week');
  });

  it('the plan editor shows the electronic inspector\'s report; the director cannot approve while errors remain (R-CUR-05)', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, deputyLogin);
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Учебный план', exact: true }).click();
    await page.getByRole('link', { name: /^Учебный план на / }).click();
    await page.getByRole('heading', { name: /^Учебный план на /, level: 1 }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Математика, 5 класс, часов в неделю' }).inputValue()).toBe('5');

    await page.getByRole('button', { name: 'Проверить (электронный инспектор)' }).click();
    const report = page.getByTestId('inspection-report');
    await report.getByText(/Найдено \d+ ошиб/).waitFor();
    const errors = report.getByRole('region', { name: /^Ошибки/ });
    await errors.locator('summary', { hasText: 'Предмет плана не распределён в нагрузке' }).waitFor();
    await errors.getByText(/5Б: «Русский язык» запланирован\(а\) на 5 ч в неделю/).waitFor();
    // 5А has 1 maths lesson in the timetable against 5 planned hours.
    await errors.getByText(/5А: «Математика» — в расписании 1 урок\(ов\) в неделю, по учебному плану 5 ч/).waitFor();
    await report.getByRole('region', { name: /^Предупреждения/ }).locator('summary', { hasText: 'Не указан учебник' }).waitFor();
    await shot(page, 'curriculum-plan-inspector');

    const director = await (await world.context()).newPage();
    await signIn(director, directorLogin);
    await director.goto(`/curriculum-plans/${planId}`);
    const approve = director.getByRole('button', { name: 'Утвердить' });
    await approve.waitFor();
    await director.getByTestId('inspection-report').getByText(/Найдено \d+ ошиб/).waitFor();
    expect(await approve.isDisabled()).toBe(true);
    await director.getByText(/^Утвердить нельзя: инспектор нашёл \d+ ошиб/).waitFor();
    await shot(director, 'curriculum-plan-director');
    const [{ status }] = await world.db.query(`SELECT status FROM curriculum_plans WHERE id = $1`, [planId]);
    expect(status).toBe('draft');
  });
  it('the admin sets half-years and closes and reopens one; a teacher writes a КТП and sees the import errors line by line (R-CUR-02, R-CUR-09)', async () => {
    const year = currentYear();
    const admin = await (await world.context()).newPage();
    admin.on('dialog', (d) => void d.accept());
    await signIn(admin, adminLogin);
    await admin.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Учебные периоды', exact: true }).click();
    await admin.getByText('Для этого учебного года периоды ещё не заданы.').waitFor();
    await admin.getByRole('button', { name: 'Добавить схему периодов' }).click();
    const scheme = admin.getByRole('dialog');
    await scheme.getByRole('combobox', { name: /^Вид периодов/ }).selectOption('half_year');
    await scheme.getByLabel(/^1 полугодие: окончание/).fill(`${year.startsOn.slice(0, 4)}-12-31`);
    await scheme.getByLabel(/^2 полугодие: начало/).fill(`${year.endsOn.slice(0, 4)}-01-01`);
    await scheme.getByRole('button', { name: 'Сохранить' }).click();
    await scheme.waitFor({ state: 'hidden' });
    const card = admin.getByRole('table', { name: '1–11 классы: полугодия' });
    await card.getByRole('rowheader', { name: '2 полугодие' }).waitFor();
    await admin.getByRole('button', { name: 'Закрыть период: 1 полугодие, 1–11 классы' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Закрыть период' }).click();
    await card.getByRole('cell', { name: /^закрыт/ }).waitFor();
    await admin.getByRole('button', { name: 'Открыть заново: 1 полугодие, 1–11 классы' }).click();
    await admin.getByRole('dialog').getByRole('textbox', { name: /^Основание/ }).fill('Исправление отметки по заявлению № 7');
    await admin.getByRole('dialog').getByRole('button', { name: 'Открыть заново' }).click();
    await expect.poll(() => card.getByRole('cell', { name: /^закрыт/ }).count()).toBe(0);
    await shot(admin, 'curriculum-periods');
    const periods = await world.db.query(`SELECT name, status FROM study_periods WHERE academic_year_id = $1 ORDER BY number`, [yearId]);
    expect(periods).toEqual([{ name: '1 полугодие', status: 'open' }, { name: '2 полугодие', status: 'open' }]);

    // The maths teacher: menu, own КТП for 5А from the load, two topics, the hours warning, a bad file.
    const page = await (await world.context()).newPage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, teacherLogin);
    const nav = page.getByRole('navigation', { name: 'Основная навигация' });
    await nav.getByRole('link', { name: 'КТП', exact: true }).click();
    await page.getByRole('heading', { name: 'КТП', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Создать КТП' }).click();
    await page.getByRole('combobox', { name: /^Класс и предмет из нагрузки/ }).selectOption({ label: 'Математика, 5А — Петрова Анна Сергеевна' });
    await page.getByRole('button', { name: 'Создать', exact: true }).click();
    await page.getByRole('heading', { name: 'КТП: Математика, 5А' }).waitFor();
    for (const [n, title, hours] of [[1, 'Натуральные числа', '4'], [2, 'Контрольная работа № 1', '1']] as const) {
      await page.getByRole('button', { name: 'Добавить тему' }).click();
      await page.getByRole('textbox', { name: `Тема ${n}`, exact: true }).fill(title);
      await page.getByRole('textbox', { name: `Часы темы ${n}` }).fill(hours);
    }
    await page.getByRole('combobox', { name: 'Вид работы темы 2' }).fill('Контрольная работа');
    await page.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await page.getByText('Изменения сохранены.').waitFor();
    // 5 h a week × 34 weeks in the plan against 5 h in the КТП.
    expect(await page.getByTestId('ktp-warning').textContent()).toBe('Часы не совпадают: в КТП 5 ч, по учебному плану 170 ч в год.');
    const topics = await world.db.query(
      `SELECT t.position, t.title, t.hours::float8 AS hours, t.work_type AS "workType" FROM ktp_topics t JOIN ktp_plans k ON k.id = t.plan_id
        WHERE k.school_id = $1 ORDER BY t.position`, [schoolId]);
    expect(topics).toEqual([{ position: 1, title: 'Натуральные числа', hours: 4, workType: null },
      { position: 2, title: 'Контрольная работа № 1', hours: 1, workType: 'control' }]);

    const csv = join(tmpdir(), `ktp-${Date.now()}.csv`);
    writeFileSync(csv, '№;Тема;Часы;Вид работы\n1;Натуральные числа;2;\n2;;1;\n2;Дроби;abc;Контрольная работа\n');
    await page.getByLabel('Файл').setInputFiles(csv);
    await page.getByRole('button', { name: 'Загрузить', exact: true }).click();
    const errors = page.getByRole('table', { name: 'Ошибки по строкам файла' });
    await errors.waitFor();
    expect(await errors.getByRole('row').allTextContents()).toEqual([
      'СтрокаСтолбецОшибка', '3Тематема не заполнена', '4№номер 2 уже есть в строке 3', '4Часычасы — число от 0,5 до 40, не более одного знака после запятой',
    ]);
    await shot(page, 'curriculum-ktp');
    expect((await world.db.query(`SELECT count(*)::int AS n FROM ktp_topics WHERE school_id = $1`, [schoolId]))[0].n).toBe(2);
  });
});
