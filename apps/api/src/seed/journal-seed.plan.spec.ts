import { proposeMark, weightedAverage } from '../journal/marks/averages';
import { BELLS } from './curriculum-seed-data';
import { drawMark, type JournalSeedInput, type JournalSeedPlan, levelsOf, planJournal, Rng, type SeedEntry, type SeedKtp, type SeedStudent } from './journal-seed.plan';

const NOW = new Date('2026-11-30T12:00:00+03:00');
const TODAY = '2026-11-30';

/** A small school: 1А (Russian every day) and 5А (maths Mon/Wed/Fri, English in two groups on Tuesday, ОДНКНР on Thursday). */
function world(over: Partial<JournalSeedInput> = {}): JournalSeedInput {
  const students: SeedStudent[] = [
    ...Array.from({ length: 12 }, (_, i) => ({ id: `s5-${i}`, key: `П-${100 + i}/2022`, classId: 'c5', subgroupIds: [i < 6 ? 'g1' : 'g2'],
      enrolledFrom: '2026-09-01', enrolledTo: null })),
    ...Array.from({ length: 8 }, (_, i) => ({ id: `s1-${i}`, key: `А-${200 + i}/2026`, classId: 'c1', subgroupIds: [], enrolledFrom: '2026-09-01', enrolledTo: null })),
  ];
  const entry = (id: string, weekday: number, lessonNumber: number, classId: string, subjectName: string, teacherId: string, subgroupId: string | null = null): SeedEntry =>
    ({ id, weekday, lessonNumber, classId, subgroupId, subgroupName: subgroupId ? `${subgroupId === 'g1' ? 1 : 2} группа` : null, subjectId: subjectName,
      subjectName, teacherId, roomId: null, validFrom: '2026-09-01', validTo: null });
  const entries = [
    entry('e1', 1, 1, 'c5', 'Математика', 'tMath'), entry('e2', 3, 2, 'c5', 'Математика', 'tMath'), entry('e3', 5, 3, 'c5', 'Математика', 'tMath'),
    entry('e4', 2, 2, 'c5', 'Иностранный язык', 'tEng1', 'g1'), entry('e5', 2, 2, 'c5', 'Иностранный язык', 'tEng2', 'g2'),
    entry('e6', 4, 4, 'c5', 'Основы духовно-нравственной культуры народов России', 'tMath'),
    ...[1, 2, 3, 4, 5].map((d) => entry(`r${d}`, d, 1, 'c1', 'Русский язык', 'tPrimary')),
  ];
  const ktp = (teacherId: string, classId: string, subjectId: string, subgroupId: string | null, grade: number): SeedKtp => ({
    teacherId, classId, subgroupId, subjectId,
    topics: Array.from({ length: 170 }, (_, i) => ({ title: `${subjectId}${subgroupId ?? ''}: тема ${i + 1}`, hours: 1,
      workType: (i + 1) % 8 === 0 && grade > 1 ? 'control' : null })),
  });
  return {
    schoolId: 'school', academicYearId: 'year', timeZone: 'Europe/Moscow', now: NOW, yearStart: '2026-09-01', yearEnd: '2027-05-26',
    workingModes: [{ gradeFrom: 1, gradeTo: 11, daysPerWeek: 5 }],
    holidays: [
      { kind: 'vacation', name: 'Осенние каникулы', startsOn: '2026-10-26', endsOn: '2026-11-03', gradeFrom: 1, gradeTo: 11 },
      { kind: 'holiday', name: 'День народного единства', startsOn: '2026-11-04', endsOn: '2026-11-04', gradeFrom: 1, gradeTo: 11 },
    ],
    bells: BELLS.map(([lessonNumber, startsAt, endsAt]) => ({ weekdays: [1, 2, 3, 4, 5], lessonNumber, startsAt, endsAt })),
    classes: [{ id: 'c1', name: '1А', grade: 1, classTeacherId: 'tPrimary' }, { id: 'c5', name: '5А', grade: 5, classTeacherId: 'tMath' }],
    students, entries,
    ktp: [ktp('tMath', 'c5', 'Математика', null, 5), ktp('tEng1', 'c5', 'Иностранный язык', 'g1', 5), ktp('tEng2', 'c5', 'Иностранный язык', 'g2', 5),
      ktp('tMath', 'c5', 'Основы духовно-нравственной культуры народов России', null, 5), ktp('tPrimary', 'c1', 'Русский язык', null, 1)],
    periods: [
      { id: 'q1', gradeFrom: 1, gradeTo: 9, startsOn: '2026-09-01', endsOn: '2026-10-23' },
      { id: 'q2', gradeFrom: 1, gradeTo: 9, startsOn: '2026-11-05', endsOn: '2026-12-28' },
    ],
    userOf: new Map(['tMath', 'tEng1', 'tEng2', 'tPrimary'].map((p) => [p, `u-${p}`])),
    weights: new Map([['answer', 1], ['control', 2], ['independent', 1.5], ['homework', 1], ['credit', 1]]),
    roundingThreshold: 0.5,
    ...over,
  };
}

