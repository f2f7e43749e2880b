import { FEDERAL_PLAN_5DAY } from '@otmetka/contracts';
import {
  classesWithoutTimetable, doubleBookings, inactiveTeachers, inspect, type InspectedEntry, type InspectionInput, lessonsWithoutRoom,
  loadHoursMismatch, plannedWithoutLoad, subjectsWithoutTextbook, timetableHoursMismatch, weeklyLoadAboveMaximum,
} from './rules';

const ENGLISH = 'Иностранный язык';

/**
 * A realistic grade-5 class on a 5-day week with the federal plan hours (Русский язык 5, Литература 3, Иностранный язык 3,
 * Математика 5, …): one teacher per subject, English split into two groups, a timetable that realises every hour,
 * a room per subject and a textbook for everything.
 */
function grade5(): InspectionInput {
  const subjects = FEDERAL_PLAN_5DAY.filter((l) => l.hours[4] !== null).map((l) => ({ id: `s-${l.short}`, name: l.subject, hours: l.hours[4] as number }));
  const subjectId = (name: string) => subjects.find((s) => s.name === name)!.id;
  const loads = subjects.filter((s) => s.name !== ENGLISH).map((s) => ({
    id: `l-${s.id}`, teacherId: `t-${s.id}`, teacherName: `Учитель ${s.name}`, teacherActive: true, classId: '5A', subgroupId: null, subjectId: s.id, weeklyHours: s.hours,
  }));
  loads.push(
    { id: 'l-en1', teacherId: 't-en1', teacherName: 'Англичанова', teacherActive: true, classId: '5A', subgroupId: 'g1' as never, subjectId: subjectId(ENGLISH), weeklyHours: 3 },
    { id: 'l-en2', teacherId: 't-en2', teacherName: 'Немцова', teacherActive: true, classId: '5A', subgroupId: 'g2' as never, subjectId: subjectId(ENGLISH), weeklyHours: 3 },
  );
  // Lay the lessons out over Monday–Friday, up to 6 a day; both English groups sit at the same time in different rooms.
  const entries: InspectedEntry[] = [];
  let slot = 0;
  const next = () => ({ weekday: 1 + Math.floor(slot / 6), lessonNumber: 1 + (slot++ % 6) });
  for (const s of subjects) {
    for (let i = 0; i < s.hours; i++) {
      const at = next();
      const base = { classId: '5A', subjectId: s.id, validFrom: '2026-09-01', validTo: null, ...at };
      if (s.name === ENGLISH) {
        entries.push({ ...base, id: `e-en1-${i}`, subgroupId: 'g1', teacherId: 't-en1', teacherName: 'Англичанова', roomId: 'r-en1', roomName: '21' });
        entries.push({ ...base, id: `e-en2-${i}`, subgroupId: 'g2', teacherId: 't-en2', teacherName: 'Немцова', roomId: 'r-en2', roomName: '22' });
      } else {
        entries.push({ ...base, id: `e-${s.id}-${i}`, subgroupId: null, teacherId: `t-${s.id}`, teacherName: `Учитель ${s.name}`, roomId: `r-${s.id}`, roomName: s.name });
      }
    }
  }
  return {
    asOf: '2026-11-30',
    classes: [{ id: '5A', name: '5А', grade: 5, daysPerWeek: 5 }],
    subjects: subjects.map(({ id, name }) => ({ id, name })),
    lines: subjects.map((s) => ({ subjectId: s.id, grade: 5, classId: null, weeklyHours: s.hours })),
    subgroups: [
      { id: 'g1', classId: '5A', name: '1 группа', subjectName: ENGLISH },
      { id: 'g2', classId: '5A', name: '2 группа', subjectName: ENGLISH },
    ],
    loads,
    entries,
    textbooks: subjects.map((s) => ({ subjectId: s.id, gradeFrom: 5, gradeTo: 9 })),
  };
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);
const MATHS = 's-Мат';

