import { hasReachedAge, todayIn } from './slip-audience';

describe('student account age (R-ROS-10, 002 §3.1.4)', () => {
  it.each([
    ['2013-05-28', '2027-05-28', true],
    ['2013-05-29', '2027-05-28', false],
    ['2012-01-01', '2027-05-28', true],
    ['2014-01-01', '2027-05-28', false],
    ['2012-02-29', '2026-02-28', false],
    ['2012-02-29', '2026-03-01', true],
    [null, '2027-05-28', false],
  ])('born %s, on %s: 14 reached = %s', (birth, today, expected) => {
    expect(hasReachedAge(birth, today)).toBe(expected);
  });

  it('takes today in the school\'s time zone', () => {
    const late = new Date('2027-05-27T22:30:00Z');
    expect(todayIn('Europe/Moscow', late)).toBe('2027-05-28');
    expect(todayIn('Europe/London', late)).toBe('2027-05-27');
  });
});
