import { parseClassRef, parseDate, parseGender, parseRelation, parseRoles, parseSnils, parseYearName } from './fields';

const value = <T>(p: { ok: boolean; value?: T }) => (p.ok ? p.value : undefined);

describe('import cell formats (R-ROS-11)', () => {
  it.each([
    ['01.09.2026', '2026-09-01'], ['1.9.2026', '2026-09-01'], ['2026-09-01', '2026-09-01'], ['29.02.2024', '2024-02-29'],
    ['31.02.2026', undefined], ['2026-13-01', undefined], ['01/09/2026', undefined], ['вчера', undefined], ['01.09.1850', undefined],
  ])('date %s → %s', (s, expected) => {
    expect(value(parseDate(s))).toBe(expected);
  });

  it.each([['5А', '5А'], ['5 а', '5А'], ['11-Б', '11Б'], ['5A', '5А'], ['10zz', undefined], ['12А', undefined], ['А5', undefined], ['5Ф1', undefined]])(
    'class %s → %s', (s, expected) => {
      expect(value(parseClassRef(s))?.name).toBe(expected);
    });

  it('reads roles by key or Russian name, separated by , ; | /', () => {
    expect(value(parseRoles('teacher, Классный руководитель'))).toEqual(['teacher', 'class_teacher']);
    expect(value(parseRoles('Учитель|teacher'))).toEqual(['teacher']);
    expect(parseRoles('janitor').ok).toBe(false);
    expect(parseRoles(' , ').ok).toBe(false);
  });

  it('reads gender and relation in English or Russian', () => {
    expect(value(parseGender('Ж'))).toBe('female');
    expect(value(parseGender('муж.'))).toBe('male');
    expect(parseGender('x').ok).toBe(false);
    expect(value(parseRelation('Мать'))).toBe('mother');
    expect(value(parseRelation('trustee'))).toBe('trustee');
    expect(parseRelation('сосед').ok).toBe(false);
  });

  it('checks the SNILS checksum and restores leading zeros lost in Excel', () => {
    expect(value(parseSnils('112-233-445 95'))).toBe('11223344595');
    expect(value(parseSnils('8765430300'))).toBe('08765430300');
    expect(parseSnils('112-233-445 96').ok).toBe(false);
  });

  it('reads an academic year name', () => {
    expect(value(parseYearName('2026/2027'))).toBe('2026/2027');
    expect(value(parseYearName('2026-2027'))).toBe('2026/2027');
    expect(parseYearName('2026/2028').ok).toBe(false);
  });
});
