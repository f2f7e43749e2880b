import type { LessonEntries, MarkRow } from './lesson-page.query';
import { planSave, SaveInvalid, type SaveState } from './lesson-save.plan';

const S1 = 'student-1';
const S2 = 'student-2';
const entries = (over: Partial<LessonEntries> = {}): LessonEntries => ({ marks: [], attendance: [], remarks: [], homework: null, files: [], ...over });
const mark = (over: Partial<MarkRow> = {}): MarkRow => ({
  id: 'm1', studentId: S1, value: '4', workType: 'answer', workTypeName: 'Ответ на уроке', isControl: false, weight: 1, comment: null,
  enteredAt: new Date('2026-12-01T09:00:00Z'), enteredLate: false, version: 1, ...over,
});
const state = (over: Partial<SaveState> = {}): SaveState => ({
  date: '2026-12-01', topic: null, held: false, workTypes: [], firstEnteredAt: null, enteredLate: false, studentIds: new Set([S1, S2]), entries: entries(),
  workTypeTable: [
    { code: 'answer', weight: 1, isControl: false, archived: false },
    { code: 'control', weight: 2, isControl: true, archived: false },
    { code: 'old', weight: 1, isControl: false, archived: true },
  ],
  ...over,
});
const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (e) {
    if (e instanceof SaveInvalid) return e.errors.map((x) => x.field);
    throw e;
  }
  return [];
};

describe('lesson save plan (R-JRN-02..04, R-JRN-10)', () => {
  it('R-JRN-02 the topic is required once the lesson is held', () => {
    expect(fieldsOf(() => planSave({ held: true }, state()))).toEqual(['topic']);
    expect(fieldsOf(() => planSave({ held: true, topic: '   ' }, state()))).toEqual(['topic']);
    expect(planSave({ held: true, topic: 'Дроби' }, state())).toMatchObject([{ kind: 'content', item: 'content', entered: null,
      after: { topic: 'Дроби', held: true } }]);
  });

  it('R-JRN-03 weights come from the work type; a control type is decided as a control mark', () => {
    const ops = planSave({ marks: { upsert: [{ studentId: S1, value: '5', workType: 'control' }, { studentId: S2, value: '3', workType: 'answer' }] } }, state());
    expect(ops.map((o) => [o.item, o.kind === 'mark' && o.after?.weight])).toEqual([['control_mark', 2], ['mark', 1]]);
  });

  it('R-JRN-03 names every bad field of the unit at once', () => {
    const fields = fieldsOf(() => planSave({
      marks: { upsert: [{ studentId: S1, value: '5', workType: 'answer' }, { studentId: 'stranger', value: '6', workType: 'nope' }], delete: ['missing'] },
      attendance: [{ studentId: S1, code: 'Х' }, { studentId: S2, code: 'Н', minutesLate: 5 }],
      workTypes: ['old'],
      homework: { text: 'Упр. 5', dueDate: '2026-11-30' },
    }, state()));
    expect(fields.sort()).toEqual(['attendance[0].code', 'attendance[1].minutesLate', 'homework.dueDate', 'marks.delete[0]', 'marks.upsert[1].studentId',
      'marks.upsert[1].value', 'marks.upsert[1].workType', 'workTypes[0]'].sort());
  });

  it('R-JRN-05 items sent back unchanged are no changes (a closed window never refuses an echo)', () => {
    const st = state({ topic: 'Дроби', held: true, firstEnteredAt: new Date(), entries: entries({ marks: [mark()], attendance: [{ studentId: S1, code: 'Н', minutesLate: null, enteredLate: false }] }) });
    expect(planSave({ topic: 'Дроби', held: true, workTypes: [], attendance: [{ studentId: S1, code: 'Н' }, { studentId: S2, code: null }],
      marks: { upsert: [{ id: 'm1', studentId: S1, value: '4', workType: 'answer', comment: '' }] } }, st)).toEqual([]);
  });

  it('R-JRN-05 an existing mark keeps its own type for the window; a mark cannot move to another student', () => {
    const st = state({ entries: entries({ marks: [mark()] }) });
    expect(planSave({ marks: { upsert: [{ id: 'm1', studentId: S1, value: '5', workType: 'control' }] } }, st))
      .toMatchObject([{ item: 'mark', entered: { enteredLate: false }, before: { id: 'm1' }, after: { weight: 2 } }]);
    expect(fieldsOf(() => planSave({ marks: { upsert: [{ id: 'm1', studentId: S2, value: '5', workType: 'answer' }] } }, st))).toEqual(['marks.upsert[0].studentId']);
    expect(fieldsOf(() => planSave({ marks: { upsert: [{ id: 'm1', studentId: S1, value: '5', workType: 'answer' }], delete: ['m1'] } }, st)))
      .toEqual(['marks.upsert[0].id']);
  });

  it('R-JRN-04 absences: a new one is a first entry, a change or removal is an edit', () => {
    const st = state({ entries: entries({ attendance: [{ studentId: S1, code: 'Н', minutesLate: null, enteredLate: true }] }) });
    expect(planSave({ attendance: [{ studentId: S1, code: null }, { studentId: S2, code: 'Б' }] }, st)).toMatchObject([
      { kind: 'attendance', studentId: S1, entered: { enteredLate: true }, after: null },
      { kind: 'attendance', studentId: S2, entered: null, after: { code: 'Б' } },
    ]);
    expect(fieldsOf(() => planSave({ attendance: [{ studentId: S2, code: 'Н' }, { studentId: S2, code: 'У' }] }, st))).toEqual(['attendance[1].studentId']);
  });

  it('R-JRN-10 remarks go to students of the lesson only', () => {
    expect(planSave({ remarks: [{ studentId: S1, text: ' Шумел ' }] }, state())).toMatchObject([{ kind: 'remark', text: 'Шумел', entered: null }]);
    expect(fieldsOf(() => planSave({ remarks: [{ studentId: 'x', text: 'a' }] }, state()))).toEqual(['remarks[0].studentId']);
  });
});
