import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Clock } from '../../src/platform/clock';
import { newId } from '../../src/platform/database/ids';
import { FILE_STORAGE, type FileStorage } from '../../src/journal/files/file-storage';
import { PlanningRows } from '../curriculum/planning-fixtures';
import type { MadeUser } from '../support/factories';
import { createTestApp, type TestApp } from '../support/test-app';

/** Week 2026-W49 (school in Moscow, UTC+3): Monday 30 November … Saturday 5 December 2026. */
export const MON = '2026-11-30';
export const TUE = '2026-12-01';
export const WED = '2026-12-02';
export const THU = '2026-12-03';
export const FRI = '2026-12-04';
export const SAT = '2026-12-05';
export const NEXT_MON = '2026-12-07';

/** A test app whose files live in a temporary directory. */
export const diaryApp = (): Promise<TestApp> => createTestApp({ DATA_DIR: mkdtempSync(join(tmpdir(), 'diary-')) });

/** Fixes the server's clock at a Moscow wall-clock time ('2026-12-02T10:00'); null returns to real time. */
export const setNow = (t: TestApp, moscow: string | null) => t.app.get(Clock).set(moscow === null ? null : `${moscow}+03:00`);

/** Today (real time) in Moscow, shifted by `days`. */
export const moscowDay = (days = 0): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow' }).format(new Date(Date.now() + days * 86_400_000));

export const PDF_BYTES = Buffer.from('%PDF-1.4\n% домашнее задание\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n');
export const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Journal rows a diary test arranges directly with SQL: the diary only reads them (the journal writes them through its own API). */
export class JournalRows {
  constructor(private readonly t: TestApp) {}

  private get db() {
    return this.t.db;
  }

