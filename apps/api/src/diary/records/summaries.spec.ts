import { attendanceSummary, currentPeriod, marksBySubject } from './summaries';
import type { AbsenceRow, MarkLine, PeriodRow } from './records.query';

const period = (n: number, startsOn: string, endsOn: string): PeriodRow =>
  ({ id: `p${n}`, academicYearId: 'y', name: `${n} четверть`, number: n, kind: 'quarter', startsOn, endsOn });
const quarters = [period(1, '2026-09-01', '2026-10-24'), period(2, '2026-11-05', '2026-12-28'), period(3, '2027-01-12', '2027-03-20')];

describe('diary summaries (R-DIA-02, R-DIA-04)', () => {
  it.each([
    ['inside a period', '2026-11-30', 'p2'],
    ['on its first day', '2026-11-05', 'p2'],
    ['in the vacation after it: the last period begun', '2026-11-01', 'p1'],
    ['before the year: the first period', '2026-08-20', 'p1'],
    ['after the last period', '2027-06-10', 'p3'],
  ])('R-DIA-04 picks the default period %s', (_name, today, id) => {
    expect(currentPeriod(quarters, today)?.id).toBe(id);
  });

  it('R-DIA-04 no periods → null', () => {
    expect(currentPeriod([], '2026-11-30')).toBeNull();
  });

  const mark = (over: Partial<MarkLine>): MarkLine => ({ id: 'm', date: '2026-11-24', lessonId: 'l', subjectId: 'math', subjectName: 'Математика',
    value: '5', workType: 'answer', workTypeName: null, weight: 1, comment: null, external: false, institution: null, ...over });

  it('R-DIA-04 groups marks by subject with the weighted average; pass/fail marks do not count; a subject without marks is listed', () => {
    const subjects = marksBySubject([
      mark({ id: 'a', value: '5', weight: 1 }),
      mark({ id: 'b', value: '3', weight: 2, workType: 'control', workTypeName: 'Контрольная работа (школа)' }),
      mark({ id: 'c', value: 'зч', weight: 1 }),
      mark({ id: 'd', subjectId: 'rus', subjectName: 'Русский язык', value: '4', workType: 'dictation' }),
    ], [{ subjectId: 'art', subjectName: 'Изобразительное искусство' }]);
    expect(subjects.map((s) => [s.subjectName, s.average, s.marks.map((m) => m.id)])).toEqual([
      ['Изобразительное искусство', null, []],
      ['Математика', 3.67, ['a', 'b', 'c']],
      ['Русский язык', 4, ['d']],
    ]);
    const math = subjects[1].marks;
    expect(math.map((m) => m.workTypeName)).toEqual(['Ответ на уроке', 'Контрольная работа (школа)', 'Ответ на уроке']);
  });

  const absence = (code: string, subjectId = 'math', subjectName = 'Математика'): AbsenceRow =>
    ({ lessonId: `l-${code}-${subjectId}`, date: '2026-11-24', lessonNumber: 1, subjectId, subjectName, code, minutesLate: code === 'ОП' ? 5 : null });

  it('R-DIA-02 counts missed lessons by reason and subject; lateness is counted apart', () => {
    const s = attendanceSummary([absence('Б'), absence('Б', 'hist', 'История'), absence('Н'), absence('ОП'), absence('У', 'hist', 'История')],
      [{ subjectId: 'math', subjectName: 'Математика', lessons: 10 }, { subjectId: 'hist', subjectName: 'История', lessons: 4 },
        { subjectId: 'pe', subjectName: 'Физическая культура', lessons: 6 }]);
    expect(s).toMatchObject({ lessons: 20, absences: 4, late: 1 });
    expect(s.byReason).toEqual([{ code: 'Н', label: 'неуважительная причина', count: 1 }, { code: 'У', label: 'уважительная причина', count: 1 },
      { code: 'Б', label: 'болезнь (справка)', count: 2 }, { code: 'ОП', label: 'опоздание', count: 1 }]);
    expect(s.bySubject.map((x) => [x.subjectName, x.lessons, x.absences, x.late])).toEqual([
      ['История', 4, 2, 0], ['Математика', 10, 2, 1], ['Физическая культура', 6, 0, 0]]);
    expect(s.entries).toHaveLength(5);
    expect(s.entries.find((e) => e.code === 'ОП')).toMatchObject({ label: 'опоздание', minutesLate: 5 });
  });
});
