import { isOverdue, isWorkingDay, replyDueOn, type WorkingYear } from './reply-deadline';

const year = (over: Partial<WorkingYear> = {}): WorkingYear => ({ yearStart: '2026-09-01', yearEnd: '2027-05-31', daysPerWeek: 5, holidays: [], ...over });
const holiday = (startsOn: string, endsOn: string, gradeFrom = 1, gradeTo = 11) =>
  ({ startsOn, endsOn, gradeFrom, gradeTo, name: 'Каникулы', kind: 'vacation' as const });

describe('reply deadline (R-DIA-11)', () => {
  it.each([
    // 2026-11-30 is a Monday.
    ['Monday → Wednesday', '2026-11-30', [year()], '2026-12-02'],
    ['Thursday → Monday (the weekend is skipped)', '2026-12-03', [year()], '2026-12-07'],
    ['Friday → Tuesday', '2026-12-04', [year()], '2026-12-08'],
    ['Saturday → Tuesday', '2026-12-05', [year()], '2026-12-08'],
    ['Friday in a six-day school → Monday (Saturday counts)', '2026-12-04', [year({ daysPerWeek: 6 })], '2026-12-07'],
    ['Tuesday before the New Year holidays → after them', '2026-12-29', [year({ holidays: [holiday('2026-12-31', '2027-01-11')] })], '2027-01-12'],
    ['a vacation of grade 1 only does not stop the staff', '2027-02-15', [year({ holidays: [holiday('2027-02-16', '2027-02-22', 1, 1)] })], '2027-02-17'],
    ['summer, outside the year: Monday to Friday', '2026-07-02', [year()], '2026-07-06'],
  ])('%s', (_name, sentOn, years, due) => {
    expect(replyDueOn(sentOn, years)).toBe(due);
  });

  it('is overdue from the day after the deadline', () => {
    expect(isOverdue('2026-12-04', '2026-12-08', [year()])).toBe(false);
    expect(isOverdue('2026-12-04', '2026-12-09', [year()])).toBe(true);
    expect(isOverdue('2026-12-04', '2026-12-04', [year()])).toBe(false);
  });

  it('a whole-school holiday is not a working day; a weekday outside a six-day week is', () => {
    expect(isWorkingDay('2027-01-05', [year({ holidays: [holiday('2026-12-31', '2027-01-11')] })])).toBe(false);
    expect(isWorkingDay('2026-12-05', [year()])).toBe(false);
    expect(isWorkingDay('2026-12-05', [year({ daysPerWeek: 6 })])).toBe(true);
    expect(isWorkingDay('2026-12-06', [year({ daysPerWeek: 6 })])).toBe(false);
  });
});
