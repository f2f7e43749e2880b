import { StudyPeriod } from './periods/study-period.entity';
import { Subject } from './subjects/subject.entity';
import { Room, Textbook } from './reference/room.entity';
import { CurriculumPlan, CurriculumPlanLine } from './plans/curriculum-plan.entity';
import { TeacherLoad } from './loads/teacher-load.entity';
import { BellSchedule, BellSlot, Holiday, WorkingMode } from './calendar/calendar.entities';
import { TimetableChange, TimetableEntry } from './timetable/timetable.entities';
import { KtpPlan, KtpTopic } from './ktp/ktp.entities';

export const CURRICULUM_ENTITIES = [StudyPeriod, Subject, Room, Textbook, CurriculumPlan, CurriculumPlanLine, TeacherLoad, WorkingMode,
  BellSchedule, BellSlot, Holiday, TimetableEntry, TimetableChange, KtpPlan, KtpTopic];
