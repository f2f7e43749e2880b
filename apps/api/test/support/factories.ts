import type { Role } from '@otmetka/contracts';
import type request from 'supertest';
import { DataSource } from 'typeorm';
import { newId } from '../../src/platform/database/ids';
import { hashPassword } from '../../src/platform/auth/passwords';

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;
const hashed = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export interface MadeUser {
  userId: string;
  personId: string;
  login: string;
  token: string;
  auth: { Authorization: string };
}

let counter = 0;
const uniq = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Builds valid rows directly in the database, with overrides; each test arranges what it needs. */
export class Factories {
  constructor(private readonly db: DataSource, private readonly http: ReturnType<typeof request>) {}

  async school(over: Partial<{ name: string; timeZone: string }> = {}): Promise<{ id: string; name: string }> {
    const id = newId();
    const name = over.name ?? `Школа ${uniq()}`;
    await this.db.query(`INSERT INTO schools (id, name, short_name, address, time_zone) VALUES ($1,$2,$2,'г. Тверь',$3)`,
      [id, name, over.timeZone ?? 'Europe/Moscow']);
    return { id, name };
  }

  async person(over: Partial<{ lastName: string; firstName: string; middleName: string }> = {}): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO persons (id, last_name, first_name, middle_name) VALUES ($1,$2,$3,$4)`,
      [id, over.lastName ?? 'Тестов', over.firstName ?? 'Тест', over.middleName ?? null]);
    return id;
  }

  async account(personId: string, login = `u${uniq()}`): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO users (id, person_id, login, password_hash) VALUES ($1,$2,$3,$4)`, [id, personId, login, await hashed()]);
    return login;
  }

  async signIn(login: string, password = TEST_PASSWORD): Promise<{ token: string; refreshToken: string }> {
    const res = await this.http.post('/api/v1/auth/login').send({ login, password });
    if (res.status !== 200) throw new Error(`login ${login} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return { token: res.body.accessToken, refreshToken: res.body.refreshToken };
  }

  /** A staff member with roles in a school, signed in. */
  async staff(schoolId: string, roles: Role[], over: Partial<{ lastName: string }> = {}): Promise<MadeUser & { employmentId: string }> {
    const personId = await this.person({ lastName: over.lastName ?? 'Учителева' });
    const employmentId = newId();
    await this.db.query(`INSERT INTO employments (id, school_id, person_id, roles, position, starts_on) VALUES ($1,$2,$3,$4,'Учитель','2020-08-25')`,
      [employmentId, schoolId, personId, roles]);
    const login = await this.account(personId);
    const { token } = await this.signIn(login);
    return { userId: '', personId, login, token, auth: { Authorization: `Bearer ${token}` }, employmentId };
  }

  async year(schoolId: string, over: Partial<{ name: string; startsOn: string; endsOn: string; status: string }> = {}): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO academic_years (id, school_id, name, starts_on, ends_on, status) VALUES ($1,$2,$3,$4,$5,$6)`,
      [id, schoolId, over.name ?? '2026/2027', over.startsOn ?? '2026-09-01', over.endsOn ?? '2027-05-31', over.status ?? 'open']);
    return id;
  }

  async schoolClass(schoolId: string, yearId: string, grade = 5, letter = 'А', classTeacherId: string | null = null): Promise<string> {
    const id = newId();
    await this.db.query(`INSERT INTO classes (id, school_id, academic_year_id, grade, letter, class_teacher_id) VALUES ($1,$2,$3,$4,$5,$6)`,
      [id, schoolId, yearId, grade, letter, classTeacherId]);
    return id;
  }

  /** A studying student enrolled in a class (from the year's start). */
  async student(schoolId: string, classId: string, over: Partial<{ lastName: string; firstName: string }> = {}): Promise<{ id: string; personId: string }> {
    const personId = await this.person({ lastName: over.lastName ?? 'Учеников', firstName: over.firstName ?? 'Пётр' });
    const id = newId();
    await this.db.query(`INSERT INTO students (id, school_id, person_id) VALUES ($1,$2,$3)`, [id, schoolId, personId]);
    await this.db.query(`INSERT INTO enrolments (id, school_id, student_id, class_id, starts_on) VALUES ($1,$2,$3,$4,'2026-09-01')`,
      [newId(), schoolId, id, classId]);
    return { id, personId };
  }

  /** A parent of the given students, signed in. */
  async parent(schoolId: string, studentIds: string[]): Promise<MadeUser & { guardianId: string }> {
    const personId = await this.person({ lastName: 'Родителева' });
    const guardianId = newId();
    await this.db.query(`INSERT INTO guardians (id, school_id, person_id) VALUES ($1,$2,$3)`, [guardianId, schoolId, personId]);
    for (const s of studentIds) {
      await this.db.query(`INSERT INTO guardianships (school_id, guardian_id, student_id) VALUES ($1,$2,$3)`, [schoolId, guardianId, s]);
    }
    const login = await this.account(personId);
    const { token } = await this.signIn(login);
    return { userId: '', personId, login, token, auth: { Authorization: `Bearer ${token}` }, guardianId };
  }

  /** A signed-in student account for an existing student. */
  async studentAccount(personId: string): Promise<MadeUser> {
    const login = await this.account(personId);
    const { token } = await this.signIn(login);
    return { userId: '', personId, login, token, auth: { Authorization: `Bearer ${token}` } };
  }
}
