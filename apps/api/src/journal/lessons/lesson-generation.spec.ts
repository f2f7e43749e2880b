import type { EffectiveLesson } from '../../curriculum/timetable/effective-week';
import { type ExistingLesson, planLessonSync, type WantedLesson, wantedOf } from './lesson-generation';

const effective = (over: Partial<EffectiveLesson> = {}): EffectiveLesson => ({
  entryId: 'e1', sourceDate: '2026-12-01', date: '2026-12-01', lessonNumber: 2, classId: 'c', className: '5А', grade: 5, subgroupId: null, subgroupName: null,
  subjectId: 's', subjectName: 'Математика', teacherId: 't', teacherName: 'Учителева', originalTeacherId: null, originalTeacherName: null,
  roomId: null, roomName: null, change: null, cancelled: false, ...over,
});
const wanted = (over: Partial<WantedLesson> = {}): WantedLesson => ({ ...wantedOf(effective()), ...over });
const existing = (over: Partial<ExistingLesson> = {}): ExistingLesson => ({
  id: 'L1', entryId: 'e1', date: '2026-12-01', lessonNumber: 2, teacherId: 't', substituteTeacherId: null, roomId: null, cancelled: false, hasEntries: false, ...over,
});

describe('lesson generation plan (R-JRN-01)', () => {
  it('R-JRN-01 a substitution keeps the template teacher as teacher of record and records the substitute', () => {
    expect(wantedOf(effective({ teacherId: 'sub', originalTeacherId: 't' }))).toMatchObject({ teacherId: 't', substituteTeacherId: 'sub' });
    expect(wantedOf(effective())).toMatchObject({ teacherId: 't', substituteTeacherId: null });
  });

  it('R-JRN-01 creates what is missing and counts what exists (idempotent)', () => {
    const w = [wanted(), wanted({ entryId: 'e2' })];
    expect(planLessonSync(w, [])).toMatchObject({ create: w, update: [], remove: [], existing: 0 });
    expect(planLessonSync(w, [existing(), existing({ id: 'L2', entryId: 'e2' })])).toMatchObject({ create: [], update: [], remove: [], existing: 2 });
  });

  it('R-JRN-01 a later substitution or cancellation updates an empty lesson', () => {
    const p = planLessonSync([wanted({ substituteTeacherId: 'sub' })], [existing()]);
    expect(p.update).toEqual([{ id: 'L1', before: expect.objectContaining({ substituteTeacherId: null }), after: expect.objectContaining({ substituteTeacherId: 'sub' }) }]);
    expect(planLessonSync([wanted({ cancelled: true })], [existing()]).update[0].after.cancelled).toBe(true);
  });

  it('R-JRN-07 a lesson with entries is never cancelled or removed and keeps its teacher of record', () => {
    const withEntries = existing({ hasEntries: true });
    expect(planLessonSync([wanted({ cancelled: true })], [withEntries])).toMatchObject({ update: [], existing: 1 });
    expect(planLessonSync([wanted({ teacherId: 'other', substituteTeacherId: 'sub' })], [withEntries]).update[0].after)
      .toMatchObject({ teacherId: 't', substituteTeacherId: 'sub' });
    expect(planLessonSync([], [withEntries])).toMatchObject({ remove: [], kept: 1 });
  });

  it('R-JRN-01 an empty lesson the timetable no longer gives (holiday added, moved away) is removed', () => {
    expect(planLessonSync([], [existing()])).toMatchObject({ remove: ['L1'], kept: 0 });
  });

  it('R-JRN-01 a lesson moved onto a date its entry also gives keeps one lesson per key', () => {
    const p = planLessonSync([wanted(), wanted({ lessonNumber: 6 })], []);
    expect(p.create).toHaveLength(1);
    expect(p.create[0].lessonNumber).toBe(2);
  });
});
