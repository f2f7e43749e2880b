import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../api/src/platform/database/ids';
import { PlanningRows } from '../../api/test/curriculum/planning-fixtures';
import { shot, signIn, startWorld, type BrowserWorld } from './support/browser-harness';

const TZ = 'Europe/Moscow';
const localDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
const plusDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const ru = (date: string) => date.split('-').reverse().join('.');

/**
 * R-DIA-10 and R-DIA-11 in the journal: the deputy sees who has not visited the diary in the last 7 days in any class and the threads
 * whose reply is overdue; the class teacher sees only their own class, and their overdue thread marked in «Сообщения».
 */
describe('diary visits and overdue replies (Chromium)', () => {
  let world: BrowserWorld;
  let deputy: { login: string };
  let classTeacher: { personId: string; login: string };
  const today = localDate(new Date());

  beforeAll(async () => {
    world = await startWorld('journal');
    const { seed, db } = world;
    const schoolId = await seed.school('МБОУ СОШ № 3 г. Твери');
    // An open year around today, whatever the month.
    const yearId = newId();
    await db.query(`INSERT INTO academic_years (id, school_id, name, starts_on, ends_on, status) VALUES ($1,$2,'Текущий',$3,$4,'open')`,
      [yearId, schoolId, plusDays(today, -90), plusDays(today, 90)]);
    await new PlanningRows(db).bells(schoolId, yearId);
    const c5 = await seed.schoolClass(schoolId, yearId, 5, 'А');
    const c6 = await seed.schoolClass(schoolId, yearId, 6, 'Б');
    deputy = await seed.staff(schoolId, ['deputy'], ['Завучева', 'Ольга', 'Ивановна']);
    classTeacher = await seed.staff(schoolId, ['teacher', 'class_teacher'], ['Классова', 'Нина', 'Павловна']);
    await db.query(`UPDATE classes SET class_teacher_id = $1 WHERE id = $2`, [classTeacher.personId, c5]);

    const start = plusDays(today, -90);
    const anna = await seed.student(schoolId, c5, start, ['Антонова', 'Анна']);
    const boris = await seed.student(schoolId, c5, start, ['Борисов', 'Борис']);
    const vera = await seed.student(schoolId, c6, start, ['Веселова', 'Вера']);
    const annaPerson = await studentPerson(anna);
    await seed.account(annaPerson);
    const mother = await seed.parent(schoolId, [anna], ['Антонова', 'Мария', 'Петровна']);
    await db.query(`UPDATE guardianships SET relation = 'mother' WHERE student_id = $1`, [anna]);
    const father = await seed.parent(schoolId, [boris], ['Борисов', 'Олег', 'Ильич']);
    await seed.parent(schoolId, [vera], ['Веселов', 'Пётр', 'Сергеевич']);
    // Anna visited yesterday, her mother 10 days ago; Boris has no account; his father never visited.
    await visit(schoolId, annaPerson, 'student', plusDays(today, -1));
    await visit(schoolId, mother.personId, 'parent', plusDays(today, -10));

    // A question of Boris's father to the class teacher, waiting for two weeks: overdue.
    const threadId = newId();
    await db.query(`INSERT INTO message_threads (id, school_id, student_id, teacher_id, family_person_id, family_role, started_by, subject, created_at,
                      last_message_at, awaiting_reply_since) VALUES ($1,$2,$3,$4,$5,'parent','family','Справка о болезни',$6,$6,$6)`,
    [threadId, schoolId, boris, classTeacher.personId, father.personId, `${plusDays(today, -14)}T09:00:00+03:00`]);
    await db.query(`INSERT INTO messages (id, school_id, thread_id, author_person_id, recipient_person_id, text, created_at) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [newId(), schoolId, threadId, father.personId, classTeacher.personId, 'Куда принести справку?', `${plusDays(today, -14)}T09:00:00+03:00`]);

    async function studentPerson(studentId: string): Promise<string> {
      return (await db.query(`SELECT person_id FROM students WHERE id = $1`, [studentId]))[0].person_id;
    }
    async function visit(school: string, personId: string, role: string, day: string): Promise<void> {
      await db.query(`INSERT INTO diary_visits (user_id, day, school_id, person_id, role) SELECT id, $2, $3, person_id, $4 FROM users WHERE person_id = $1`,
        [personId, day, school, role]);
    }
  });

  afterAll(async () => {
    await world?.close();
  });

  it('R-DIA-10 R-DIA-11 the deputy sees who has not visited the diary in any class, and the overdue replies', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, deputy.login);
    await page.locator('#main-nav').getByRole('link', { name: 'Посещения дневника' }).click();
    await page.getByRole('heading', { name: 'Посещения дневника', level: 1 }).waitFor();
    const classSelect = page.getByLabel('Класс', { exact: true });
    await expect.poll(() => classSelect.locator('option').allTextContents()).toEqual(['5А', '6Б']);
    const rows = page.getByTestId('visits-row');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await page.getByTestId('visits-summary').textContent())
      .toBe('Не заходили за последние 7 дней: обучающихся — 1 из 2, родителей — 2 из 2.');
    const anna = rows.filter({ hasText: 'Антонова Анна' });
    expect(await anna.locator('td').first().textContent()).toBe(ru(plusDays(today, -1)));
    expect(await anna.locator('td').nth(1).textContent()).toBe(`Антонова Мария Петровна (мать): ${ru(plusDays(today, -10))}не заходил(а) 7 дней`);
    const boris = rows.filter({ hasText: 'Борисов Борис' });
    expect(await boris.locator('td').first().textContent()).toBe('нет учётной записине заходил(а) 7 дней');
    expect(await boris.locator('td').nth(1).textContent()).toBe('Борисов Олег Ильич (родитель): не заходил(а)не заходил(а) 7 дней');
    expect(await page.locator('.visits-stale').count()).toBe(3);
    await shot(page, 'journal-diary-visits');

    await classSelect.selectOption({ label: '6Б' });
    await expect.poll(() => rows.first().textContent()).toContain('Веселова Вера');
    expect(await rows.count()).toBe(1);

    await page.locator('#main-nav').getByRole('link', { name: /^Сообщения/ }).click();
    await page.getByRole('link', { name: 'Просроченные ответы' }).click();
    const overdue = page.getByRole('row', { name: /Классова Нина Павловна/ });
    await overdue.waitFor();
    const text = await overdue.textContent();
    expect(text).toContain('Борисов Борис (5А)');
    expect(text).toContain('Борисов Олег Ильич, родитель');
    expect(text).not.toContain('Куда принести справку?');
    await shot(page, 'journal-overdue-replies');
  });

  it('R-DIA-10 R-DIA-11 the class teacher sees only their class, and their unanswered thread marked overdue', async () => {
    const page = await (await world.context()).newPage();
    await signIn(page, classTeacher.login);
    await page.locator('#main-nav').getByRole('link', { name: 'Посещения дневника' }).click();
    const classSelect = page.getByLabel('Класс', { exact: true });
    await expect.poll(() => classSelect.locator('option').allTextContents()).toEqual(['5А']);
    await expect.poll(() => page.getByTestId('visits-row').count()).toBe(2);

    const menu = page.locator('#main-nav').getByRole('link', { name: /^Сообщения/ });
    await expect.poll(() => menu.textContent()).toBe('Сообщения (1 непрочит.)');
    await menu.click();
    const row = page.getByRole('row', { name: /Справка о болезни/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('просрочено');
    expect(await page.getByRole('link', { name: 'Просроченные ответы' }).count()).toBe(0);
    await page.goto('/messages/overdue');
    await page.getByText('Список просроченных ответов доступен заместителю директора, директору и администратору.').waitFor();
  });
});
