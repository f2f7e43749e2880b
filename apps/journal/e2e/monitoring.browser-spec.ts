import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../api/src/platform/database/ids';
import { shot, signIn, startWorld, type BrowserWorld } from './support/browser-harness';

const TZ = 'Europe/Moscow';
const localDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const plusDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/**
 * R-AUD-04: the deputy opens «Мониторинг ведения журналов» (current month by default), sees the figures of 5А maths, opens the students
 * without marks behind the number and goes from there to the class journal of 5А.
 */
describe('monitoring of journal keeping (Chromium)', () => {
  let world: BrowserWorld;
  let classId: string;
  let deputy: { personId: string; login: string };
  const today = localDate(new Date());

  beforeAll(async () => {
    world = await startWorld('journal');
    const { seed, db } = world;
    const schoolId = await seed.school('МБОУ СОШ № 21 г. Твери');
    const y = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);
    const startsOn = [`${y}-09-01`, plusDays(today, -90)].sort()[0];
    const yearId = newId();
    await db.query(`INSERT INTO academic_years (id, school_id, name, starts_on, ends_on, status) VALUES ($1,$2,$3,$4,$5,'open')`,
      [yearId, schoolId, `${y}/${y + 1}`, startsOn, `${y + 1}-08-31`]);
    await db.query(`INSERT INTO study_periods (id, school_id, academic_year_id, grade_from, grade_to, kind, number, name, starts_on, ends_on)
      VALUES ($1,$2,$3,1,11,'quarter',2,'2 четверть',$4,$5)`, [newId(), schoolId, yearId, startsOn, plusDays(today, 30)]);
    deputy = await seed.staff(schoolId, ['deputy'], ['Морозова', 'Светлана', 'Николаевна'], 'morozova.sn');
    const teacher = await seed.staff(schoolId, ['teacher'], ['Смирнова', 'Анна', 'Петровна'], 'smirnova.ap');
    classId = await seed.schoolClass(schoolId, yearId, 5, 'А');
    await seed.schoolClass(schoolId, yearId, 5, 'Б');
    const withMark = await seed.student(schoolId, classId, startsOn, ['Алексеев', 'Иван']);
    await seed.student(schoolId, classId, startsOn, ['Борисова', 'Мария']);
    const subjectId = newId();
    await db.query(`INSERT INTO subjects (id, school_id, name, short_name) VALUES ($1,$2,'Математика','Матем.')`, [subjectId, schoolId]);
    await db.query(`INSERT INTO teacher_loads (id, school_id, academic_year_id, teacher_id, class_id, subject_id, weekly_hours, status)
      VALUES ($1,$2,$3,$4,$5,$6,5,'approved')`, [newId(), schoolId, yearId, teacher.personId, classId, subjectId]);
    // Two lessons held today (so they count whatever the day of the month): one with a topic and a mark, one without a topic.
    const lessonIds = [newId(), newId()];
    for (const [i, id] of lessonIds.entries()) {
      await db.query(`INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, source, held, topic,
          first_entered_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'extra',true,$9,now())`,
      [id, schoolId, yearId, today, i + 1, classId, subjectId, teacher.personId, i === 0 ? 'Натуральные числа' : null]);
    }
    await db.query(`INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight) VALUES ($1,$2,$3,$4,'5','answer',1)`,
      [newId(), schoolId, lessonIds[0], withMark]);
  });

  afterAll(async () => {
    await world?.close();
  });

  it('R-AUD-04 the deputy drills from «students without marks» to the class journal of that class', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, deputy.login);
    await page.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Мониторинг журналов' }).click();
    await page.getByRole('heading', { name: 'Мониторинг ведения журналов', level: 1 }).waitFor();
    // The current month by default.
    expect(await page.getByLabel('С', { exact: true }).inputValue()).toBe(`${today.slice(0, 7)}-01`);
    const table = page.getByRole('table', { name: 'Учитель × класс × предмет' });
    const row = table.getByRole('row', { name: /5А.*Математика.*Смирнова Анна Петровна/ });
    await row.waitFor();
    expect((await row.getByRole('cell').allTextContents()).slice(0, 5)).toEqual(['Математика', 'Смирнова Анна Петровна', '2', '1', '2']);
    await shot(page, 'journal-monitoring');

    await row.getByRole('button', { name: 'Обучающихся без отметок, 5А, Математика, Смирнова Анна Петровна: 1' }).click();
    const dialog = page.getByRole('dialog', { name: /Обучающихся без отметок — 5А, Математика/ });
    await dialog.waitFor();
    await dialog.getByRole('row', { name: /Борисова Мария/ }).waitFor();
    expect(await dialog.getByRole('row', { name: /Алексеев Иван/ }).count()).toBe(0);
    await shot(page, 'journal-monitoring-no-marks');

    await dialog.getByRole('link', { name: 'Открыть журнал класса 5А, Математика' }).click();
    await page.waitForURL(/\/class-journal\?/);
    await page.getByRole('heading', { name: 'Журнал класса', level: 1 }).waitFor();
    await page.getByRole('grid', { name: /Журнал: 5А, Математика/ }).waitFor();
    await expect.poll(() => page.getByLabel('Класс').inputValue()).toBe(classId);
    expect(new URL(page.url()).searchParams.get('classId')).toBe(classId);
    await shot(page, 'journal-monitoring-class-journal');
  });

  it('R-AUD-04 the activity tab lists the staff with their month\'s work', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, deputy.login);
    await page.goto('/monitoring/activity');
    const staff = page.getByRole('table', { name: 'Сотрудники' });
    const teacherRow = staff.getByRole('row', { name: /Смирнова Анна Петровна/ });
    await teacherRow.waitFor();
    // Two lessons filled this month; the deputy signed in (twice, in this test file).
    expect((await teacherRow.getByRole('cell').allTextContents()).slice(0, 2)).toEqual(['Учитель', '2']);
    expect(await staff.getByRole('row', { name: /Морозова Светлана Николаевна/ }).getByRole('cell').nth(3).textContent()).not.toBe('0');
  });
});
