import { type FromClass, type PlanInput, planTransition } from './year-transition.plan';

const cls = (id: string, grade: number, letter: string, teacher: string | null = null, active = true): FromClass =>
  ({ id, grade, letter, classTeacherId: teacher, classTeacherName: teacher ? `Учитель ${teacher}` : null, classTeacherActive: !!teacher && active });
const pupil = (studentId: string, classId: string) => ({ studentId, fullName: `Ученик ${studentId}`, classId });
const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  fromYear: { status: 'open' }, toYear: { status: 'planned', hasEnrolments: false }, fromClasses: [], toClasses: [], enrolled: [], unplaced: [],
  heldBackStudentIds: [], executedAt: null, ...over,
});

describe('planTransition (R-ROS-09)', () => {
  it('moves a class to grade + 1 with the same letter and carries an active class teacher', () => {
    const plan = planTransition(input({ fromClasses: [cls('c5', 5, 'А', 't1')], enrolled: [pupil('s1', 'c5')] }));
    expect(plan.classes[0]).toMatchObject({ outcome: 'promote', target: { name: '6А', exists: false, classTeacherId: 't1', classTeacherName: 'Учитель t1' } });
    expect(plan.classesToCreate).toEqual([{ grade: 6, letter: 'А', name: '6А', classTeacherId: 't1' }]);
    expect(plan.canExecute).toBe(true);
  });

  it('does not carry a class teacher who is no longer active, and warns', () => {
    const plan = planTransition(input({ fromClasses: [cls('c5', 5, 'А', 't1', false)], enrolled: [pupil('s1', 'c5')] }));
    expect(plan.classesToCreate[0].classTeacherId).toBeNull();
    expect(plan.warnings.map((w) => w.code)).toEqual(['no_class_teacher']);
  });

  it('graduates grade 11 and creates no class for them', () => {
    const plan = planTransition(input({ fromClasses: [cls('c11', 11, 'Б')], enrolled: [pupil('s1', 'c11'), pupil('s2', 'c11')] }));
    expect(plan.classes[0]).toMatchObject({ outcome: 'graduate', target: null });
    expect(plan.totals).toMatchObject({ graduated: 2, promoted: 0, classesToCreate: 0 });
  });

  it('keeps held-back students in the same grade; the promoted class\'s teacher wins a class created for both', () => {
    const plan = planTransition(input({
      fromClasses: [cls('c5', 5, 'А', 't5'), cls('c4', 4, 'А', 't4')],
      enrolled: [pupil('s1', 'c5'), pupil('s2', 'c5'), pupil('s3', 'c4')], heldBackStudentIds: ['s2'],
    }));
    const c5 = plan.classes.find((c) => c.fromClassId === 'c5')!;
    expect(c5.heldBack.map((s) => s.studentId)).toEqual(['s2']);
    expect(c5.heldBackTarget).toMatchObject({ name: '5А', classTeacherId: 't4' });
    expect(plan.classesToCreate).toEqual([
      { grade: 5, letter: 'А', name: '5А', classTeacherId: 't4' },
      { grade: 6, letter: 'А', name: '6А', classTeacherId: 't5' },
    ]);
  });

  it('uses an existing target class and warns when it already has students', () => {
    const plan = planTransition(input({
      fromClasses: [cls('c5', 5, 'А')], enrolled: [pupil('s1', 'c5')],
      toClasses: [{ id: 'n6', grade: 6, letter: 'А', classTeacherId: null, classTeacherName: null, studentCount: 2 }],
    }));
    expect(plan.classes[0].target).toMatchObject({ classId: 'n6', exists: true, currentStudentCount: 2 });
    expect(plan.classesToCreate).toEqual([]);
    expect(plan.warnings).toMatchObject([{ code: 'target_has_students', classId: 'n6', blocking: false }]);
  });

  it('creates no target for an empty class', () => {
    const plan = planTransition(input({ fromClasses: [cls('c5', 5, 'А', 't1')] }));
    expect(plan.classes[0].target).toBeNull();
    expect(plan.classesToCreate).toEqual([]);
  });

  it('reports held-back ids that are not students of the year being finished', () => {
    const plan = planTransition(input({ fromClasses: [cls('c5', 5, 'А')], enrolled: [pupil('s1', 'c5')], heldBackStudentIds: ['s1', 'x'] }));
    expect(plan.unknownHeldBack).toEqual([1]);
    expect(plan.canExecute).toBe(false);
  });

  it.each([
    [{ fromYear: { status: 'planned' as const } }, 'from_year_not_started', true],
    [{ fromYear: { status: 'closed' as const } }, 'from_year_closed', false],
    [{ toYear: { status: 'closed' as const, hasEnrolments: false } }, 'to_year_closed', true],
    [{ toYear: { status: 'open' as const, hasEnrolments: false } }, 'to_year_not_planned', false],
    [{ toYear: { status: 'open' as const, hasEnrolments: true } }, 'to_year_has_enrolments', true],
    [{ unplaced: [{ studentId: 's9', fullName: 'Без класса' }] }, 'students_without_class', false],
    [{ executedAt: '2027-05-28T10:00:00.000Z' }, 'already_executed', false],
  ])('year states: %o → %s (blocking %s)', (over, code, blocking) => {
    const plan = planTransition(input(over as Partial<PlanInput>));
    expect(plan.warnings.find((w) => w.code === code)).toMatchObject({ blocking });
    expect(plan.canExecute).toBe(!blocking);
  });
});
