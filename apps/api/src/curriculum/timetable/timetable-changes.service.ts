import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../../audit/log/audit.service';
import { snapshot } from '../../audit/log/canonical-json';
import { type Actor, requireRole } from '../../platform/auth/principal';
import { newId } from '../../platform/database/ids';
import { Conflict, InvalidField, NotFound } from '../../platform/errors/domain-errors';
import { ClassesService } from '../../roster/classes/classes.service';
import { CalendarService, type YearCalendar } from '../calendar/calendar.service';
import { weekdayOf } from '../calendar/school-days';
import { PLANNING_WRITE } from '../curriculum.roles';
import { TeacherLoadsService } from '../loads/teacher-loads.service';
import { requireClass, requireRoom } from '../plans/school-references';
import { findClash } from './conflicts';
import { occupying, validOn } from './effective-week';
import { lockTimetable } from './timetable-entries.service';
import { TimetableWeekService } from './timetable-week.service';
import { TimetableChange, TimetableEntry } from './timetable.entities';
import { CreateTimetableChangeDto, TimetableChangeView } from './timetable.dto';

const toView = (c: TimetableChange): TimetableChangeView => ({
  id: c.id, entryId: c.entryId, date: c.date, kind: c.kind, newLessonNumber: c.newLessonNumber, newDate: c.newDate, newRoomId: c.newRoomId,
  substituteTeacherId: c.substituteTeacherId, reason: c.reason, createdBy: c.createdBy,
});

/** Fields each kind of change takes; the others must be absent. */
const FIELDS_OF: Record<TimetableChange['kind'], readonly (keyof CreateTimetableChangeDto)[]> = {
  cancel: [],
  move: ['newLessonNumber', 'newDate', 'newRoomId'],
  substitute: ['substituteTeacherId', 'newRoomId'],
};
const OPTIONAL_FIELDS = ['newLessonNumber', 'newDate', 'newRoomId', 'substituteTeacherId'] as const;

/** R-CUR-08: one-off changes of a lesson on a date — cancel, move, substitute — made by the deputy and audited. */
@Injectable()
export class TimetableChangesService {
  constructor(private readonly db: DataSource, private readonly audit: AuditService, private readonly classes: ClassesService,
    private readonly calendar: CalendarService, private readonly loads: TeacherLoadsService, private readonly week: TimetableWeekService) {}

