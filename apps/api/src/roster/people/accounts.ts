import { EntityManager } from 'typeorm';
import { newId } from '../../platform/database/ids';
import { generatePassword, hashPassword } from '../../platform/auth/passwords';
import { User } from './user.entity';

const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l', м: 'm', н: 'n',
  о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '',
  э: 'e', ю: 'iu', я: 'ia',
};

/** Latin transliteration (ГОСТ-like, as on passports) for logins. */
export function transliterate(s: string): string {
  return [...s.toLowerCase()].map((ch) => TRANSLIT[ch] ?? (/[a-z0-9]/.test(ch) ? ch : '')).join('');
}

/** A login built from the surname and initials, unique among existing accounts: ivanova.mp, ivanova.mp2, … */
export async function uniqueLogin(tx: EntityManager, lastName: string, firstName: string, middleName?: string | null): Promise<string> {
  const base = `${transliterate(lastName) || 'user'}.${transliterate(firstName).slice(0, 1)}${transliterate(middleName ?? '').slice(0, 1)}`;
  const rows: { login: string }[] = await tx.query(`SELECT login FROM users WHERE lower(login) LIKE $1`, [`${base}%`]);
  const taken = new Set(rows.map((r) => r.login.toLowerCase()));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * Creates or resets the account of a person (R-ROS-10) and returns the one-time password.
 * `login` may be given (staff); otherwise one is built from the name.
 */
export async function issueAccount(tx: EntityManager, person: { id: string; lastName: string; firstName: string; middleName: string | null },
  login?: string): Promise<{ userId: string; login: string; password: string; created: boolean }> {
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const existing = await tx.findOneBy(User, { personId: person.id });
  if (existing) {
    await tx.update(User, { id: existing.id }, { passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, status: 'active' });
    await tx.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [existing.id]);
    return { userId: existing.id, login: existing.login, password, created: false };
  }
  const finalLogin = login ?? (await uniqueLogin(tx, person.lastName, person.firstName, person.middleName));
  const user = tx.create(User, { id: newId(), personId: person.id, login: finalLogin, passwordHash, status: 'active', failedLogins: 0,
    lockedUntil: null, mustChangePassword: true, lastLoginAt: null });
  await tx.insert(User, user);
  return { userId: user.id, login: finalLogin, password, created: true };
}
