import { Client } from 'pg';
import { federalHours, type StaffRole } from '@otmetka/contracts';
import type { AppConfig } from '../platform/config/config';
import { newId } from '../platform/database/ids';
import { hashPassword } from '../platform/auth/passwords';
import { PiiCipher } from '../platform/auth/crypto';
import { chainHash, type ChainedFields, GENESIS_HASH } from '../audit/log/audit-chain';
import { transliterate } from '../roster/people/accounts';
import { type CurriculumSummary, type CurriculumWorld, seedCurriculum } from './curriculum-seed';
import { type JournalSeedSummary, seedJournal } from './journal-seed';
import { SeedRows } from './seed-rows';
import { join } from 'node:path';
import { LocalDiskStorage } from '../journal/files/file-storage';
import { type PreviousYearSummary, seedPreviousYearArchive, seedPreviousYearMarks } from './previous-year-seed';

/**
 * DESIGN "Demo data": on the first start (no school yet) seeds one realistic school — СОШ № 17, г. Тверь — with
 * staff, 22 classes, ~500 students with their parents, last year's classes for history, English subgroups, an
 * interested person and the demo logins of scripts/demo-logins.json, and its curriculum (curriculum-seed.ts: periods,
 * bells, holidays, the approved plan, teacher load, timetable and КТП), and its journal of the current year up to today
 * (journal-seed.ts: lessons, topics, homework, marks, attendance, period marks). Everything is written in one transaction
 * with multi-row INSERTs; the data is generated from a fixed PRNG seed, so every fresh start (on the same day) produces the
 * same school. `opts.now` pins "today" (tests); it defaults to the server's clock.
 */
