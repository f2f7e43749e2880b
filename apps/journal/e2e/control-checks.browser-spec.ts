import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../api/src/audit/log/audit.service';
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
 * R-AUD-05 and R-AUD-03 in the browser: the deputy records a check of Смирнова's maths journal of 5А with a remark; the teacher sees it on
 * «Мой день» and marks it fixed; the deputy accepts it; in the class journal Alt+click on a cell shows the mark's change history.
 */
describe('control checks and change history (Chromium)', () => {
  let world: BrowserWorld;
  let deputy: { personId: string; login: string };
  let teacher: { personId: string; login: string };
  let classId: string;
  let subjectId: string;
  const today = localDate(new Date());
  const due = plusDays(today, 7);

  beforeAll(async () => {
    world = await startWorld('journal');
    const { seed, db } = world;
    const schoolId = await seed.school('МБОУ СОШ № 7 г. Твери');
    const y = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) >= 9 ? 0 : 1);
    const startsOn = [`${y}-09-01`, plusDays(today, -90)].sort()[0];
    const yearId = newId();
    await db.query(`INSERT INTO academic_years (id, school_id, name, starts_on, ends_on, status) VALUES ($1,$2,$3,$4,$5,'open')`,
      [yearId, schoolId, `${y}/${y + 1}`, startsOn, `${y + 1}-08-31`]);
    await db.query(`INSERT INTO study_periods (id, school_id, academic_year_id, grade_from, grade_to, kind, number, name, starts_on, ends_on)
      VALUES ($1,$2,$3,1,11,'quarter',2,'2 четверть',$4,$5)`, [newId(), schoolId, yearId, startsOn, plusDays(today, 30)]);
    deputy = await seed.staff(schoolId, ['deputy'], ['Морозова', 'Светлана', 'Николаевна'], 'morozova.cc');
    teacher = await seed.staff(schoolId, ['teacher'], ['Смирнова', 'Анна', 'Петровна'], 'smirnova.cc');
    classId = await seed.schoolClass(schoolId, yearId, 5, 'А');
    const student = await seed.student(schoolId, classId, startsOn, ['Алексеев', 'Иван']);
    subjectId = newId();
    await db.query(`INSERT INTO subjects (id, school_id, name, short_name) VALUES ($1,$2,'Математика','Матем.')`, [subjectId, schoolId]);
    await db.query(`INSERT INTO teacher_loads (id, school_id, academic_year_id, teacher_id, class_id, subject_id, weekly_hours, status)
      VALUES ($1,$2,$3,$4,$5,$6,5,'approved')`, [newId(), schoolId, yearId, teacher.personId, classId, subjectId]);
    // A lesson with a mark of 4, entered through a lesson save (its audit entry is what the history reads).
    const lessonId = newId();
    const markId = newId();
    await db.query(`INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subject_id, teacher_id, source, held, topic,
        first_entered_at) VALUES ($1,$2,$3,$4,1,$5,$6,$7,'extra',true,'Натуральные числа',now())`,
    [lessonId, schoolId, yearId, plusDays(today, -1), classId, subjectId, teacher.personId]);
    await db.query(`INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight) VALUES ($1,$2,$3,$4,'4','answer',1)`,
      [markId, schoolId, lessonId, student]);
    const [user] = await db.query(`SELECT id FROM users WHERE login = $1`, [teacher.login]);
    await world.api.get(AuditService).recordAlone({ schoolId, role: 'teacher', action: 'lesson.save', entity: 'lesson', entityId: lessonId,
      actor: { principal: { kind: 'user', userId: user.id, personId: teacher.personId, login: teacher.login, memberships: [] }, requestId: 'seed' },
      before: { version: 1, marks: { [markId]: null } },
      after: { version: 2, marks: { [markId]: { studentId: student, value: '4', workType: 'answer', weight: 1, comment: null, enteredLate: false } } } });
  });

  afterAll(async () => {
    await world?.close();
  });

  it('R-AUD-05 the deputy records a check, the teacher fixes the remark from «Мой день», the deputy accepts it', async () => {
    const dp = await (await world.context()).newPage();
    await signIn(dp, deputy.login);
    await dp.getByRole('navigation', { name: 'Основная навигация' }).getByRole('link', { name: 'Контроль ведения журналов' }).click();
    await dp.getByRole('heading', { name: 'Контроль ведения журналов', level: 1 }).waitFor();
    await dp.getByRole('button', { name: 'Новая проверка' }).click();
    const form = dp.getByRole('form', { name: 'Новая проверка' });
    await form.getByLabel('Журнал (учитель, класс, предмет)').selectOption({ label: 'Смирнова Анна Петровна — 5А, Математика' });
    expect(await form.getByLabel('Дата проверки').inputValue()).toBe(today);
    await form.getByLabel('Вид проверки').selectOption({ label: 'Тематическая' });
    await form.getByLabel('Итог проверки (справка)').fill('Журнал ведётся, не везде записаны темы');
    await form.getByRole('textbox', { name: /^Замечание 1/ }).fill('Не записаны темы уроков за прошлую неделю');
    await form.getByLabel('Срок устранения').fill(due);
    await shot(dp, 'journal-control-check-form');
    await form.getByRole('button', { name: 'Сохранить проверку' }).click();
    const card = dp.getByRole('region', { name: 'Проверка журнала: Смирнова А. П., 5А, Математика' });
    await card.waitFor();
    await card.getByText('Не записаны темы уроков за прошлую неделю').waitFor();
    await card.getByText('Не устранено', { exact: true }).waitFor();

    const tp = await (await world.context()).newPage();
    await signIn(tp, teacher.login);
    const block = tp.getByTestId('my-day-remarks');
    await block.getByRole('heading', { name: 'Замечания по ведению журнала' }).waitFor();
    await block.getByText('Не записаны темы уроков за прошлую неделю').waitFor();
    await shot(tp, 'journal-my-day-remarks');
    await block.getByRole('button', { name: 'Отметить исправленным' }).click();
    await block.getByRole('textbox', { name: /^Что исправлено/ }).fill('Темы записаны');
    await block.getByRole('button', { name: 'Отметить исправленным' }).click();
    await block.getByText('Исправлено, ждёт приёмки').waitFor();

    await dp.reload();
    const remark = dp.getByTestId('cc-remark').filter({ hasText: 'Не записаны темы уроков за прошлую неделю' });
    await remark.getByText('Комментарий учителя: Темы записаны').waitFor();
    await remark.getByRole('button', { name: 'Принять' }).click();
    await remark.getByRole('textbox', { name: /^Комментарий/ }).fill('Проверено');
    await remark.getByRole('button', { name: 'Принять' }).click();
    // The check is closed now: it leaves the default "open" list; the report counts it as accepted.
    await dp.getByText('Проверок не найдено.').waitFor();
    await dp.getByRole('tab', { name: 'Отчёт' }).click();
    const row = dp.getByRole('row', { name: /Смирнова А\. П\./ });
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toBe('Смирнова А. П.');
    // checks, remarks, not fixed, awaiting acceptance, accepted, overdue
    expect(await row.getByRole('cell').allTextContents()).toEqual(['1', '1', '0', '0', '1', '0']);
    await shot(dp, 'journal-control-report');
  });

  it('R-AUD-03 the deputy opens the history of a mark from the class journal (Alt+click)', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, deputy.login);
    await page.goto(`/class-journal?classId=${classId}&subjectId=${subjectId}`);
    const grid = page.getByRole('grid', { name: /Журнал: 5А, Математика/ });
    await grid.waitFor();
    const cell = grid.locator('[data-cell="0:0"]');
    await cell.click({ modifiers: ['Alt'] });
    const dialog = page.getByRole('dialog', { name: /История изменений: Алексеев Иван/ });
    await dialog.waitFor();
    await dialog.getByText('Отметка: — → 4').waitFor();
    await dialog.getByText(/Смирнова Анна Петровна/).waitFor();
    await shot(page, 'journal-mark-history');
  });
});
