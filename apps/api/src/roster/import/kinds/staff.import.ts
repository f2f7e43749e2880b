import { Injectable } from '@nestjs/common';
import type { StaffRole } from '@otmetka/contracts';
import type { EntityManager } from 'typeorm';
import { generatePassword, hashPassword } from '../../../platform/auth/passwords';
import { newId } from '../../../platform/database/ids';
import { uniqueLogin } from '../../people/accounts';
import { fullName } from '../../people/person.entity';
import { insertRows } from '../bulk';
import { parseDate, parseEmail, parseGender, parseLogin, parseName, parsePhone, parseRoles, text } from '../fields';
import {
  type ColumnSpec, type CreatedAccount, type Fail, type ImportContext, type ImportHandler, markDuplicates, personKey, type PersonName, type Row,
  RowReader,
} from '../import-kind';

export interface StaffRow {
  lastName: string;
  firstName: string;
  middleName: string | null;
  roles: StaffRole[];
  position: string;
  startsOn: string;
  hireOrderNumber: string | null;
  login: string | null;
  birthDate: string | null;
  gender: 'male' | 'female' | null;
  email: string | null;
  phone: string | null;
}

const COLUMNS: ColumnSpec[] = [
  { key: 'lastName', ru: 'Фамилия', required: true },
  { key: 'firstName', ru: 'Имя', required: true },
  { key: 'middleName', ru: 'Отчество', required: false },
  { key: 'roles', ru: 'Роли', required: true },
  { key: 'position', ru: 'Должность', required: true },
  { key: 'startsOn', ru: 'Дата приёма', required: true },
  { key: 'hireOrderNumber', ru: 'Номер приказа о приёме', required: false },
  { key: 'login', ru: 'Логин', required: false },
  { key: 'birthDate', ru: 'Дата рождения', required: false },
  { key: 'gender', ru: 'Пол', required: false },
  { key: 'email', ru: 'Электронная почта', required: false },
  { key: 'phone', ru: 'Телефон', required: false },
];

/**
 * R-ROS-11 staff: person, employment with roles and an account per row, as POST /staff does (R-ROS-02); the
 * one-time passwords are answered once, in the import report, and never stored or logged.
 */
@Injectable()
export class StaffImport implements ImportHandler<StaffRow> {
  readonly columns = COLUMNS;

  parse(r: RowReader): StaffRow | null {
    const v = {
      lastName: r.read('lastName', parseName, true), firstName: r.read('firstName', parseName, true), middleName: r.read('middleName', parseName),
      roles: r.read('roles', parseRoles, true), position: r.read('position', text(200, 2), true), startsOn: r.read('startsOn', parseDate, true),
      hireOrderNumber: r.read('hireOrderNumber', text(50)), login: r.read('login', parseLogin), birthDate: r.read('birthDate', parseDate),
      gender: r.read('gender', parseGender), email: r.read('email', parseEmail), phone: r.read('phone', parsePhone),
    };
    const { lastName, firstName, roles, position, startsOn } = v;
    return lastName && firstName && roles && position && startsOn ? { ...v, lastName, firstName, roles, position, startsOn } : null;
  }

  async check(ctx: ImportContext, rows: Row<StaffRow>[], fail: Fail): Promise<void> {
    const logins = rows.map((r) => r.value.login).filter((l): l is string => !!l);
    const taken = new Set((await ctx.tx.query(`SELECT lower(login) AS login FROM users WHERE lower(login) = ANY($1)`, [logins]) as { login: string }[])
      .map((r) => r.login));
    // Keys are lower-cased here, not in SQL: lower() of a C-locale database leaves Cyrillic as it is.
    const employed = new Set((await ctx.tx.query(
      `SELECT p.last_name AS "lastName", p.first_name AS "firstName", p.middle_name AS "middleName" FROM employments e JOIN persons p ON p.id = e.person_id
        WHERE e.school_id = $1 AND e.dismissed_at IS NULL`, [ctx.schoolId]) as PersonName[]).map((p) => personKey(p)));
    for (const { line, value: v } of rows) {
      // Only an operator grants the operator role (as in POST /staff).
      if (v.roles.includes('operator') && ctx.role !== 'operator') fail(line, 'roles', 'only an operator grants the operator role');
      if (v.login && taken.has(v.login)) fail(line, 'login', `the login ${v.login} is taken`);
      if (employed.has(personKey(v))) fail(line, 'lastName', `${fullName(v)} already works at this school`);
    }
    markDuplicates(rows, (v) => v.login, 'login', fail, 'login');
    markDuplicates(rows, (v) => personKey(v, v.birthDate), 'lastName', fail, 'person');
  }