describe('electronic inspector rules (R-CUR-05)', () => {
  it('R-CUR-05 a realistic grade-5 plan with the federal 5-day hours, matching loads and timetable passes', () => {
    const input = grade5();
    expect(input.lines.map((l) => l.weeklyHours).reduce((a, b) => a + b)).toBe(27);
    expect(input.lines.find((l) => l.subjectId === 's-Рус')?.weeklyHours).toBe(5);
    expect(input.lines.find((l) => l.subjectId === 's-Лит')?.weeklyHours).toBe(3);
    expect(input.lines.find((l) => l.subjectId === MATHS)?.weeklyHours).toBe(5);
    expect(inspect(input)).toEqual({ errors: [], warnings: [] });
  });

  describe('no-load', () => {
    it.each([
      ['a planned subject without any load', (i: InspectionInput) => { i.loads = i.loads.filter((l) => l.subjectId !== MATHS); }, [{ classId: '5A', subjectId: MATHS }]],
      ['a class override adds a subject nobody teaches', (i: InspectionInput) => { i.lines.push({ subjectId: 's-new', grade: 5, classId: '5A', weeklyHours: 1 }); }, [{ classId: '5A', subjectId: 's-new' }]],
      ['a subject of 0 hours needs no load', (i: InspectionInput) => { i.lines.push({ subjectId: 's-zero', grade: 5, classId: null, weeklyHours: 0 }); }, []],
      ['a subject of another grade is not this class\'s', (i: InspectionInput) => { i.lines.push({ subjectId: 's-phys', grade: 7, classId: null, weeklyHours: 2 }); }, []],
      ['a load of one subgroup covers the subject', (i: InspectionInput) => { i.loads = i.loads.filter((l) => l.id !== 'l-en2'); }, []],
    ])('R-CUR-05 %s', (_name, mutate, expected) => {
      const input = grade5();
      mutate(input);
      expect(plannedWithoutLoad(input)).toEqual(expected.map((e) => expect.objectContaining({ code: 'no-load', ...e })));
    });
  });

  describe('load-hours-mismatch', () => {
    const mathsLoad = (i: InspectionInput) => i.loads.find((l) => l.subjectId === MATHS)!;
    it.each([
      ['fewer hours in the load than in the plan', (i: InspectionInput) => { mathsLoad(i).weeklyHours = 4; }, [{ subjectId: MATHS, message: expect.stringContaining('в нагрузке 4 ч, по учебному плану 5 ч') }]],
      ['two teachers together carry the plan hours', (i: InspectionInput) => {
        mathsLoad(i).weeklyHours = 3;
        i.loads.push({ ...mathsLoad(i), id: 'l-m2', teacherId: 't-m2', weeklyHours: 2 });
      }, []],
      ['a class override is what the load must match', (i: InspectionInput) => { i.lines.push({ subjectId: MATHS, grade: 5, classId: '5A', weeklyHours: 6 }); }, [{ subjectId: MATHS }]],
      ['a load for a subject the plan does not have', (i: InspectionInput) => {
        i.loads.push({ ...mathsLoad(i), id: 'l-x', subjectId: 's-extra', weeklyHours: 1 });
        i.subjects.push({ id: 's-extra', name: 'Шахматы' });
      }, [{ subjectId: 's-extra', message: expect.stringContaining('по учебному плану 0 ч') }]],
      ['one subgroup short of hours', (i: InspectionInput) => { i.loads.find((l) => l.id === 'l-en2')!.weeklyHours = 2; }, [{ subjectId: 's-Ин.яз', subgroupId: 'g2' }]],
      ['a subgroup of the split subject without any load', (i: InspectionInput) => { i.loads = i.loads.filter((l) => l.id !== 'l-en2'); }, [{ subjectId: 's-Ин.яз', subgroupId: 'g2', message: expect.stringContaining('в нагрузке 0 ч') }]],
      ['whole-class hours count for each subgroup', (i: InspectionInput) => {
        i.loads.find((l) => l.id === 'l-en1')!.weeklyHours = 2;
        i.loads.find((l) => l.id === 'l-en2')!.weeklyHours = 2;
        i.loads.push({ ...i.loads.find((l) => l.id === 'l-en1')!, id: 'l-en-all', teacherId: 't-en3', subgroupId: null, weeklyHours: 1 });
      }, []],
    ])('R-CUR-05 %s', (_name, mutate, expected) => {
      const input = grade5();
      mutate(input);
      expect(loadHoursMismatch(input)).toEqual(expected.map((e) => expect.objectContaining({ code: 'load-hours-mismatch', classId: '5A', ...e })));
    });
  });

  describe('inactive-teacher', () => {
    it.each([
      ['every teacher active', () => undefined, []],
      ['a dismissed teacher in the load', (i: InspectionInput) => { i.loads.find((l) => l.subjectId === MATHS)!.teacherActive = false; }, [{ teacherId: `t-${MATHS}`, subjectId: MATHS }]],
      ['a dismissed teacher of a subgroup', (i: InspectionInput) => { i.loads.find((l) => l.id === 'l-en1')!.teacherActive = false; }, [{ teacherId: 't-en1', subgroupId: 'g1' }]],
    ])('R-CUR-05 %s', (_name, mutate, expected) => {
      const input = grade5();
      mutate(input as InspectionInput);
      expect(inactiveTeachers(input)).toEqual(expected.map((e) => expect.objectContaining({ code: 'inactive-teacher', classId: '5A', ...e })));
    });
  });

  describe('timetable-hours-mismatch', () => {
    const mathsEntry = (i: InspectionInput) => i.entries.find((e) => e.subjectId === MATHS)!;
    it.each([
      ['a missing maths lesson', (i: InspectionInput) => { i.entries = i.entries.filter((e) => e.id !== mathsEntry(i).id); },
        [{ subjectId: MATHS, message: expect.stringContaining('в расписании 4 урок(ов) в неделю, по учебному плану 5 ч') }]],
      ['an extra maths lesson', (i: InspectionInput) => { i.entries.push({ ...mathsEntry(i), id: 'extra', weekday: 5, lessonNumber: 7 }); }, [{ subjectId: MATHS }]],
      ['a lesson of an unplanned subject', (i: InspectionInput) => { i.entries.push({ ...mathsEntry(i), id: 'extra', subjectId: 's-chess', weekday: 5, lessonNumber: 7 }); }, [{ subjectId: 's-chess' }]],
      ['one subgroup short of lessons', (i: InspectionInput) => { i.entries = i.entries.filter((e) => e.id !== 'e-en2-0'); }, [{ subjectId: 's-Ин.яз', subgroupId: 'g2' }]],
      ['an entry that ended before the week does not count', (i: InspectionInput) => { mathsEntry(i).validTo = '2026-10-31'; }, [{ subjectId: MATHS }]],
      ['an entry that starts later does not count yet', (i: InspectionInput) => { mathsEntry(i).validFrom = '2027-01-11'; }, [{ subjectId: MATHS }]],
      ['a replaced entry: the old one ended and the new one valid', (i: InspectionInput) => {
        const e = mathsEntry(i);
        i.entries.push({ ...e, id: 'old', validTo: '2026-10-31', weekday: 5, lessonNumber: 7 });
      }, []],
      ['a class without any timetable is not compared', (i: InspectionInput) => { i.entries = []; }, []],
      ['half an hour a week may be 0 or 1 lesson', (i: InspectionInput) => { i.lines.push({ subjectId: 's-half', grade: 5, classId: null, weeklyHours: 0.5 }); }, []],
    ])('R-CUR-05 %s', (_name, mutate, expected) => {
      const input = grade5();
      mutate(input);
      expect(timetableHoursMismatch(input)).toEqual(expected.map((e) => expect.objectContaining({ code: 'timetable-hours-mismatch', classId: '5A', ...e })));
    });
  });

  describe('double bookings', () => {
    it.each([
      ['a teacher in two classes at once', (i: InspectionInput) => {
        const e = i.entries[0];
        i.classes.push({ id: '6B', name: '6Б', grade: 6, daysPerWeek: 5 });
        i.entries.push({ ...e, id: 'x', classId: '6B', roomId: 'r-other' });
      }, [['teacher-double-booked', 'x']]],
      ['a room used twice', (i: InspectionInput) => {
        const e = i.entries[0];
        i.classes.push({ id: '6B', name: '6Б', grade: 6, daysPerWeek: 5 });
        i.entries.push({ ...e, id: 'x', classId: '6B', teacherId: 't-other' });
      }, [['room-double-booked', 'x']]],
      ['a class with two whole-class lessons at once', (i: InspectionInput) => {
        i.entries.push({ ...i.entries[0], id: 'x', teacherId: 't-other', roomId: 'r-other' });
      }, [['class-double-booked', 'x']]],
      ['a teacher booked in a past template and a current one does not clash', (i: InspectionInput) => {
        i.entries[0].validTo = '2026-10-31';
        i.classes.push({ id: '6B', name: '6Б', grade: 6, daysPerWeek: 5 });
        i.entries.push({ ...i.entries[0], id: 'x', classId: '6B', roomId: 'r-other', validFrom: '2026-11-01', validTo: null });
      }, []],
      ['two subgroups at once are fine', () => undefined, []],
    ])('R-CUR-05 %s', (_name, mutate, expected) => {
      const input = grade5();
      mutate(input as InspectionInput);
      expect(doubleBookings(input).map((f) => [f.code, f.entryIds![1]])).toEqual(expected);
    });
  });

  describe('weekly-load-above-maximum', () => {
    it.each([
      ['27 h in grade 5 on a 5-day week (max 29)', 5, 5, 0, []],
      ['29 h is the maximum itself', 5, 5, 2, []],
      ['30 h in grade 5 on a 5-day week', 5, 5, 3, ['weekly-load-above-maximum']],
      ['30 h in grade 5 on a 6-day week (max 32)', 5, 6, 3, []],
      ['33 h in grade 5 on a 6-day week', 5, 6, 6, ['weekly-load-above-maximum']],
      ['grade 1 on a 6-day week is held to 21 h', 1, 6, -5, ['weekly-load-above-maximum']],
    ])('R-CUR-05 %s', (_name, grade, days, extra, expected) => {
      const input = grade5();
      input.classes = [{ id: '5A', name: `${grade}А`, grade, daysPerWeek: days }];
      input.lines = input.lines.map((l) => ({ ...l, grade }));
      if (extra) input.lines.push({ subjectId: 's-extra', grade, classId: '5A', weeklyHours: extra });
      expect(codes(weeklyLoadAboveMaximum(input))).toEqual(expected);
    });
  });

  describe('warnings', () => {
    it('R-CUR-05 a planned subject without a textbook for the grade is a warning, not an error', () => {
      const input = grade5();
      input.textbooks = input.textbooks.filter((t) => t.subjectId !== MATHS);
      input.textbooks.push({ subjectId: MATHS, gradeFrom: 1, gradeTo: 4 });
      expect(subjectsWithoutTextbook(input)).toEqual([expect.objectContaining({ code: 'no-textbook', grade: 5, subjectId: MATHS })]);
      const result = inspect(input);
      expect(result.errors).toEqual([]);
      expect(codes(result.warnings)).toEqual(['no-textbook']);
    });

    it('R-CUR-05 a class without a timetable and lessons without rooms are warnings', () => {
      const input = grade5();
      input.entries[0].roomId = null;
      expect(lessonsWithoutRoom(input)).toEqual([expect.objectContaining({ code: 'no-room', classId: '5A', entryIds: [input.entries[0].id] })]);
      expect(classesWithoutTimetable(input)).toEqual([]);
      input.entries = [];
      expect(classesWithoutTimetable(input)).toEqual([expect.objectContaining({ code: 'no-timetable', classId: '5A' })]);
      expect(inspect(input).errors).toEqual([]);
    });
  });
});
