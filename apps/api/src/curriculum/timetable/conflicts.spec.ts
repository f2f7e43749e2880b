import { clashKinds, findClash, findTemplateClash, templateClashes, type TemplateBooking, validityOverlaps } from './conflicts';

const entry = (over: Partial<TemplateBooking> = {}): TemplateBooking => ({
  id: 'e1', classId: '5A', subgroupId: null, teacherId: 'ivanova', roomId: '101', weekday: 1, lessonNumber: 1,
  validFrom: '2026-09-01', validTo: null, ...over,
});

describe('timetable conflicts (R-CUR-08)', () => {
  it.each([
    ['the same teacher in two classes', entry({ classId: '5A' }), entry({ id: 'e2', classId: '6B', roomId: '202' }), ['teacher']],
    ['the same room for two teachers', entry(), entry({ id: 'e2', classId: '6B', teacherId: 'petrov' }), ['room']],
    ['a whole-class lesson and a subgroup of the class', entry(), entry({ id: 'e2', subgroupId: 'g1', teacherId: 'petrov', roomId: '202' }), ['class']],
    ['a subgroup and the whole class (other order)', entry({ subgroupId: 'g1' }), entry({ id: 'e2', teacherId: 'petrov', roomId: '202' }), ['class']],
    ['the same subgroup twice', entry({ subgroupId: 'g1' }), entry({ id: 'e2', subgroupId: 'g1', teacherId: 'petrov', roomId: '202' }), ['class']],
    ['two different subgroups of a class do not clash', entry({ subgroupId: 'g1' }), entry({ id: 'e2', subgroupId: 'g2', teacherId: 'petrov', roomId: '202' }), []],
    ['two classes, teachers and rooms do not clash', entry(), entry({ id: 'e2', classId: '6B', teacherId: 'petrov', roomId: '202' }), []],
    ['lessons without rooms do not clash by room', entry({ roomId: null }), entry({ id: 'e2', classId: '6B', teacherId: 'petrov', roomId: null }), []],
    ['an exact duplicate clashes in every way', entry(), entry({ id: 'e2' }), ['teacher', 'room', 'class']],
  ])('R-CUR-08 %s', (_name, a, b, kinds) => {
    expect(clashKinds(a, b)).toEqual(kinds);
    expect(clashKinds(b, a)).toEqual(kinds);
  });

  it.each([
    ['open-ended ranges', { validFrom: '2026-09-01', validTo: null }, { validFrom: '2027-01-11', validTo: null }, true],
    ['an ended range before a later one', { validFrom: '2026-09-01', validTo: '2026-12-31' }, { validFrom: '2027-01-11', validTo: null }, false],
    ['touching on one day', { validFrom: '2026-09-01', validTo: '2027-01-11' }, { validFrom: '2027-01-11', validTo: null }, true],
    ['the later range ended before the earlier starts', { validFrom: '2027-01-11', validTo: null }, { validFrom: '2026-09-01', validTo: '2027-01-10' }, false],
  ])('R-CUR-08 validity overlap: %s', (_name, a, b, overlaps) => {
    expect(validityOverlaps(a, b)).toBe(overlaps);
  });

  it('R-CUR-08 a template clash needs the same weekday, lesson number and overlapping validity', () => {
    const existing = [
      entry({ id: 'tue', weekday: 2 }),
      entry({ id: 'second', lessonNumber: 2 }),
      entry({ id: 'ended', validTo: '2026-12-31' }),
    ];
    const candidate = entry({ id: 'new', classId: '6B', roomId: '202', validFrom: '2027-01-11' });
    expect(findTemplateClash(candidate, existing)).toBeNull();
    const live = entry({ id: 'live', classId: '7A', roomId: '303', validFrom: '2026-12-01' });
    expect(findTemplateClash(candidate, [...existing, live])).toEqual({ with: live, kind: 'teacher' });
  });

  it('R-CUR-08 an entry moved onto its own slot does not clash with itself', () => {
    const e = entry();
    expect(findTemplateClash({ ...e, roomId: '202' }, [e])).toBeNull();
    expect(findClash(e, [e])).toBeNull();
  });

  it('R-CUR-05 lists every clashing pair once per kind', () => {
    const a = entry({ id: 'a' });
    const b = entry({ id: 'b', classId: '6B', roomId: '202' });
    const c = entry({ id: 'c', classId: '7A', teacherId: 'petrov', roomId: '202' });
    const d = entry({ id: 'd', classId: '7A', teacherId: 'sidorov', roomId: '303', subgroupId: 'g1', weekday: 2 });
    expect(templateClashes([a, b, c, d]).map((x) => [x.a.id, x.b.id, x.kind])).toEqual([
      ['a', 'b', 'teacher'],
      ['b', 'c', 'room'],
    ]);
  });
});