  async lesson(schoolId: string, yearId: string, l: { classId: string; date: string; lessonNumber: number; subjectId: string; teacherId: string;
    subgroupId?: string | null; substituteTeacherId?: string | null; roomId?: string | null; topic?: string | null; cancelled?: boolean;
    entryId?: string | null }): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO lessons (id, school_id, academic_year_id, date, lesson_number, class_id, subgroup_id, subject_id, teacher_id,
      substitute_teacher_id, room_id, timetable_entry_id, topic, cancelled) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [id, schoolId, yearId, l.date, l.lessonNumber, l.classId, l.subgroupId ?? null, l.subjectId, l.teacherId, l.substituteTeacherId ?? null,
      l.roomId ?? null, l.entryId ?? null, l.topic ?? null, l.cancelled ?? false]);
    return id;
  }

  async homework(schoolId: string, lessonId: string, text: string, dueDate: string | null): Promise<void> {
    await this.db.query(`INSERT INTO homework (id, school_id, lesson_id, text, due_date) VALUES ($1,$2,$3,$4,$5)`, [newId(), schoolId, lessonId, text, dueDate]);
  }

  /** A homework file with its bytes in the journal's file storage. */
  async homeworkFile(schoolId: string, lessonId: string, fileName = 'задачи.pdf', bytes = PDF_BYTES): Promise<string> {
    const id = newId();
    const key = `${schoolId}/homework/${lessonId}/${id}`;
    await this.t.app.get<FileStorage>(FILE_STORAGE).put(key, bytes);
    await this.db.query(`INSERT INTO homework_files (id, school_id, lesson_id, file_name, content_type, size_bytes, sha256, storage_key)
      VALUES ($1,$2,$3,$4,'application/pdf',$5,$6,$7)`, [id, schoolId, lessonId, fileName, bytes.length, sha256(bytes), key]);
    return id;
  }

  async mark(schoolId: string, lessonId: string, studentId: string, value: string, workType = 'answer', weight = 1, comment: string | null = null): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO marks (id, school_id, lesson_id, student_id, value, work_type, weight, comment) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [id, schoolId, lessonId, studentId, value, workType, weight, comment]);
    return id;
  }

  async attendance(schoolId: string, lessonId: string, studentId: string, code: string, minutesLate: number | null = null): Promise<void> {
    await this.db.query(`INSERT INTO attendance (school_id, lesson_id, student_id, code, minutes_late) VALUES ($1,$2,$3,$4,$5)`,
      [schoolId, lessonId, studentId, code, minutesLate]);
  }

  async remark(schoolId: string, lessonId: string, studentId: string, text: string): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO remarks (id, school_id, lesson_id, student_id, text) VALUES ($1,$2,$3,$4,$5)`, [id, schoolId, lessonId, studentId, text]);
    return id;
  }

  async workType(schoolId: string, code: string, name: string, weight: number): Promise<void> {
    await this.db.query(`INSERT INTO work_types (id, school_id, code, name, weight) VALUES ($1,$2,$3,$4,$5)`, [newId(), schoolId, code, name, weight]);
  }

  async period(schoolId: string, yearId: string, number: number, startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO study_periods (id, school_id, academic_year_id, grade_from, grade_to, kind, number, name, starts_on, ends_on)
      VALUES ($1,$2,$3,$4,$5,'quarter',$6,$7,$8,$9)`, [id, schoolId, yearId, gradeFrom, gradeTo, number, `${number} четверть`, startsOn, endsOn]);
    return id;
  }

  async periodMark(schoolId: string, m: { yearId: string; studentId: string; subjectId: string; classId: string; kind: string; periodId?: string | null;
    value: string }): Promise<void> {
    await this.db.query(`INSERT INTO period_marks (id, school_id, academic_year_id, student_id, subject_id, class_id, kind, period_id, value)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`, [newId(), schoolId, m.yearId, m.studentId, m.subjectId, m.classId, m.kind, m.periodId ?? null, m.value]);
  }

  async externalMark(schoolId: string, m: { studentId: string; subjectId: string; date: string; value: string; workType: string; weight: number }): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO external_marks (id, school_id, student_id, subject_id, date, value, work_type, weight, institution, basis_document)
      VALUES ($1,$2,$3,$4,$5,$6,$7,$8,'Больничная школа № 1','Справка № 15')`, [id, schoolId, m.studentId, m.subjectId, m.date, m.value, m.workType, m.weight]);
    return id;
  }
}

/** An interested person designated by a parent for a student, with a signed-in account. */
export async function interestedPerson(t: TestApp, schoolId: string, studentId: string, guardianId: string,
  over: { validUntil?: string | null; revoked?: boolean; lastName?: string } = {}): Promise<MadeUser & { id: string }> {
  const personId = await t.make.person({ lastName: over.lastName ?? 'Бабушкина', firstName: 'Вера' });
  const id = newId();
  await t.db.query(`INSERT INTO interested_persons (id, school_id, person_id, student_id, designated_by, valid_until, revoked_at)
    VALUES ($1,$2,$3,$4,$5,$6,$7)`, [id, schoolId, personId, studentId, guardianId, over.validUntil ?? null, over.revoked ? new Date() : null]);
  const login = await t.make.account(personId);
  const { token } = await t.make.signIn(login);
  return { id, userId: '', personId, login, token, auth: { Authorization: `Bearer ${token}` } };
}

/** An integration token of the school with the given scopes (created by its admin through the API). */
export async function integrationToken(t: TestApp, schoolId: string, admin: MadeUser, scopes: string[]): Promise<{ Authorization: string }> {
  const res = await t.http.post('/api/v1/integration-tokens').set(admin.auth).send({ schoolId, name: `Интеграция ${scopes.join(' ')}`, scopes });
  if (res.status !== 200 && res.status !== 201) throw new Error(`token: ${res.status} ${JSON.stringify(res.body)}`);
  return { Authorization: `Bearer ${res.body.token}` };
}

/**
 * A school in Moscow with an open 2026/2027 year and bells (lesson n at 08:00 + (n−1)·55 min):
 *  - 5А (class teacher Классова, who teaches Russian there): students A (Смирнов Иван) and A2 (Кузнецова Мария); maths by Учителева;
 *  - 6Б (class teacher Другова, who teaches maths there): student B (Жуков Олег);
 *  - the 5А timetable: Mon 1 maths, Tue 1 Russian, Wed 2 maths, Thu 1 Russian, Fri 3 maths (room 12);
 *  - lessons generated Monday to Wednesday of 2026-W49; Monday's maths has a topic, homework due Wednesday with a PDF, A's 5 for a control
 *    work (weight 2) and a remark, A2's 3 and A2 absent (Б); Thursday and Friday come from the timetable.
 */
export async function diaryWorld(t: TestApp) {
  const rows = new PlanningRows(t.db);
  const j = new JournalRows(t);
  const school = await t.make.school({ name: 'МБОУ СОШ № 5', timeZone: 'Europe/Moscow' });
  const yearId = await t.make.year(school.id);
  await rows.bells(school.id, yearId);
  const [admin, deputy, director, mathTeacher, classTeacher, otherTeacher] = await Promise.all([
    t.make.staff(school.id, ['admin'], { lastName: 'Админова' }),
    t.make.staff(school.id, ['deputy'], { lastName: 'Завучева' }),
    t.make.staff(school.id, ['director'], { lastName: 'Директорова' }),
    t.make.staff(school.id, ['teacher'], { lastName: 'Учителева' }),
    t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Классова' }),
    t.make.staff(school.id, ['teacher', 'class_teacher'], { lastName: 'Другова' }),
  ]);
  const maths = await rows.subject(school.id, 'Математика');
  const russian = await rows.subject(school.id, 'Русский язык');
  const room = await rows.room(school.id, '12');
  const c5a = await t.make.schoolClass(school.id, yearId, 5, 'А', classTeacher.personId);
  const c6b = await t.make.schoolClass(school.id, yearId, 6, 'Б', otherTeacher.personId);
  const a = await t.make.student(school.id, c5a, { lastName: 'Смирнов', firstName: 'Иван' });
  const a2 = await t.make.student(school.id, c5a, { lastName: 'Кузнецова', firstName: 'Мария' });
  const b = await t.make.student(school.id, c6b, { lastName: 'Жуков', firstName: 'Олег' });
  await rows.load(school.id, yearId, { teacherId: mathTeacher.personId, classId: c5a, subjectId: maths, weeklyHours: 3 });
  await rows.load(school.id, yearId, { teacherId: classTeacher.personId, classId: c5a, subjectId: russian, weeklyHours: 2 });
  await rows.load(school.id, yearId, { teacherId: otherTeacher.personId, classId: c6b, subjectId: maths, weeklyHours: 3 });
  const entry = (weekday: number, lessonNumber: number, subjectId: string, teacherId: string) =>
    rows.entry(school.id, yearId, { weekday, lessonNumber, classId: c5a, subjectId, teacherId, roomId: room });
  const entries = {
    mathsMon: await entry(1, 1, maths, mathTeacher.personId), russianTue: await entry(2, 1, russian, classTeacher.personId),
    mathsWed: await entry(3, 2, maths, mathTeacher.personId), russianThu: await entry(4, 1, russian, classTeacher.personId),
    mathsFri: await entry(5, 3, maths, mathTeacher.personId),
  };
  await rows.entry(school.id, yearId, { weekday: 1, lessonNumber: 1, classId: c6b, subjectId: maths, teacherId: otherTeacher.personId });
  await j.workType(school.id, 'control', 'Контрольная работа', 2);
  await j.workType(school.id, 'answer', 'Ответ на уроке', 1);
  const lesson = (date: string, lessonNumber: number, subjectId: string, teacherId: string, entryId: string, topic: string | null = null) =>
    j.lesson(school.id, yearId, { classId: c5a, date, lessonNumber, subjectId, teacherId, roomId: room, entryId, topic });
  const mon = await lesson(MON, 1, maths, mathTeacher.personId, entries.mathsMon, 'Сложение дробей');
  const tue = await lesson(TUE, 1, russian, classTeacher.personId, entries.russianTue, 'Правописание приставок');
  const wed = await lesson(WED, 2, maths, mathTeacher.personId, entries.mathsWed);
  const bMon = await j.lesson(school.id, yearId, { classId: c6b, date: MON, lessonNumber: 1, subjectId: maths, teacherId: otherTeacher.personId, topic: 'Проценты' });
  await j.homework(school.id, mon, '№ 245, 247', WED);
  const fileId = await j.homeworkFile(school.id, mon);
  const bFileId = await j.homeworkFile(school.id, bMon, 'проценты.pdf');
  const markA = await j.mark(school.id, mon, a.id, '5', 'control', 2, 'Отлично');
  const markA2 = await j.mark(school.id, mon, a2.id, '3', 'answer', 1);
  const markB = await j.mark(school.id, bMon, b.id, '4', 'answer', 1);
  await j.attendance(school.id, mon, a2.id, 'Б');
  const remarkA = await j.remark(school.id, mon, a.id, 'Активно работал');
  const [parentA, parentB, studentA, studentB] = await Promise.all([
    t.make.parent(school.id, [a.id]), t.make.parent(school.id, [b.id]), t.make.studentAccount(a.personId), t.make.studentAccount(b.personId),
  ]);
  return { rows, j, school, yearId, admin, deputy, director, mathTeacher, classTeacher, otherTeacher, maths, russian, room, c5a, c6b, a, a2, b,
    entries, lessons: { mon, tue, wed, bMon }, fileId, bFileId, marks: { markA, markA2, markB }, remarkA, parentA, parentB, studentA, studentB };
}
export type DiaryWorld = Awaited<ReturnType<typeof diaryWorld>>;
