import { datesBetween, isSchoolDay } from '../calendar/school-days';
import { type ChangeRow, effectiveLessons, occupying, type TemplateRow } from './effective-week';

const entry = (over: Partial<TemplateRow> = {}): TemplateRow => ({
  id: 'maths-mon', weekday: 1, lessonNumber: 2, classId: '5A', className: '5А', grade: 5, subgroupId: null, subgroupName: null,
  subjectId: 'maths', subjectName: 'Математика', teacherId: 'ivanova', teacherName: 'Иванова', roomId: 'r12', roomName: '12',
  validFrom: '2026-09-01', validTo: null, ...over,
});
const change = (over: Partial<ChangeRow>): ChangeRow => ({
  id: 'c1', entryId: 'maths-mon', date: '2026-11-30', kind: 'cancel', newLessonNumber: null, newDate: null, newRoomId: null, newRoomName: null,
  substituteTeacherId: null, substituteTeacherName: null, reason: 'Болезнь учителя', ...over,
});

const WEEK = datesBetween('2026-11-30', '2026-12-06');
const holidays = [{ startsOn: '2026-12-02', endsOn: '2026-12-02', gradeFrom: 1, gradeTo: 11, name: 'День здоровья', kind: 'holiday' as const },
  { startsOn: '2026-12-03', endsOn: '2026-12-04', gradeFrom: 1, gradeTo: 1, name: 'Каникулы 1 класса', kind: 'vacation' as const }];
const schoolDay = (date: string, grade: number) => isSchoolDay(date, grade, { yearStart: '2026-09-01', yearEnd: '2027-05-31', daysPerWeek: 5, holidays });
const brief = (lessons: ReturnType<typeof effectiveLessons>) => lessons.map((l) => `${l.date} #${l.lessonNumber} ${l.subjectName} ${l.teacherId}${l.change ? ` [${l.change.kind}]` : ''}`);

describe('effective week (R-CUR-08)', () => {
  it('R-CUR-08 repeats the template on its weekday within its validity', () => {
    const entries = [entry(), entry({ id: 'rus-tue', weekday: 2, subjectName: 'Русский язык' }), entry({ id: 'old-fri', weekday: 5, validTo: '2026-11-01' }),
      entry({ id: 'later-thu', weekday: 4, validFrom: '2026-12-04' })];
    expect(brief(effectiveLessons(WEEK, entries, [], schoolDay))).toEqual([
      '2026-11-30 #2 Математика ivanova',
      '2026-12-01 #2 Русский язык ivanova',
    ]);
  });

  it('R-CUR-07 a holiday removes the day\'s lessons; a grade-1 vacation only those of grade 1', () => {
    const entries = [entry({ id: 'wed', weekday: 3 }), entry({ id: 'thu5', weekday: 4 }), entry({ id: 'thu1', weekday: 4, classId: '1A', className: '1А', grade: 1 })];
    expect(effectiveLessons(WEEK, entries, [], schoolDay).map((l) => `${l.date} ${l.className}`)).toEqual(['2026-12-03 5А']);
  });

  it('R-CUR-08 a cancelled lesson is kept, marked, and occupies nobody', () => {
    const lessons = effectiveLessons(WEEK, [entry()], [change({ kind: 'cancel' })], schoolDay);
    expect(lessons).toHaveLength(1);
    expect(lessons[0]).toMatchObject({ cancelled: true, change: { id: 'c1', kind: 'cancel', reason: 'Болезнь учителя' } });
    expect(occupying(lessons)).toEqual([]);
  });

  it('R-CUR-08 a substitution keeps the place and shows both teachers', () => {
    const [l] = effectiveLessons(WEEK, [entry()], [change({ kind: 'substitute', substituteTeacherId: 'petrov', substituteTeacherName: 'Петров', newRoomId: 'r14', newRoomName: '14' })], schoolDay);
    expect(l).toMatchObject({ date: '2026-11-30', lessonNumber: 2, teacherId: 'petrov', teacherName: 'Петров', originalTeacherId: 'ivanova',
      originalTeacherName: 'Иванова', roomId: 'r14', roomName: '14', change: { kind: 'substitute' }, cancelled: false });
  });

  it('R-CUR-08 a lesson moved to another day and lesson number shows at its new place only', () => {
    const lessons = effectiveLessons(WEEK, [entry()], [change({ kind: 'move', newDate: '2026-12-01', newLessonNumber: 5 })], schoolDay);
    expect(brief(lessons)).toEqual(['2026-12-01 #5 Математика ivanova [move]']);
    expect(lessons[0]).toMatchObject({ sourceDate: '2026-11-30', change: { fromDate: '2026-11-30', fromLessonNumber: 2 } });
  });

  it('R-CUR-08 a lesson moved within the day keeps its date', () => {
    expect(brief(effectiveLessons(WEEK, [entry()], [change({ kind: 'move', newLessonNumber: 6 })], schoolDay))).toEqual(['2026-11-30 #6 Математика ivanova [move]']);
  });

  it('R-CUR-08 a lesson moved in from another week appears; one moved out of the week disappears', () => {
    const moves = [
      change({ id: 'in', date: '2026-11-23', kind: 'move', newDate: '2026-12-01' }),
      change({ id: 'out', date: '2026-11-30', kind: 'move', newDate: '2026-12-08' }),
    ];
    expect(brief(effectiveLessons(WEEK, [entry()], moves, schoolDay))).toEqual(['2026-12-01 #2 Математика ivanova [move]']);
  });

  it('R-CUR-07 a lesson moved onto a holiday does not take place', () => {
    expect(effectiveLessons(WEEK, [entry()], [change({ kind: 'move', newDate: '2026-12-02' })], schoolDay)).toEqual([]);
  });

  it('orders lessons by date, lesson number, class and subgroup', () => {
    const entries = [entry({ id: 'b', subgroupId: 'g2', subgroupName: '2 группа', teacherId: 't2' }), entry({ id: 'a', subgroupId: 'g1', subgroupName: '1 группа', teacherId: 't1' }),
      entry({ id: 'first', lessonNumber: 1 })];
    expect(effectiveLessons(WEEK, entries, [], schoolDay).map((l) => l.entryId)).toEqual(['first', 'a', 'b']);
  });
});
