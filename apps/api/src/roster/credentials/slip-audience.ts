/** Seed 002 §3.1.4: a student younger than this gets the account from a parent, not from the school (R-ROS-10). */
export const MIN_STUDENT_ACCOUNT_AGE = 14;

/** Today's date (YYYY-MM-DD) in the school's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/**
 * Whether a person born on `birthDate` has reached `years` on `today` (both YYYY-MM-DD). Someone born on 29 February
 * reaches the age on 1 March of a common year. Without a birth date the age cannot be shown, so the answer is false.
 */
export function hasReachedAge(birthDate: string | null, today: string, years = MIN_STUDENT_ACCOUNT_AGE): boolean {
  if (!birthDate) return false;
  const anniversary = `${String(Number(birthDate.slice(0, 4)) + years).padStart(4, '0')}${birthDate.slice(4)}`;
  return anniversary <= today;
}
