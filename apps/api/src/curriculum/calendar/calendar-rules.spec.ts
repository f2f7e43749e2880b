import { checkBellSlots, checkGradeRanges, checkWeekLength } from './calendar-rules';

describe('working mode and bells (R-CUR-07)', () => {
  it.each([
    ['one range', [{ gradeFrom: 1, gradeTo: 11 }], []],
    ['adjacent ranges', [{ gradeFrom: 1, gradeTo: 4 }, { gradeFrom: 5, gradeTo: 11 }], []],
    ['ranges with a hole', [{ gradeFrom: 1, gradeTo: 4 }, { gradeFrom: 10, gradeTo: 11 }], []],
    ['overlapping ranges', [{ gradeFrom: 1, gradeTo: 5 }, { gradeFrom: 5, gradeTo: 11 }], ['modes[1].gradeFrom']],
    ['a range inside another', [{ gradeFrom: 1, gradeTo: 11 }, { gradeFrom: 3, gradeTo: 3 }], ['modes[1].gradeFrom']],
    ['a reversed range', [{ gradeFrom: 9, gradeTo: 5 }], ['modes[0].gradeTo']],
  ])('R-CUR-07 grade ranges: %s', (_name, ranges, fields) => {
    expect(checkGradeRanges('modes', ranges).map((p) => p.field)).toEqual(fields);
  });

  it('R-CUR-07 grade 1 studies 5 days a week; grades 2–11 may study 6', () => {
    expect(checkWeekLength('modes', [{ gradeFrom: 1, gradeTo: 4, daysPerWeek: 6 }])).toEqual([
      { field: 'modes[0].daysPerWeek', message: 'grade 1 may only study 5 days a week' }]);
    expect(checkWeekLength('modes', [{ gradeFrom: 1, gradeTo: 1, daysPerWeek: 5 }, { gradeFrom: 2, gradeTo: 11, daysPerWeek: 6 }])).toEqual([]);
  });

  const slot = (lessonNumber: number, startsAt: string, endsAt: string) => ({ lessonNumber, startsAt, endsAt });
  it.each([
    ['a normal day', [slot(1, '08:30', '09:15'), slot(2, '09:25', '10:10'), slot(3, '10:30', '11:15')], []],
    ['a zero lesson and back-to-back lessons', [slot(0, '07:45', '08:25'), slot(1, '08:25', '09:10')], []],
    ['a lesson ending before it starts', [slot(1, '09:15', '08:30')], ['slots[0].endsAt']],
    ['a zero-length lesson', [slot(1, '08:30', '08:30')], ['slots[0].endsAt']],
    ['lessons out of order', [slot(2, '09:25', '10:10'), slot(1, '08:30', '09:15')], ['slots[1].lessonNumber']],
    ['a repeated lesson number', [slot(1, '08:30', '09:15'), slot(1, '09:25', '10:10')], ['slots[1].lessonNumber']],
    ['overlapping lessons', [slot(1, '08:30', '09:15'), slot(2, '09:10', '09:55')], ['slots[1].startsAt']],
  ])('R-CUR-07 bell slots: %s', (_name, slots, fields) => {
    expect(checkBellSlots(slots).map((p) => p.field)).toEqual(fields);
  });
});
