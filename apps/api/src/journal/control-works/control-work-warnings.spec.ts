import { controlWorkWarnings, weekStart } from './control-work-warnings';

const w = (id: string, date: string, subjectName = 'Математика') => ({ id, date, subjectName, title: 'Контрольная работа' });

describe('control work warnings (R-JRN-11)', () => {
  it('R-JRN-11 the ISO week starts on Monday', () => {
    expect(weekStart('2026-12-07')).toBe('2026-12-07');
    expect(weekStart('2026-12-13')).toBe('2026-12-07');
    expect(weekStart('2026-12-10')).toBe('2026-12-07');
  });

  it.each<[string, string, ReturnType<typeof w>[], string[]]>([
    ['none for the only work of the week', '2026-12-09', [], []],
    ['another work the same day', '2026-12-09', [w('a', '2026-12-09', 'Русский язык')], ['same_day']],
    ['three in the week counting this one is still fine', '2026-12-09', [w('a', '2026-12-07'), w('b', '2026-12-11')], []],
    ['a fourth in the week', '2026-12-09', [w('a', '2026-12-07'), w('b', '2026-12-08'), w('c', '2026-12-11')], ['busy_week']],
    ['works of the previous and next week do not count', '2026-12-09', [w('a', '2026-12-06'), w('b', '2026-12-14'), w('c', '2026-12-13')], []],
    ['both', '2026-12-09', [w('a', '2026-12-09'), w('b', '2026-12-08'), w('c', '2026-12-11')], ['same_day', 'busy_week']],
  ])('R-JRN-11 %s', (_n, date, others, codes) => {
    const warnings = controlWorkWarnings('5А', date, others);
    expect(warnings.map((x) => x.code)).toEqual(codes);
    if (codes.includes('same_day')) expect(warnings[0].message).toContain('5А already has 1 control work(s) on 2026-12-09');
  });
});