  async write(ctx: ImportContext, rows: Row<StaffRow>[]): Promise<{ created: number; accounts: CreatedAccount[] }> {
    const passwords = rows.map(() => generatePassword());
    // argon2 runs on the libuv pool: hashing in parallel keeps a staff list of 100 within a couple of seconds.
    const hashes = await Promise.all(passwords.map((p) => hashPassword(p)));
    const made = rows.map(({ line, value: v }, i) => ({ line, v, personId: newId(), employmentId: newId(), userId: newId(), password: passwords[i], hash: hashes[i] }));
    await insertRows(ctx.tx, 'persons', [['id', 'uuid'], ['last_name', 'text'], ['first_name', 'text'], ['middle_name', 'text'], ['birth_date', 'date'],
      ['gender', 'text'], ['email', 'text'], ['phone', 'text']],
    made.map(({ v, personId }) => [personId, v.lastName, v.firstName, v.middleName, v.birthDate, v.gender, v.email, v.phone]));
    // Roles travel as "a,b" per row because unnest cannot yield an array per row from a 2-D array.
    await ctx.tx.query(
      `INSERT INTO employments (id, school_id, person_id, roles, position, starts_on, hire_order_number)
       SELECT u.id, $1, u.person_id, string_to_array(u.roles, ','), u.position, u.starts_on, u.hire_order_number
         FROM unnest($2::uuid[], $3::uuid[], $4::text[], $5::text[], $6::date[], $7::text[]) AS u(id, person_id, roles, position, starts_on, hire_order_number)`,
      [ctx.schoolId, made.map((m) => m.employmentId), made.map((m) => m.personId), made.map((m) => m.v.roles.join(',')), made.map((m) => m.v.position),
        made.map((m) => m.v.startsOn), made.map((m) => m.v.hireOrderNumber)]);
    const accounts: CreatedAccount[] = [];
    for (const m of made) {
      // One by one: each generated login must see the ones created before it.
      const login = m.v.login ?? (await uniqueLogin(ctx.tx, m.v.lastName, m.v.firstName, m.v.middleName));
      await ctx.tx.query(`INSERT INTO users (id, person_id, login, password_hash, must_change_password) VALUES ($1, $2, $3, $4, true)`,
        [m.userId, m.personId, login, m.hash]);
      const name = fullName(m.v);
      accounts.push({ line: m.line, fullName: name, login, initialPassword: m.password });
      await ctx.audit.record(ctx.tx, { schoolId: ctx.schoolId, actor: ctx.actor, role: ctx.role, action: 'staff.create', entity: 'staff', entityId: m.employmentId,
        after: { id: m.employmentId, schoolId: ctx.schoolId, personId: m.personId, fullName: name, lastName: m.v.lastName, firstName: m.v.firstName,
          middleName: m.v.middleName, roles: m.v.roles, position: m.v.position, startsOn: m.v.startsOn, endsOn: null, login, status: 'active', version: 1 },
        reason: ctx.reason });
    }
    return { created: made.length, accounts };
  }

  async exportRows(tx: EntityManager, schoolId: string) {
    const rows: Record<string, string | null>[] = await tx.query(
      `SELECT p.last_name, p.first_name, p.middle_name, array_to_string(e.roles, ',') AS roles, e.position, e.starts_on::text, e.hire_order_number,
              u.login, p.birth_date::text, p.gender, p.email, p.phone
         FROM employments e JOIN persons p ON p.id = e.person_id LEFT JOIN users u ON u.person_id = p.id
        WHERE e.school_id = $1 AND e.dismissed_at IS NULL ORDER BY p.last_name, p.first_name, p.middle_name`, [schoolId]);
    return { columns: COLUMNS.map((c) => c.key), rows: rows.map((r) => Object.values(r)) };
  }
}