export async function seedDemoIfEmpty(url: string, config: AppConfig, opts: { now?: Date } = {}): Promise<void> {
  const client = new Client({ connectionString: url, application_name: 'otmetka-demo-seed' });
  await client.connect();
  try {
    await client.query('BEGIN');
    // Two API processes starting at once on an empty database must not seed two schools.
    await client.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    const existing = await client.query('SELECT 1 FROM schools LIMIT 1');
    if (existing.rows.length > 0) {
      await client.query('ROLLBACK');
      return;
    }
    const started = Date.now();
    const hashes = await hashDemoPasswords();
    const school = buildDemoSchool(new PiiCipher(config.piiKey), hashes);
    await school.rows.insertAll(client);
    // R-CUR-02..10: periods, plan, load, timetable and КТП of the same school, in the same transaction.
    const curriculum = await seedCurriculum(client, school.world);
    // Issue 4: the journal of the current year up to today (`opts.now`, default the server's clock), in the same transaction.
    const journal = await seedJournal(client, { schoolId: school.schoolId, academicYearId: school.world.currentYear.id }, opts.now ?? new Date());
    // Issue 6: last year's marks (closed year) and its archive: summary sheets of every class, journal packages of last year's 4А.
    const prevScope = { schoolId: school.schoolId, yearId: school.world.previousYear.id, adminUserId: school.world.adminUserId };
    const previousStarted = Date.now();
    const previousMarks = await seedPreviousYearMarks(client, prevScope);
    const archive = await seedPreviousYearArchive(client, new LocalDiskStorage(join(config.dataDir, 'files')), prevScope);
    const previousYear: PreviousYearSummary = { periodMarks: previousMarks, ...archive, ms: Date.now() - previousStarted };
    const summary: SeedSummary = { ...school.summary, curriculum, journal, previousYear };
    await recordSeedAudit(client, school.schoolId, summary);
    await client.query('COMMIT');
    const s = summary;
    console.log(`Demo school seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${s.classes} classes, ${s.students} students, `
      + `${s.guardians} parents, ${s.staff} staff, ${s.accounts} accounts; ${curriculum.teacherLoads} teacher loads, `
      + `${curriculum.timetableEntries} weekly lessons, ${curriculum.ktpTopics} КТП lessons; journal up to ${journal.today ?? '—'}: `
      + `${journal.lessons} lessons (${journal.todayLessons} today, empty), ${journal.marks} marks, ${journal.attendance} attendance entries, `
      + `${journal.homework} homework, ${journal.periodMarks} period marks; last year: ${previousYear.periodMarks} period/annual/final marks, `
      + `${previousYear.summarySheets} summary sheets, ${previousYear.journalPackages} journal packages (${(previousYear.ms / 1000).toFixed(1)} s)`);
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

const SEED_LOCK_KEY = 1764500017;
const SHARED_PASSWORD = 'demo12345';

// ---------------------------------------------------------------------------------------------------------------
// Rows, per table, in foreign-key order.

const COLUMNS = {
  schools: ['id', 'name', 'short_name', 'address', 'time_zone', 'phone', 'email', 'inn'],
  persons: ['id', 'last_name', 'first_name', 'middle_name', 'birth_date', 'gender', 'email', 'phone'],
  users: ['id', 'person_id', 'login', 'password_hash', 'must_change_password'],
  employments: ['id', 'school_id', 'person_id', 'roles', 'position', 'starts_on', 'hire_order_number'],
  academic_years: ['id', 'school_id', 'name', 'starts_on', 'ends_on', 'status'],
  classes: ['id', 'school_id', 'academic_year_id', 'grade', 'letter', 'class_teacher_id'],
  students: ['id', 'school_id', 'person_id', 'personal_file_number', 'snils_encrypted', 'snils_hash', 'address', 'status'],
  enrolments: ['id', 'school_id', 'student_id', 'class_id', 'starts_on', 'ends_on'],
  movements: ['id', 'school_id', 'student_id', 'kind', 'occurred_on', 'order_number', 'from_class_id', 'to_class_id', 'created_by'],
  guardians: ['id', 'school_id', 'person_id', 'application_number', 'application_date', 'identity_document', 'identity_checked_by',
    'identity_checked_at'],
  guardianships: ['school_id', 'guardian_id', 'student_id', 'relation'],
  interested_persons: ['id', 'school_id', 'person_id', 'student_id', 'designated_by', 'contact', 'valid_until'],
  subgroups: ['id', 'school_id', 'class_id', 'subject_name', 'name', 'teacher_id'],
  subgroup_members: ['school_id', 'subgroup_id', 'student_id'],
} as const;

type RosterRows = SeedRows<typeof COLUMNS>;

// ---------------------------------------------------------------------------------------------------------------
// Demo accounts (listed for people in scripts/demo-logins.json).

const DEMO_PASSWORDS = {
  admin: 'admin123', director: 'director123', deputy: 'deputy123', teacher: 'teacher123', operator: 'operator123',
  parent: 'parent123', student: 'student123', grandma: 'grandma123',
} as const;
type DemoLogin = keyof typeof DEMO_PASSWORDS;
type PasswordHashes = Record<DemoLogin | 'shared', string>;

/** argon2id is deliberately slow, so each distinct password is hashed once and the hash reused. */
async function hashDemoPasswords(): Promise<PasswordHashes> {
  const entries = await Promise.all([...Object.entries(DEMO_PASSWORDS), ['shared', SHARED_PASSWORD] as const]
    .map(async ([k, p]) => [k, await hashPassword(p)] as const));
  return Object.fromEntries(entries) as PasswordHashes;
}

// ---------------------------------------------------------------------------------------------------------------
// Names and places.

/** First names of children (born 2008–2019). */
const BOY_NAMES = ['Александр', 'Максим', 'Артём', 'Михаил', 'Иван', 'Дмитрий', 'Даниил', 'Кирилл', 'Андрей', 'Егор', 'Никита',
  'Илья', 'Алексей', 'Матвей', 'Тимофей', 'Роман', 'Владимир', 'Ярослав', 'Фёдор', 'Георгий', 'Константин', 'Лев', 'Марк',
  'Сергей', 'Николай', 'Степан', 'Арсений', 'Глеб', 'Павел', 'Денис', 'Евгений', 'Тимур', 'Владислав', 'Савелий', 'Захар',
  'Семён', 'Богдан', 'Платон', 'Макар', 'Святослав'];
const GIRL_NAMES = ['Анна', 'Мария', 'Софья', 'Алиса', 'Виктория', 'Полина', 'Елизавета', 'Александра', 'Дарья', 'Анастасия',
  'Варвара', 'Ксения', 'Вероника', 'Арина', 'Екатерина', 'Ева', 'Василиса', 'Валерия', 'Милана', 'Ульяна', 'Кира', 'Маргарита',
  'Алёна', 'Таисия', 'Вера', 'Есения', 'Злата', 'Диана', 'Юлия', 'Ольга', 'Мирослава', 'Николь', 'Агата', 'Стефания'];
/** Men's names with the patronymics they give a son and a daughter. */
const MEN: readonly [string, string, string][] = [
  ['Александр', 'Александрович', 'Александровна'], ['Алексей', 'Алексеевич', 'Алексеевна'], ['Андрей', 'Андреевич', 'Андреевна'],
  ['Антон', 'Антонович', 'Антоновна'], ['Артём', 'Артёмович', 'Артёмовна'], ['Василий', 'Васильевич', 'Васильевна'],
  ['Виктор', 'Викторович', 'Викторовна'], ['Владимир', 'Владимирович', 'Владимировна'], ['Вячеслав', 'Вячеславович', 'Вячеславовна'],
  ['Денис', 'Денисович', 'Денисовна'], ['Дмитрий', 'Дмитриевич', 'Дмитриевна'], ['Евгений', 'Евгеньевич', 'Евгеньевна'],
  ['Игорь', 'Игоревич', 'Игоревна'], ['Иван', 'Иванович', 'Ивановна'], ['Илья', 'Ильич', 'Ильинична'],
  ['Кирилл', 'Кириллович', 'Кирилловна'], ['Константин', 'Константинович', 'Константиновна'], ['Максим', 'Максимович', 'Максимовна'],
  ['Михаил', 'Михайлович', 'Михайловна'], ['Никита', 'Никитич', 'Никитична'], ['Николай', 'Николаевич', 'Николаевна'],
  ['Олег', 'Олегович', 'Олеговна'], ['Павел', 'Павлович', 'Павловна'], ['Роман', 'Романович', 'Романовна'],
  ['Руслан', 'Русланович', 'Руслановна'], ['Сергей', 'Сергеевич', 'Сергеевна'], ['Станислав', 'Станиславович', 'Станиславовна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'], ['Геннадий', 'Геннадьевич', 'Геннадьевна'], ['Анатолий', 'Анатольевич', 'Анатольевна'],
  ['Валерий', 'Валерьевич', 'Валерьевна'], ['Григорий', 'Григорьевич', 'Григорьевна'], ['Леонид', 'Леонидович', 'Леонидовна'],
  ['Пётр', 'Петрович', 'Петровна'], ['Фёдор', 'Фёдорович', 'Фёдоровна'], ['Борис', 'Борисович', 'Борисовна'],
  ['Вадим', 'Вадимович', 'Вадимовна'], ['Егор', 'Егорович', 'Егоровна'], ['Аркадий', 'Аркадьевич', 'Аркадьевна'],
];
/** Women's names for mothers and staff (born 1960–2000). */
const WOMEN_NAMES = ['Елена', 'Ольга', 'Наталья', 'Татьяна', 'Ирина', 'Светлана', 'Юлия', 'Анна', 'Екатерина', 'Мария', 'Марина',
  'Анастасия', 'Евгения', 'Ксения', 'Дарья', 'Виктория', 'Надежда', 'Оксана', 'Яна', 'Алёна', 'Кристина', 'Вера', 'Любовь',
  'Лариса', 'Жанна', 'Галина', 'Людмила', 'Валентина', 'Нина', 'Тамара', 'Инна', 'Элеонора', 'Маргарита', 'Полина'];
/** Surnames in the masculine form; `surnameFor` derives the feminine one. */
const SURNAMES = ['Иванов', 'Смирнов', 'Кузнецов', 'Попов', 'Васильев', 'Петров', 'Соколов', 'Михайлов', 'Новиков', 'Фёдоров',
  'Морозов', 'Волков', 'Алексеев', 'Лебедев', 'Семёнов', 'Егоров', 'Павлов', 'Козлов', 'Степанов', 'Николаев', 'Орлов', 'Андреев',
  'Макаров', 'Никитин', 'Захаров', 'Зайцев', 'Соловьёв', 'Борисов', 'Яковлев', 'Григорьев', 'Романов', 'Воробьёв', 'Сергеев',
  'Кузьмин', 'Фролов', 'Александров', 'Дмитриев', 'Королёв', 'Гусев', 'Киселёв', 'Ильин', 'Максимов', 'Поляков', 'Сорокин',
  'Виноградов', 'Ковалёв', 'Белов', 'Медведев', 'Антонов', 'Тарасов', 'Жуков', 'Баранов', 'Филиппов', 'Комаров', 'Давыдов',
  'Беляев', 'Герасимов', 'Богданов', 'Осипов', 'Сидоров', 'Матвеев', 'Титов', 'Марков', 'Миронов', 'Крылов', 'Куликов', 'Карпов',
  'Власов', 'Мельников', 'Денисов', 'Гаврилов', 'Тихонов', 'Казаков', 'Афанасьев', 'Данилов', 'Савельев', 'Тимофеев', 'Фомин',
  'Чернов', 'Абрамов', 'Мартынов', 'Ефимов', 'Федотов', 'Щербаков', 'Назаров', 'Калинин', 'Исаев', 'Чернышёв', 'Быков', 'Маслов',
  'Родионов', 'Коновалов', 'Лазарев', 'Воронин', 'Климов', 'Филатов', 'Пономарёв', 'Голубев', 'Кудрявцев', 'Прохоров', 'Наумов',
  'Потапов', 'Журавлёв', 'Овчинников', 'Трофимов', 'Леонов', 'Соболев', 'Ермаков', 'Колесников', 'Гончаров', 'Емельянов',
  'Никифоров', 'Грачёв', 'Котов', 'Гришин', 'Ефремов', 'Архипов', 'Громов', 'Кириллов', 'Малышев', 'Панов', 'Моисеев', 'Румянцев',
  'Акимов', 'Кондратьев', 'Бирюков', 'Горбунов', 'Анисимов', 'Ерёмин', 'Тихомиров', 'Галкин', 'Лукьянов', 'Михеев', 'Скворцов',
  'Юдин', 'Белоусов', 'Нестеров', 'Симонов', 'Прокофьев', 'Харитонов', 'Князев', 'Цветков', 'Левин', 'Митрофанов', 'Воронцов',
  'Суханов', 'Блинов', 'Логинов', 'Кудряшов', 'Вишневский', 'Покровский', 'Успенский', 'Троицкий', 'Шевченко', 'Бондаренко',
  'Коваленко', 'Черных', 'Седых', 'Ким', 'Толстой', 'Ларионов', 'Шубин', 'Рябов', 'Крюков', 'Полозов', 'Сазонов', 'Зуев'];
const STREETS = ['ул. Советская', 'Тверской пр-т', 'ул. Склизкова', 'ул. Хромова', 'б-р Радищева', 'ул. Новоторжская',
  'ул. Трёхсвятская', 'пр-т Победы', 'ул. Орджоникидзе', 'пр-т Чайковского', 'ул. Можайского', 'ул. Горького', 'ул. Паши Савельевой',
  'ул. Королёва', 'Волоколамский пр-т', 'ул. Озёрная', 'Смоленский пер.', 'ул. Вагжанова', 'пр-т 50 лет Октября', 'ул. Фадеева'];
const MOBILE_CODES = ['903', '904', '905', '906', '910', '915', '919', '920', '930', '950', '952', '960', '962', '977', '980', '996'];

/** R-ROS-03: surname in the form matching the gender (Петров → Петрова, Вишневский → Вишневская, Шевченко → Шевченко). */
export function surnameFor(masculine: string, gender: 'male' | 'female'): string {
  if (gender === 'male') return masculine;
  if (/(ский|цкий)$/.test(masculine)) return `${masculine.slice(0, -2)}ая`;
  if (/(ой|ый)$/.test(masculine)) return `${masculine.slice(0, -2)}ая`;
  if (/(ов|ев|ёв|ин|ын)$/.test(masculine)) return `${masculine}а`;
  return masculine;
}

/** A valid SNILS (11 digits): the control number is Σ digit × weight (9…1), reduced per the Pension Fund rules. */
export function snilsWithChecksum(body9: string): string {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body9[i]) * (9 - i);
  let control = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (control === 100) control = 0;
  return `${body9}${String(control).padStart(2, '0')}`;
}

/** A legal entity's INN (10 digits) with its check digit. */
function innWithCheck(body9: string): string {
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const sum = w.reduce((s, k, i) => s + k * Number(body9[i]), 0);
  return `${body9}${(sum % 11) % 10}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Deterministic randomness and dates.

class Random {
  constructor(private state: number) {}

  /** mulberry32 */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)];
  }

  digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += String(this.int(0, 9));
    return s;
  }

  shuffle<T>(list: T[]): T[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }

  phone(): string {
    return `+7 ${this.pick(MOBILE_CODES)} ${this.digits(3)}-${this.digits(2)}-${this.digits(2)}`;
  }

  /** A calendar date between two ISO dates, inclusive. */
  dateBetween(from: string, to: string): string {
    const a = Date.parse(`${from}T00:00:00Z`);
    const b = Date.parse(`${to}T00:00:00Z`);
    return new Date(a + this.int(0, Math.round((b - a) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
  }
}

/** 2026-08-28 → 28.08.2026 (as printed in an order number). */
const ruDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
const ruCompare = (a: string, b: string) => a.localeCompare(b, 'ru');

// ---------------------------------------------------------------------------------------------------------------
// The school.

const PREVIOUS_YEAR = { name: '2025/2026', startsOn: '2025-09-01', endsOn: '2026-05-26' } as const;
const CURRENT_YEAR = { name: '2026/2027', startsOn: '2026-09-01', endsOn: '2027-05-26' } as const;
const LETTERS = ['А', 'Б'] as const;
// The subject of the federal plan; the subgroups are the English groups of it.
const ENGLISH = 'Иностранный язык';
const ORDERS = {
  enrolFirstGrade: `12-у от ${ruDate('2026-08-28')}`,
  initialLoad: `9-у от ${ruDate('2025-08-29')}`,
  promotion: `47-у от ${ruDate('2026-05-29')}`,
};

interface Named {
  lastName: string;
  firstName: string;
  middleName: string;
  gender: 'male' | 'female';
}

interface StaffSpec {
  roles: StaffRole[];
  position: string;
  login?: DemoLogin;
  name?: Named;
  /** Class of the current year this person leads, e.g. '5А'. */
  leads?: string;
  english?: boolean;
  gender?: 'male' | 'female';
  /**
   * Staff added after the roster's first version take their random name, birth date and phone from a PRNG of their
   * own, so the rest of the school (students, parents) stays as it was.
   */
  late?: boolean;
}

const T_CT: StaffRole[] = ['teacher', 'class_teacher'];
const T: StaffRole[] = ['teacher'];
const person = (lastName: string, firstName: string, middleName: string, gender: 'male' | 'female'): Named =>
  ({ lastName, firstName, middleName, gender });

/** ~40 staff: administration, 22 class teachers, subject teachers, and the region's operator. */
const STAFF: StaffSpec[] = [
  { roles: ['director'], position: 'Директор', login: 'director', name: person('Кузнецова', 'Ирина', 'Владимировна', 'female') },
  { roles: ['deputy'], position: 'Заместитель директора по УВР', login: 'deputy', name: person('Морозова', 'Светлана', 'Николаевна', 'female') },
  { roles: ['deputy'], position: 'Заместитель директора по воспитательной работе' },
  { roles: ['deputy', 'teacher'], position: 'Заместитель директора по научно-методической работе, учитель физики', gender: 'male' },
  { roles: ['admin'], position: 'Администратор электронного журнала', login: 'admin', name: person('Никитин', 'Павел', 'Олегович', 'male') },
  { roles: ['operator'], position: 'Региональный оператор (Министерство образования Тверской области)', login: 'operator',
    name: person('Фёдоров', 'Максим', 'Игоревич', 'male') },
  ...['1А', '1Б', '2А', '2Б', '3А', '3Б', '4А', '4Б'].map((leads): StaffSpec =>
    ({ roles: T_CT, position: 'Учитель начальных классов', leads, gender: 'female' })),
  { roles: T_CT, position: 'Учитель математики', leads: '5А', login: 'teacher', name: person('Смирнова', 'Анна', 'Петровна', 'female') },
  { roles: T_CT, position: 'Учитель русского языка и литературы', leads: '5Б' },
  { roles: T_CT, position: 'Учитель английского языка', leads: '6А', english: true },
  { roles: T_CT, position: 'Учитель истории и обществознания', leads: '6Б' },
  { roles: T_CT, position: 'Учитель русского языка и литературы', leads: '7А' },
  { roles: T_CT, position: 'Учитель математики', leads: '7Б' },
  { roles: T_CT, position: 'Учитель биологии', leads: '8А' },
  { roles: T_CT, position: 'Учитель английского языка', leads: '8Б', english: true },
  { roles: T_CT, position: 'Учитель географии', leads: '9А' },
  { roles: T_CT, position: 'Учитель русского языка и литературы', leads: '9Б' },
  { roles: T_CT, position: 'Учитель химии', leads: '10А' },
  { roles: T_CT, position: 'Учитель математики', leads: '10Б' },
  { roles: T_CT, position: 'Учитель истории и обществознания', leads: '11А', gender: 'male' },
  { roles: T_CT, position: 'Учитель английского языка', leads: '11Б', english: true },
  { roles: T, position: 'Учитель информатики', gender: 'male' },
  { roles: T, position: 'Учитель английского языка', english: true },
  { roles: T, position: 'Учитель английского языка', english: true },
  { roles: T, position: 'Учитель английского языка', english: true },
  { roles: T, position: 'Учитель физической культуры', gender: 'male' },
  { roles: T, position: 'Учитель физической культуры' },
  { roles: T, position: 'Учитель музыки' },
  { roles: T, position: 'Учитель изобразительного искусства' },
  { roles: T, position: 'Учитель труда (технологии)', gender: 'male' },
  { roles: T, position: 'Преподаватель-организатор ОБЗР', gender: 'male' },
  { roles: T, position: 'Учитель русского языка и литературы' },
  { roles: T, position: 'Учитель математики' },
  // The deputy teaches physics in 10–11 only; grades 7–9 have their own physics teacher (R-CUR-06).
  { roles: T, position: 'Учитель физики', late: true },
];

/** The demo family: the `parent` (mother) of a 5А student (`student`) and a 2Б girl; the grandmother (`grandma`) watches 5А. */
const DEMO_FAMILY = {
  surname: 'Соколов',
  father: person('Соколов', 'Дмитрий', 'Андреевич', 'male'),
  mother: person('Соколова', 'Елена', 'Викторовна', 'female'),
  children: [
    { className: '5А', name: person('Соколов', 'Артём', 'Дмитриевич', 'male'), birthDate: '2015-04-17', login: 'student' as const },
    { className: '2Б', name: person('Соколова', 'Полина', 'Дмитриевна', 'female'), birthDate: '2018-10-03' },
  ],
  grandmother: person('Соколова', 'Валентина', 'Ивановна', 'female'),
};

interface SeedSummary {
  classes: number;
  previousYearClasses: number;
  students: number;
  guardians: number;
  staff: number;
  accounts: number;
  curriculum?: CurriculumSummary;
  journal?: JournalSeedSummary;
  previousYear?: PreviousYearSummary;
}

interface ClassSlot {
  id: string;
  grade: number;
  letter: string;
  name: string;
  teacherId: string;
  previousId: string | null;
  size: number;
  students: { id: string; name: Named }[];
}

interface Family {
  surname: string;
  father: Named;
  mother: Named;
  guardians: ('father' | 'mother')[];
  address: string;
  children: { cls: ClassSlot; name?: Named; birthDate?: string; login?: DemoLogin }[];
  demo: boolean;
}

/** Builds every row of the demo school in memory (no database access). */
function buildDemoSchool(cipher: PiiCipher, hashes: PasswordHashes): { schoolId: string; rows: RosterRows; summary: SeedSummary; world: CurriculumWorld } {
  const rnd = new Random(17);
  const lateRnd = new Random(1717);
  const rows = new SeedRows(COLUMNS);
  const schoolId = newId();
  const takenLogins = new Set<string>(Object.keys(DEMO_PASSWORDS));
  let accounts = 0;

  const loginFor = (n: Named): string => {
    const base = `${transliterate(n.lastName) || 'user'}.${transliterate(n.firstName).slice(0, 1)}${transliterate(n.middleName).slice(0, 1)}`;
    let login = base;
    for (let i = 2; takenLogins.has(login); i++) login = `${base}${i}`;
    takenLogins.add(login);
    return login;
  };
  const addPerson = (n: Named, birthDate: string | null, contact: { phone?: string | null; email?: string | null } = {}): string => {
    const id = newId();
    rows.add('persons', { id, last_name: n.lastName, first_name: n.firstName, middle_name: n.middleName, birth_date: birthDate,
      gender: n.gender, email: contact.email ?? null, phone: contact.phone ?? null });
    return id;
  };
  const addUser = (personId: string, login: string, demo?: DemoLogin): string => {
    const id = newId();
    rows.add('users', { id, person_id: personId, login, password_hash: hashes[demo ?? 'shared'], must_change_password: false });
    accounts++;
    return id;
  };
  const randomAdult = (gender: 'male' | 'female', surname?: string, r: Random = rnd): Named => ({
    lastName: surnameFor(surname ?? r.pick(SURNAMES), gender),
    firstName: gender === 'male' ? r.pick(MEN)[0] : r.pick(WOMEN_NAMES),
    middleName: r.pick(MEN)[gender === 'male' ? 1 : 2],
    gender,
  });

  rows.add('schools', {
    id: schoolId, name: 'МБОУ «Средняя общеобразовательная школа № 17»',
    short_name: 'СОШ № 17', address: '170100, Тверская область, г. Тверь, ул. Советская, д. 17', time_zone: 'Europe/Moscow',
    phone: '+7 4822 34-17-17', email: 'school17@example.com', inn: innWithCheck('695001734'),
  });
  const previousYearId = newId();
  const currentYearId = newId();
  rows.add('academic_years', { id: previousYearId, school_id: schoolId, name: PREVIOUS_YEAR.name, starts_on: PREVIOUS_YEAR.startsOn,
    ends_on: PREVIOUS_YEAR.endsOn, status: 'closed' });
  rows.add('academic_years', { id: currentYearId, school_id: schoolId, name: CURRENT_YEAR.name, starts_on: CURRENT_YEAR.startsOn,
    ends_on: CURRENT_YEAR.endsOn, status: 'open' });

  // Staff (R-ROS-02).
  const leaderOf = new Map<string, string>();
  const englishTeachers: string[] = [];
  const staff: CurriculumWorld['staff'] = [];
  let adminPersonId = '';
  let adminUserId = '';
  let directorUserId = '';
  STAFF.forEach((spec, i) => {
    const r = spec.late ? lateRnd : rnd;
    const name = spec.name ?? randomAdult(spec.gender ?? (r.chance(0.85) ? 'female' : 'male'), undefined, r);
    const birthYear = spec.login === 'operator' ? 1988 : r.int(1962, 1998);
    const login = spec.login ?? loginFor(name);
    const personId = addPerson(name, r.dateBetween(`${birthYear}-01-01`, `${birthYear}-12-31`),
      { phone: r.phone(), email: `${login}@example.com` });
    const userId = addUser(personId, login, spec.login);
    const hiredYear = Math.min(2025, birthYear + r.int(22, 35));
    const hired = r.dateBetween(`${hiredYear}-08-20`, `${hiredYear}-08-31`);
    rows.add('employments', { id: newId(), school_id: schoolId, person_id: personId, roles: spec.roles, position: spec.position,
      starts_on: hired, hire_order_number: `${i + 3}-к от ${ruDate(hired)}` });
    staff.push({ personId, position: spec.position, roles: spec.roles });
    if (spec.leads) leaderOf.set(spec.leads, personId);
    if (spec.english) englishTeachers.push(personId);
    if (spec.login === 'admin') {
      adminPersonId = personId;
      adminUserId = userId;
    }
    if (spec.login === 'director') directorUserId = userId;
  });

  // Classes (R-ROS-06): 1А–11Б this year; 1А–10Б last year. Class teachers of 5–11 lead "their" class on from last year;
  // a primary teacher takes a class from 1st to 4th grade, then a new 1st grade.
  const classes: ClassSlot[] = [];
  for (let grade = 1; grade <= 11; grade++) {
    for (const letter of LETTERS) {
      const name = `${grade}${letter}`;
      const teacherId = leaderOf.get(name);
      if (!teacherId) throw new Error(`Demo seed: no class teacher for ${name}`);
      const cls: ClassSlot = { id: newId(), grade, letter, name, teacherId, previousId: grade > 1 ? newId() : null,
        size: rnd.int(21, 25), students: [] };
      classes.push(cls);
      rows.add('classes', { id: cls.id, school_id: schoolId, academic_year_id: currentYearId, grade, letter, class_teacher_id: teacherId });
    }
  }
  for (const cls of classes) {
    if (!cls.previousId) continue;
    const lastYearGrade = cls.grade - 1;
    const teacherName = lastYearGrade === 4 ? `1${cls.letter}` : cls.name;
    rows.add('classes', { id: cls.previousId, school_id: schoolId, academic_year_id: previousYearId, grade: lastYearGrade,
      letter: cls.letter, class_teacher_id: leaderOf.get(teacherName) ?? null });
  }
  const classByName = new Map(classes.map((c) => [c.name, c]));

  // Families: one child each, ~10% with two children in different grades; parents share a surname and an address.
  const seats: ClassSlot[] = [];
  for (const cls of classes) for (let i = 0; i < cls.size; i++) seats.push(cls);
  const takeSeat = (name: string) => seats.splice(seats.indexOf(classByName.get(name)!), 1)[0];
  const families: Family[] = [{
    surname: DEMO_FAMILY.surname, father: DEMO_FAMILY.father, mother: DEMO_FAMILY.mother, guardians: ['mother', 'father'],
    address: 'г. Тверь, ул. Склизкова, д. 48, кв. 112', demo: true,
    children: DEMO_FAMILY.children.map((c) => ({ cls: takeSeat(c.className), name: c.name, birthDate: c.birthDate, login: c.login })),
  }];
  rnd.shuffle(seats);
  while (seats.length > 0) {
    const first = seats.pop()!;
    const children: Family['children'] = [{ cls: first }];
    if (rnd.chance(0.1)) {
      const k = seats.findIndex((s) => Math.abs(s.grade - first.grade) >= 2);
      if (k >= 0) children.push({ cls: seats.splice(k, 1)[0] });
    }
    const surname = rnd.pick(SURNAMES);
    const father = randomAdult('male', surname);
    const mother = randomAdult('female', surname);
    const r = rnd.next();
    const guardians: Family['guardians'] = r < 0.7 ? ['mother', 'father'] : r < 0.94 ? ['mother'] : ['father'];
    const flat = rnd.chance(0.85) ? `, кв. ${rnd.int(1, 180)}` : '';
    families.push({ surname, father, mother, guardians, address: `г. Тверь, ${rnd.pick(STREETS)}, д. ${rnd.int(1, 120)}${flat}`,
      children, demo: false });
  }

  // Students (R-ROS-03) with enrolment history (R-ROS-08), parents (R-ROS-04) and accounts (R-ROS-10).
  const fileNumbers = new Map<string, number>();
  let applicationNo = 0;
  let demoStudentId = '';
  let demoMotherGuardianId = '';
  for (const family of families) {
    const kids: { studentId: string; grade: number }[] = [];
    const usedFirstNames = new Set<string>();
    for (const child of family.children) {
      const cls = child.cls;
      let name = child.name;
      if (!name) {
        const gender = rnd.chance(0.5) ? 'male' : 'female';
        let firstName = rnd.pick(gender === 'male' ? BOY_NAMES : GIRL_NAMES);
        while (usedFirstNames.has(firstName)) firstName = rnd.pick(gender === 'male' ? BOY_NAMES : GIRL_NAMES);
        const fatherName = MEN.find((m) => m[0] === family.father.firstName)!;
        name = { lastName: surnameFor(family.surname, gender), firstName, middleName: fatherName[gender === 'male' ? 1 : 2], gender };
      }
      usedFirstNames.add(name.firstName);
      // R-ROS-03: a 1st-grader of 2026/2027 was born in 2019 (a few in the autumn of 2018), and so on up the grades.
      const birthYear = 2020 - cls.grade;
      const birthDate = child.birthDate ?? (rnd.chance(0.1)
        ? rnd.dateBetween(`${birthYear - 1}-09-01`, `${birthYear - 1}-12-31`) : rnd.dateBetween(`${birthYear}-01-01`, `${birthYear}-12-31`));
      const personId = addPerson(name, birthDate, cls.grade >= 7 && rnd.chance(0.6) ? { phone: rnd.phone() } : {});
      const studentId = newId();
      const letter = name.lastName[0];
      const fileNo = (fileNumbers.get(letter) ?? 0) + 1;
      fileNumbers.set(letter, fileNo);
      const snils = snilsWithChecksum(`${rnd.int(100, 199)}${rnd.digits(6)}`);
      rows.add('students', { id: studentId, school_id: schoolId, person_id: personId,
        personal_file_number: `${letter}-${String(fileNo).padStart(3, '0')}/${2027 - cls.grade}`,
        snils_encrypted: cipher.encrypt(snils), snils_hash: cipher.lookupHash(snils), address: family.address, status: 'studying' });
      rows.add('enrolments', { id: newId(), school_id: schoolId, student_id: studentId, class_id: cls.id, starts_on: CURRENT_YEAR.startsOn,
        ends_on: null });
      if (cls.previousId) {
        rows.add('enrolments', { id: newId(), school_id: schoolId, student_id: studentId, class_id: cls.previousId,
          starts_on: PREVIOUS_YEAR.startsOn, ends_on: PREVIOUS_YEAR.endsOn });
        rows.add('movements', { id: newId(), school_id: schoolId, student_id: studentId, kind: 'enrol', occurred_on: PREVIOUS_YEAR.startsOn,
          order_number: ORDERS.initialLoad, from_class_id: null, to_class_id: cls.previousId, created_by: adminUserId });
        rows.add('movements', { id: newId(), school_id: schoolId, student_id: studentId, kind: 'promote', occurred_on: CURRENT_YEAR.startsOn,
          order_number: ORDERS.promotion, from_class_id: cls.previousId, to_class_id: cls.id, created_by: adminUserId });
      } else {
        rows.add('movements', { id: newId(), school_id: schoolId, student_id: studentId, kind: 'enrol', occurred_on: CURRENT_YEAR.startsOn,
          order_number: ORDERS.enrolFirstGrade, from_class_id: null, to_class_id: cls.id, created_by: adminUserId });
      }
      if (cls.grade >= 5 || child.login) addUser(personId, child.login ?? loginFor(name), child.login);
      if (child.login === 'student') demoStudentId = studentId;
      cls.students.push({ id: studentId, name });
      kids.push({ studentId, grade: cls.grade });
    }

    // The application for diary access is made when the family's first child joins (last year, or this August for 1st grade).
    const newFamily = kids.every((k) => k.grade === 1);
    const appliedOn = newFamily ? rnd.dateBetween('2026-08-17', '2026-09-04') : rnd.dateBetween('2025-08-25', '2025-09-19');
    const oldest = Math.max(...kids.map((k) => k.grade));
    for (const who of family.guardians) {
      const name = family[who];
      const parentBirthYear = 2020 - oldest - rnd.int(who === 'father' ? 25 : 23, 38);
      const login = family.demo && who === 'mother' ? 'parent' : loginFor(name);
      const personId = addPerson(name, family.demo ? (who === 'mother' ? '1986-02-11' : '1984-07-30')
        : rnd.dateBetween(`${parentBirthYear}-01-01`, `${parentBirthYear}-12-31`),
      { phone: rnd.phone(), email: rnd.chance(0.6) ? `${login}@example.com` : null });
      addUser(personId, login, login === 'parent' ? 'parent' : undefined);
      const guardianId = newId();
      applicationNo++;
      rows.add('guardians', { id: guardianId, school_id: schoolId, person_id: personId,
        application_number: `${applicationNo}/${appliedOn.slice(0, 4)}`, application_date: appliedOn, identity_document: 'паспорт',
        identity_checked_by: adminPersonId,
        identity_checked_at: `${appliedOn}T${String(rnd.int(9, 16)).padStart(2, '0')}:${String(rnd.int(0, 59)).padStart(2, '0')}:00+03:00` });
      for (const k of kids) rows.add('guardianships', { school_id: schoolId, guardian_id: guardianId, student_id: k.studentId, relation: 'parent' });
      if (family.demo && who === 'mother') demoMotherGuardianId = guardianId;
    }
  }

  // R-ROS-05: the demo mother lets the grandmother follow Артём's (5А) diary until the end of the school year.
  const grandmaPhone = '+7 915 204-17-58';
  const grandmaId = addPerson(DEMO_FAMILY.grandmother, '1958-03-08', { phone: grandmaPhone });
  addUser(grandmaId, 'grandma', 'grandma');
  rows.add('interested_persons', { id: newId(), school_id: schoolId, person_id: grandmaId, student_id: demoStudentId,
    designated_by: demoMotherGuardianId, contact: grandmaPhone, valid_until: '2027-05-31' });

  // R-ROS-07: English in grades 2–11 is taught in two groups: the first half of the class list and the second, each
  // with its own teacher (R-CUR-06): a class teacher who teaches English takes the 1st group of their own class, the
  // other groups go to the English teacher with the fewest weekly hours so far.
  const englishTeacherOf = assignEnglishGroups(classes, englishTeachers);
  const subgroups: CurriculumWorld['subgroups'] = [];
  for (const cls of classes) {
    if (cls.grade < 2) continue;
    const list = [...cls.students].sort((a, b) => ruCompare(`${a.name.lastName} ${a.name.firstName}`, `${b.name.lastName} ${b.name.firstName}`));
    const half = Math.ceil(list.length / 2);
    [list.slice(0, half), list.slice(half)].forEach((members, g) => {
      const subgroupId = newId();
      const teacherId = englishTeacherOf(cls, g);
      rows.add('subgroups', { id: subgroupId, school_id: schoolId, class_id: cls.id, subject_name: ENGLISH, name: `${g + 1} группа`,
        teacher_id: teacherId });
      subgroups.push({ id: subgroupId, classId: cls.id, subjectName: ENGLISH, name: `${g + 1} группа`, teacherId });
      for (const m of members) rows.add('subgroup_members', { school_id: schoolId, subgroup_id: subgroupId, student_id: m.id });
    });
  }

  return {
    schoolId,
    rows,
    world: {
      schoolId, directorUserId, adminUserId, staff, subgroups,
      currentYear: { id: currentYearId, startsOn: CURRENT_YEAR.startsOn, endsOn: CURRENT_YEAR.endsOn },
      previousYear: { id: previousYearId, startsOn: PREVIOUS_YEAR.startsOn, endsOn: PREVIOUS_YEAR.endsOn },
      classes: classes.map((c) => ({ id: c.id, grade: c.grade, letter: c.letter, teacherId: c.teacherId })),
    },
    summary: {
      classes: classes.length,
      previousYearClasses: classes.filter((c) => c.previousId).length,
      students: rows.count('students'),
      guardians: rows.count('guardians'),
      staff: rows.count('employments'),
      accounts,
    },
  };
}

/**
 * The teachers of the two English groups of every class of grades 2–11. Weekly hours per group are the federal
 * hours of the grade; the class teacher of a class, when an English teacher, takes its 1st group; every other group
 * goes to the least loaded English teacher (ties: staff order) who does not teach the other group of that class.
 */
function assignEnglishGroups(classes: readonly ClassSlot[], teachers: readonly string[]): (cls: ClassSlot, group: number) => string {
  const hours = new Map(teachers.map((t) => [t, 0]));
  const chosen = new Map<string, string>();
  const give = (cls: ClassSlot, group: number, teacher: string) => {
    chosen.set(`${cls.id}:${group}`, teacher);
    hours.set(teacher, (hours.get(teacher) ?? 0) + (federalHours('Иностранный язык', cls.grade) ?? 0));
  };
  const split = classes.filter((c) => c.grade >= 2);
  for (const cls of split) if (teachers.includes(cls.teacherId)) give(cls, 0, cls.teacherId);
  for (const cls of split) {
    for (const group of [0, 1]) {
      if (chosen.has(`${cls.id}:${group}`)) continue;
      const other = chosen.get(`${cls.id}:${1 - group}`);
      const free = teachers.filter((t) => t !== other);
      give(cls, group, free.reduce((best, t) => ((hours.get(t) ?? 0) < (hours.get(best) ?? 0) ? t : best), free[0]));
    }
  }
  return (cls, group) => chosen.get(`${cls.id}:${group}`) as string;
}

/** R-AUD-01/02: one chained entry for the seed, exactly as AuditService.record writes it (the first of the school's chain). */
async function recordSeedAudit(client: Client, schoolId: string, summary: SeedSummary): Promise<void> {
  const fields: ChainedFields = {
    schoolKey: schoolId,
    seq: 1,
    occurredAt: new Date().toISOString(),
    actorUserId: null,
    actorRole: null,
    action: 'demo.seed',
    entity: 'school',
    entityId: schoolId,
    before: null,
    after: JSON.parse(JSON.stringify(summary)),
    reason: 'Демонстрационные данные при первом запуске',
    requestId: null,
  };
  const hash = chainHash(GENESIS_HASH, fields);
  await client.query(
    `INSERT INTO audit_events (school_key, seq, occurred_at, actor_user_id, actor_role, action, entity, entity_id,
       before, after, reason, request_id, prev_hash, hash)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
    [fields.schoolKey, fields.seq, fields.occurredAt, null, null, fields.action, fields.entity, fields.entityId, null,
      JSON.stringify(fields.after), fields.reason, null, GENESIS_HASH, hash],
  );
  await client.query(`INSERT INTO audit_chain_heads (school_key, last_seq, last_hash) VALUES ($1, 1, $2)`, [schoolId, hash]);
}
