import { CLASS_LETTER_PATTERN, MAX_GRADE, MIN_GRADE, ROLE_LABELS_RU, STAFF_ROLES, type StaffRole } from '@otmetka/contracts';
import { GUARDIAN_RELATIONS } from '../guardians/guardian.dto';
import { normaliseSnils } from '../students/snils';

/** The value of a cell, or why it is wrong. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(message: string): Parsed<T> => ({ ok: false, message });

/** Same rule as the person DTOs: letters, spaces, hyphens, apostrophes. */
const NAME = /^[A-Za-zА-Яа-яЁё' -]+$/;
export function parseName(s: string): Parsed<string> {
  if (s.length > 100) return bad('must be at most 100 characters');
  return NAME.test(s) ? ok(s.replace(/\s+/g, ' ')) : bad('must contain letters, spaces, hyphens or apostrophes only');
}

/** dd.mm.yyyy (as Russians write and Excel shows) or ISO yyyy-mm-dd; the day must exist. Answers ISO. */
export function parseDate(s: string): Parsed<string> {
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso8601 = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  const parts = ru ? [ru[3], ru[2], ru[1]] : iso8601 ? [iso8601[1], iso8601[2], iso8601[3]] : null;
  if (!parts) return bad('must be a date like 01.09.2026 or 2026-09-01');
  const [y, mo, d] = parts;
  const iso = `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) return bad(`${s} is not a real date`);
  if (Number(y) < 1900 || Number(y) > 2100) return bad('must be between 1900 and 2100');
  return ok(iso);
}

const GENDERS: Record<string, 'male' | 'female'> = {
  male: 'male', m: 'male', м: 'male', муж: 'male', мужской: 'male',
  female: 'female', f: 'female', ж: 'female', жен: 'female', женский: 'female',
};
export function parseGender(s: string): Parsed<'male' | 'female'> {
  const g = GENDERS[s.toLowerCase().replace(/\.$/, '')];
  return g ? ok(g) : bad('must be male/female (or м/ж)');
}

// Latin letters that look Cyrillic: "5A" typed on an English layout means 5А.
const LOOKALIKES: Record<string, string> = { A: 'А', B: 'В', E: 'Е', K: 'К', M: 'М', H: 'Н', O: 'О', P: 'Р', C: 'С', T: 'Т', X: 'Х', Y: 'У' };
const LETTER = new RegExp(CLASS_LETTER_PATTERN);
export function normaliseLetter(s: string): string {
  return [...s.trim().toUpperCase()].map((ch) => LOOKALIKES[ch] ?? ch).join('');
}
export function parseLetter(s: string): Parsed<string> {
  const letter = normaliseLetter(s);
  return LETTER.test(letter) ? ok(letter) : bad('must be one or two Cyrillic capital letters, e.g. А');
}
export function parseGrade(s: string): Parsed<number> {
  const n = Number(s);
  return Number.isInteger(n) && n >= MIN_GRADE && n <= MAX_GRADE ? ok(n) : bad(`must be a whole number ${MIN_GRADE}–${MAX_GRADE}`);
}

/** A class reference such as "5А", "5 А", "11-Б" or "5a". */
export function parseClassRef(s: string): Parsed<{ grade: number; letter: string; name: string }> {
  const m = /^(\d{1,2})\s*-?\s*(\S{1,2})$/.exec(s.trim());
  if (!m) return bad('must be a class like 5А');
  const grade = parseGrade(m[1]);
  const letter = parseLetter(m[2]);
  if (!grade.ok || !letter.ok) return bad('must be a class like 5А');
  return ok({ grade: grade.value, letter: letter.value, name: `${grade.value}${letter.value}` });
}

const ROLE_BY_NAME = new Map<string, StaffRole>(STAFF_ROLES.flatMap((r) => [[r, r], [ROLE_LABELS_RU[r].toLowerCase(), r]] as [string, StaffRole][]));
/** Roles separated by `,`, `;`, `|` or `/`: keys (teacher) or Russian names (Учитель). */
export function parseRoles(s: string): Parsed<StaffRole[]> {
  const parts = s.split(/[,;|/]+/).map((p) => p.trim().toLowerCase()).filter(Boolean);
  if (!parts.length) return bad('at least one role is required');
  const roles: StaffRole[] = [];
  for (const p of parts) {
    const r = ROLE_BY_NAME.get(p);
    if (!r) return bad(`unknown role "${p}"; use ${STAFF_ROLES.join(', ')}`);
    if (!roles.includes(r)) roles.push(r);
  }
  return ok(roles);
}

const RELATIONS: Record<string, (typeof GUARDIAN_RELATIONS)[number]> = {
  ...Object.fromEntries(GUARDIAN_RELATIONS.map((r) => [r, r])),
  мать: 'mother', мама: 'mother', отец: 'father', папа: 'father', опекун: 'guardian', попечитель: 'trustee', другое: 'other', иное: 'other',
};
export function parseRelation(s: string): Parsed<(typeof GUARDIAN_RELATIONS)[number]> {
  const r = RELATIONS[s.toLowerCase()];
  return r ? ok(r) : bad(`must be one of ${GUARDIAN_RELATIONS.join(', ')} (or мать, отец, опекун, попечитель)`);
}

/** SNILS with its checksum; a number Excel stripped of leading zeros is padded back to 11 digits. */
export function parseSnils(s: string): Parsed<string> {
  const digits = /^\d{1,10}$/.test(s) ? s.padStart(11, '0') : s;
  const v = normaliseSnils(digits);
  return v ? ok(v) : bad('is not a valid SNILS (check digits)');
}

export function parseLogin(s: string): Parsed<string> {
  const l = s.toLowerCase();
  return /^[a-z0-9._-]{3,60}$/.test(l) ? ok(l) : bad('must be 3–60 characters: a-z, 0-9, dot, underscore, hyphen');
}
export function parseEmail(s: string): Parsed<string> {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s) && s.length <= 200 ? ok(s) : bad('must be an e-mail address');
}
export function parsePhone(s: string): Parsed<string> {
  return /^\+?[0-9 ()-]{5,20}$/.test(s) ? ok(s) : bad('must be a phone number');
}
export function parseYearName(s: string): Parsed<string> {
  const m = /^(\d{4})\s*[/-]\s*(\d{4})$/.exec(s);
  return m && Number(m[2]) === Number(m[1]) + 1 ? ok(`${m[1]}/${m[2]}`) : bad('must be an academic year like 2026/2027');
}
export const text = (max: number, min = 1) => (s: string): Parsed<string> =>
  s.length < min || s.length > max ? bad(`must be ${min}–${max} characters`) : ok(s);