/** The plan with generated ids replaced by stable names, to compare two runs. */
function stable(p: JournalSeedPlan) {
  const name = new Map(p.lessons.map((l) => [l.id, `${l.class_id}|${l.date}|${l.lesson_number}|${l.subgroup_id}`]));
  return {
    lessons: p.lessons.map(({ id: _id, ...l }) => l),
    marks: p.marks.map(({ id: _id, lesson_id, ...m }) => ({ ...m, lesson: name.get(lesson_id) })),
    attendance: p.attendance.map(({ lesson_id, ...a }) => ({ ...a, lesson: name.get(lesson_id) })),
    homework: p.homework.map(({ id: _id, lesson_id, ...h }) => ({ ...h, lesson: name.get(lesson_id) })),
    periodMarks: p.periodMarks.map(({ id: _id, ...m }) => m),
    summary: p.summary,
  };
}

describe('journal seed plan (issue 4, DESIGN "Demo data")', () => {
  const plan = planJournal(world());
  const lessonById = new Map(plan.lessons.map((l) => [l.id, l]));

  it('R-JRN-01 makes the timetable\'s lessons from the year start up to today: no weekend, vacation or holiday, none after today', () => {
    const dates = [...new Set(plan.lessons.map((l) => l.date))].sort();
    expect(dates[0]).toBe('2026-09-01');
    expect(dates[dates.length - 1]).toBe(TODAY);
    for (const d of dates) {
      expect(new Date(`${d}T00:00:00Z`).getUTCDay() % 6, d).not.toBe(0);
      expect(d >= '2026-10-26' && d <= '2026-11-04', d).toBe(false);
    }
    // 1А has Russian every school day: 1–30 Sept (22), 1–23 Oct (17), 5–30 Nov (18).
    expect(plan.lessons.filter((l) => l.class_id === 'c1')).toHaveLength(22 + 17 + 18);
    expect(plan.lessons.every((l) => l.timetable_entry_id !== null && l.cancelled === false)).toBe(true);
  });

  it('leaves today\'s lessons empty and holds every earlier one, its content stamped on the lesson day unless flagged late', () => {
    const today = plan.lessons.filter((l) => l.date === TODAY);
    expect(today.length).toBeGreaterThan(0);
    for (const l of today) expect(l).toMatchObject({ held: false, topic: null, first_entered_at: null, work_types: [] });
    const todayIds = new Set(today.map((l) => l.id));
    expect([...plan.marks, ...plan.attendance, ...plan.homework].some((r) => todayIds.has(r.lesson_id))).toBe(false);
    for (const l of plan.lessons.filter((x) => x.date < TODAY)) {
      expect(l.held).toBe(true);
      const stamped = new Date(l.first_entered_at as string).getTime();
      expect(stamped).toBeLessThan(NOW.getTime());
      const localDay = new Date(stamped + 3 * 3_600_000).toISOString().slice(0, 10);
      if (l.entered_late) expect(localDay > l.date).toBe(true);
      else expect(localDay).toBe(l.date);
    }
    expect(plan.summary).toMatchObject({ today: TODAY, todayLessons: today.length, lessons: plan.lessons.length });
  });

  it('R-CUR-09 gives each course the КТП\'s topics in order, English groups each their own', () => {
    const courses = new Map<string, string[]>();
    for (const l of plan.lessons.filter((x) => x.held)) {
      const key = `${l.class_id}|${l.subgroup_id}|${l.subject_id}`;
      courses.set(key, [...(courses.get(key) ?? []), l.topic as string]);
    }
    expect(courses.size).toBe(5);
    for (const [key, topics] of courses) {
      const [, subgroup, subject] = key.split('|');
      expect(topics, key).toEqual(topics.map((_, i) => `${subject}${subgroup === 'null' ? '' : subgroup}: тема ${i + 1}`));
    }
  });

  it('R-JRN-03 no marks and no homework in the 1st grade; every present student marked on a control work; зачёт in a subject without marks', () => {
    const c1 = new Set(plan.lessons.filter((l) => l.class_id === 'c1').map((l) => l.id));
    expect(plan.marks.some((m) => c1.has(m.lesson_id))).toBe(false);
    expect(plan.homework.some((h) => c1.has(h.lesson_id))).toBe(false);
    const controls = plan.lessons.filter((l) => l.work_types.includes('control'));
    expect(controls.length).toBeGreaterThan(3);
    for (const l of controls) {
      const members = world().students.filter((s) => s.classId === l.class_id && (!l.subgroup_id || s.subgroupIds.includes(l.subgroup_id)));
      const absent = new Set(plan.attendance.filter((a) => a.lesson_id === l.id && a.code !== 'ОП').map((a) => a.student_id));
      const marked = new Set(plan.marks.filter((m) => m.lesson_id === l.id).map((m) => m.student_id));
      for (const s of members) expect(marked.has(s.id), `${l.date} ${s.id}`).toBe(!absent.has(s.id));
    }
    const oneknr = plan.marks.filter((m) => lessonById.get(m.lesson_id)?.subject_id.startsWith('Основы'));
    expect(oneknr.length).toBeGreaterThan(0);
    expect(oneknr.every((m) => (m.value === 'зч' || m.value === 'нз') && m.work_type === 'credit')).toBe(true);
    // Weights come from the work types.
    for (const m of plan.marks) expect(m.weight).toBe(world().weights.get(m.work_type));
    // Absent students have no marks.
    const absent = new Set(plan.attendance.filter((a) => a.code !== 'ОП').map((a) => `${a.lesson_id}|${a.student_id}`));
    expect(plan.marks.some((m) => absent.has(`${m.lesson_id}|${m.student_id}`))).toBe(false);
  });

  it('R-JRN-04 Б covers whole school days in runs of 3–7 consecutive school days of the class, corrected by the class teacher', () => {
    const classDays = new Map<string, string[]>();
    for (const l of plan.lessons.filter((x) => x.date < TODAY)) {
      const days = classDays.get(l.class_id) ?? [];
      if (!days.includes(l.date)) days.push(l.date);
      classDays.set(l.class_id, days.sort());
    }
    const ill = new Map<string, Set<string>>();
    for (const a of plan.attendance.filter((x) => x.code === 'Б')) {
      const l = lessonById.get(a.lesson_id)!;
      ill.set(a.student_id, (ill.get(a.student_id) ?? new Set()).add(l.date));
      expect(a.updated_by).toBe(l.class_id === 'c5' ? 'u-tMath' : 'u-tPrimary');
    }
    expect(ill.size).toBeGreaterThan(5);
    for (const [student, dates] of ill) {
      const days = classDays.get(student.startsWith('s5') ? 'c5' : 'c1') as string[];
      const idx = [...dates].map((d) => days.indexOf(d)).sort((a, b) => a - b);
      const runs: number[] = [];
      idx.forEach((v, i) => (i > 0 && v === idx[i - 1] + 1 ? runs[runs.length - 1]++ : runs.push(1)));
      for (const r of runs) {
        expect(r, student).toBeGreaterThanOrEqual(3);
        expect(r, student).toBeLessThanOrEqual(7);
      }
      // Every lesson of the student on those days.
      for (const d of dates) {
        const theirs = plan.lessons.filter((l) => l.date === d && l.class_id === (student.startsWith('s5') ? 'c5' : 'c1')
          && (!l.subgroup_id || world().students.find((s) => s.id === student)?.subgroupIds.includes(l.subgroup_id)));
        const coded = plan.attendance.filter((a) => a.student_id === student && lessonById.get(a.lesson_id)?.date === d);
        expect(coded.map((a) => a.code)).toEqual(theirs.map(() => 'Б'));
      }
    }
    expect(plan.attendance.every((a) => (a.code === 'ОП') === (a.minutes_late !== null))).toBe(true);
  });

  it('R-JRN-08 sets period marks of the quarter that is over only, from the weighted average rounded at 0.5', () => {
    expect(plan.periodMarks.length).toBeGreaterThan(0);
    expect(new Set(plan.periodMarks.map((p) => p.period_id))).toEqual(new Set(['q1']));
    for (const p of plan.periodMarks) {
      const marks = plan.marks.filter((m) => m.student_id === p.student_id && lessonById.get(m.lesson_id)!.subject_id === p.subject_id
        && lessonById.get(m.lesson_id)!.date <= '2026-10-23');
      const avg = weightedAverage(marks);
      expect(p.weighted_average).toBe(avg);
      expect(p.value).toBe(proposeMark(avg, 0.5));
    }
    // No period mark in a subject without marks, none in the 1st grade.
    expect(plan.periodMarks.some((p) => p.subject_id.startsWith('Основы') || p.student_id.startsWith('s1'))).toBe(false);
  });

  it('is the same journal on every fresh start (same day): randomness comes from names, not ids', () => {
    expect(stable(planJournal(world()))).toEqual(stable(plan));
    // Another day gives another journal, up to that day.
    const earlier = planJournal(world({ now: new Date('2026-10-01T09:00:00+03:00') }));
    expect(earlier.lessons.every((l) => l.date <= '2026-10-01')).toBe(true);
    expect(earlier.summary.today).toBe('2026-10-01');
  });

  it('seeds nothing before the year starts', () => {
    const before = planJournal(world({ now: new Date('2026-08-20T12:00:00+03:00') }));
    expect(before.summary).toMatchObject({ today: null, lessons: 0, marks: 0 });
    expect(before.lessons).toEqual([]);
  });

  it('levels spread every class: ~¼ strong, ½ average, ¼ weak; strong students get 5s and 4s, weak ones 3s and some 2s', () => {
    const levels = levelsOf(world().students.filter((s) => s.classId === 'c5'));
    const count = (l: string) => [...levels.values()].filter((v) => v === l).length;
    expect([count('strong'), count('average'), count('weak')]).toEqual([3, 6, 3]);
    const rng = new Rng('test');
    const draw = (ability: number) => Array.from({ length: 2000 }, () => Number(drawMark(rng, ability)));
    const strong = draw(4.45);
    const weak = draw(3.1);
    expect(strong.filter((m) => m >= 4).length / strong.length).toBeGreaterThan(0.85);
    expect(weak.filter((m) => m === 3).length / weak.length).toBeGreaterThan(0.45);
    expect(weak.filter((m) => m === 2).length / weak.length).toBeGreaterThan(0.08);
    expect(weak.filter((m) => m === 5).length / weak.length).toBeLessThan(0.05);
  });
});
