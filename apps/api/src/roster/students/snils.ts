/** Normalises a SNILS to 11 digits, or returns null when it is not a valid SNILS (checksum per the Pension Fund rules). */
export function normaliseSnils(input: string): string | null {
  const digits = input.replace(/[\s-]/g, '');
  if (!/^\d{11}$/.test(digits)) return null;
  const body = digits.slice(0, 9);
  const control = Number(digits.slice(9));
  // Numbers up to 001-001-998 carry no checksum.
  if (Number(body) <= 1001998) return digits;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(body[i]) * (9 - i);
  let expected = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101;
  if (expected === 100) expected = 0;
  return expected === control ? digits : null;
}

/** 12345678901 → 123-456-789 01 */
export const formatSnils = (d: string): string => `${d.slice(0, 3)}-${d.slice(3, 6)}-${d.slice(6, 9)} ${d.slice(9)}`;
