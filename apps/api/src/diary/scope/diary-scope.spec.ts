import type { Role } from '@otmetka/contracts';
import { type AccessFacts, decideDiaryAccess } from './diary-scope';

const none: AccessFacts = { isSelf: false, isParent: false, isActiveInterested: false, isClassTeacher: false, teachesClass: false };
const facts = (over: Partial<AccessFacts>): AccessFacts => ({ ...none, ...over });

describe('diary scope policy (R-DIA-07)', () => {
  it.each<[string, Role[], Partial<AccessFacts>, string | null]>([
    ['a parent of the child', ['parent'], { isParent: true }, 'parent'],
    ['a parent of another child', ['parent'], {}, null],
    ['the student themself', ['student'], { isSelf: true }, 'self'],
    ['another student', ['student'], {}, null],
    ['an interested person while the designation lasts', ['interested_person'], { isActiveInterested: true }, 'interested_person'],
    ['an interested person whose designation ended', ['interested_person'], {}, null],
    ['a designation that is active but whose membership is gone', ['parent'], { isActiveInterested: true }, null],
    ['a student who is a parent\'s relative by facts only (no parent role)', ['student'], { isParent: true }, null],
    ['the director', ['director'], {}, 'school_reader'],
    ['the deputy', ['deputy'], {}, 'school_reader'],
    ['the admin', ['admin'], {}, 'school_reader'],
    ['the class teacher of the class', ['teacher', 'class_teacher'], { isClassTeacher: true, teachesClass: true }, 'class_teacher'],
    ['a class teacher of another class', ['teacher', 'class_teacher'], {}, null],
    ['a teacher of the class', ['teacher'], { teachesClass: true }, 'teacher'],
    ['a teacher of other classes', ['teacher'], {}, null],
    ['a teacher who is also the parent reads as the parent', ['teacher', 'parent'], { isParent: true, teachesClass: true }, 'parent'],
    ['no role in the school', [], { isParent: true }, null],
  ])('%s → %s', (_name, roles, f, viewer) => {
    expect(decideDiaryAccess('user', roles, [], facts(f))?.viewer ?? null).toBe(viewer);
  });

  it('an integration token needs diary:read', () => {
    expect(decideDiaryAccess('integration', ['integration'], ['diary:read'], none)).toEqual({ viewer: 'integration', role: 'integration', family: false });
    expect(decideDiaryAccess('integration', ['integration'], ['roster:read', 'journal:read'], none)).toBeNull();
  });

  it('family viewers count visits; staff and integrations are logged', () => {
    expect(decideDiaryAccess('user', ['parent'], [], facts({ isParent: true }))?.family).toBe(true);
    expect(decideDiaryAccess('user', ['director'], [], none)?.family).toBe(false);
    expect(decideDiaryAccess('user', ['teacher', 'class_teacher'], [], facts({ isClassTeacher: true }))?.role).toBe('class_teacher');
  });
});