  async create(actor: Actor, dto: CreateTimetableChangeDto): Promise<TimetableChangeView> {
    const found = await this.db.getRepository(TimetableEntry).findOneBy({ id: dto.entryId });
    if (!found || !actor.principal.memberships.some((m) => m.schoolId === found.schoolId)) throw new NotFound('No such timetable entry');
    const a = requireRole(actor, found.schoolId, PLANNING_WRITE);
    for (const f of OPTIONAL_FIELDS) {
      if (dto[f] !== undefined && !FIELDS_OF[dto.kind].includes(f)) throw new InvalidField(f, `${f} does not apply to a change of kind ${dto.kind}`);
    }
    return this.db.transaction(async (tx) => {
      await lockTimetable(tx, found.schoolId);
      const entry = await tx.findOneByOrFail(TimetableEntry, { id: dto.entryId });
      await this.classes.assertYearNotClosed(tx, entry.academicYearId);
      const cls = await requireClass(tx, entry.schoolId, entry.classId);
      // Read outside the transaction: the calendar service issues its statements in parallel.
      const cal = await this.calendar.forYear(entry.academicYearId);
      if (weekdayOf(dto.date) !== entry.weekday || !validOn(entry, dto.date) || !cal.isSchoolDay(dto.date, cls.grade)) {
        throw new InvalidField('date', 'the entry gives no lesson on that date (another weekday, outside its validity, or not a school day)');
      }
      const existing = await tx.findOneBy(TimetableChange, { entryId: entry.id, date: dto.date });
      if (existing) throw new Conflict('The lesson already has a change on that date; delete it first', { existing: toView(existing) });
      const change = tx.create(TimetableChange, { id: newId(), schoolId: entry.schoolId, entryId: entry.id, date: dto.date, kind: dto.kind,
        newLessonNumber: dto.newLessonNumber ?? null, newDate: dto.newDate ?? null, newRoomId: dto.newRoomId ?? null,
        substituteTeacherId: dto.substituteTeacherId ?? null, reason: dto.reason, createdBy: actor.principal.userId });
      if (dto.newRoomId) await requireRoom(tx, entry.schoolId, dto.newRoomId, 'newRoomId');
      if (dto.kind === 'move') await this.assertMove(tx, entry, cls.grade, cal, change);
      if (dto.kind === 'substitute') await this.assertSubstitute(tx, entry, cal, change);
      await tx.insert(TimetableChange, change);
      const view = toView(change);
      await this.audit.record(tx, { schoolId: entry.schoolId, actor, role: a.role, action: `timetable_change.${dto.kind}`, entity: 'timetable_change',
        entityId: change.id, after: view, reason: dto.reason });
      return view;
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const found = await this.db.getRepository(TimetableChange).findOneBy({ id });
    if (!found || !actor.principal.memberships.some((m) => m.schoolId === found.schoolId)) throw new NotFound('No such timetable change');
    const a = requireRole(actor, found.schoolId, PLANNING_WRITE);
    await this.db.transaction(async (tx) => {
      await lockTimetable(tx, found.schoolId);
      const change = await tx.findOneBy(TimetableChange, { id });
      if (!change) throw new NotFound('No such timetable change');
      const entry = await tx.findOneByOrFail(TimetableEntry, { id: change.entryId });
      await this.classes.assertYearNotClosed(tx, entry.academicYearId);
      await tx.delete(TimetableChange, { id });
      await this.audit.record(tx, { schoolId: change.schoolId, actor, role: a.role, action: 'timetable_change.delete', entity: 'timetable_change',
        entityId: id, before: snapshot(toView(change)) });
    });
  }

  /** A moved lesson needs a school day of the class and a free teacher, room and class at its new place. */
  private async assertMove(tx: EntityManager, entry: TimetableEntry, grade: number, cal: YearCalendar, c: TimetableChange): Promise<void> {
    if (c.newDate === null && c.newLessonNumber === null && c.newRoomId === null) {
      throw new InvalidField('newDate', 'a move needs newDate, newLessonNumber or newRoomId');
    }
    const date = c.newDate ?? c.date;
    if (c.newDate !== null && !cal.isSchoolDay(c.newDate, grade)) throw new InvalidField('newDate', 'not a school day of the class');
    const lessonNumber = c.newLessonNumber ?? entry.lessonNumber;
    if (date === c.date && lessonNumber === entry.lessonNumber && (c.newRoomId === null || c.newRoomId === entry.roomId)) {
      throw new InvalidField('newLessonNumber', 'the move changes nothing');
    }
    await this.assertFree(tx, entry, cal, c, { date, lessonNumber, teacherId: entry.teacherId, roomId: c.newRoomId ?? entry.roomId });
  }

  /** A substitute is an active teacher free at that time; the template's teacher cannot substitute themselves. */
  private async assertSubstitute(tx: EntityManager, entry: TimetableEntry, cal: YearCalendar, c: TimetableChange): Promise<void> {
    if (!c.substituteTeacherId) throw new InvalidField('substituteTeacherId', 'a substitution needs substituteTeacherId');
    if (c.substituteTeacherId === entry.teacherId) throw new InvalidField('substituteTeacherId', 'is the lesson\'s own teacher');
    await this.loads.assertTeacher(tx, entry.schoolId, c.substituteTeacherId, 'substituteTeacherId');
    await this.assertFree(tx, entry, cal, c, { date: c.date, lessonNumber: entry.lessonNumber, teacherId: c.substituteTeacherId,
      roomId: c.newRoomId ?? entry.roomId });
  }

  /** 409 with the clashing lesson when the effective timetable of that date already uses the teacher, room or class then. */
  private async assertFree(tx: EntityManager, entry: TimetableEntry, cal: YearCalendar, c: TimetableChange,
    at: { date: string; lessonNumber: number; teacherId: string; roomId: string | null }): Promise<void> {
    const lessons = occupying(await this.week.lessonsOn(tx, entry.schoolId, cal, at.date))
      .filter((l) => l.lessonNumber === at.lessonNumber && !(l.entryId === entry.id && l.sourceDate === c.date));
    const others = lessons.map((l) => ({ ...l, id: `${l.entryId}:${l.sourceDate}` }));
    const clash = findClash({ id: 'candidate', classId: entry.classId, subgroupId: entry.subgroupId, teacherId: at.teacherId, roomId: at.roomId }, others);
    if (clash) {
      const l = clash.with;
      const what = { teacher: 'The teacher is busy', room: 'The room is taken', class: 'The class already has a lesson' }[clash.kind];
      throw new Conflict(`${what} at that time`, {
        clashKind: clash.kind,
        clash: { id: l.entryId, entryId: l.entryId, date: l.date, lessonNumber: l.lessonNumber, classId: l.classId, className: l.className,
          subgroupName: l.subgroupName, subjectName: l.subjectName, teacherId: l.teacherId, teacherName: l.teacherName, roomId: l.roomId, roomName: l.roomName },
      });
    }
  }
}
