import type { Fixed, Schemas } from '@otmetka/api-client';
import { MAX_GRADE, MIN_GRADE } from '@otmetka/contracts';
import type { TFunction } from 'i18next';
import { useAccess } from '../../lib/access';
import './curriculum.css';

/**
 * Shared pieces of the curriculum screens (periods, subjects, plan, load, calendar, timetable, КТП): the answer types of
 * the curriculum API, who may do what (the API checks the same, R-SEC-02), and small formatters.
 */
export type Subject = Fixed<Schemas['SubjectView']>;
export type FederalImportResult = Fixed<Schemas['FederalImportResult']>;
export type Room = Fixed<Schemas['RoomView']>;
export type Textbook = Fixed<Schemas['TextbookView']>;
export type StudyPeriod = Fixed<Schemas['PeriodView']>;
export type PeriodKind = StudyPeriod['kind'];
export type WorkingMode = Fixed<Schemas['WorkingModeView']>;
export type BellSchedule = Fixed<Schemas['BellScheduleView']>;
export type BellSlot = Fixed<Schemas['BellSlotView']>;
export type Holiday = Fixed<Schemas['HolidayView']>;
export type CurriculumPlan = Fixed<Schemas['CurriculumPlanView']>;
export type CurriculumPlanDetail = Fixed<Schemas['CurriculumPlanDetailView']>;
export type PlanLine = Fixed<Schemas['PlanLineView']>;
export type InspectionReport = Fixed<Schemas['InspectionReportView']>;
export type InspectionItem = Fixed<Schemas['InspectionItemView']>;
export type TeacherLoad = Fixed<Schemas['TeacherLoadView']>;
export type ApprovedLoads = Fixed<Schemas['ApprovedLoadsView']>;
export type TimetableEntry = Fixed<Schemas['TimetableEntryView']>;
export type TimetableWeek = Fixed<Schemas['TimetableWeekView']>;
export type TimetableDay = Fixed<Schemas['TimetableDayView']>;
export type EffectiveLesson = Fixed<Schemas['EffectiveLessonView']>;
export type TimetableChange = Fixed<Schemas['TimetableChangeView']>;
export type ChangeKind = TimetableChange['kind'];
export type Ktp = Fixed<Schemas['KtpView']>;
export type KtpDetail = Fixed<Schemas['KtpDetailView']>;
export type KtpTopic = Fixed<Schemas['KtpTopicView']>;

/** The answer of a КТП import with dryRun=true (the OpenAPI document names only the saved КТП). */
export interface KtpImportReport {
  dryRun: true;
  valid: boolean;
  topics: KtpTopic[];
  errors: { line: number; field: string; message: string }[];
}

export const GRADES: number[] = Array.from({ length: MAX_GRADE - MIN_GRADE + 1 }, (_, i) => MIN_GRADE + i);
/** ISO weekdays a school may teach on: Monday 1 … Saturday 6. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6] as const;
export const PERIOD_KINDS = ['quarter', 'trimester', 'half_year'] as const;
export const PERIOD_COUNT: Record<PeriodKind, number> = { quarter: 4, trimester: 3, half_year: 2 };

const hasAny = (roles: readonly string[], list: readonly string[]) => roles.some((r) => list.includes(r));

/** What the caller may do in the curriculum of the selected school (R-SEC-02); the API enforces the same. */
export function useCurriculumAccess() {
  const access = useAccess();
  const canPlan = hasAny(access.roles, ['operator', 'admin', 'deputy']);
  const canApprove = access.roles.includes('director');
  return {
    ...access,
    /** Periods, subjects, rooms, textbooks, working mode, bells, holidays: the journal administrator. */
    canManageCalendar: hasAny(access.roles, ['operator', 'admin']),
    /** Plan drafts, teacher load, timetable and its one-off changes: the deputy (and the admin). */
    canPlan,
    /** Approves the plan and the teacher load. */
    canApprove,
    /** The electronic inspector: those who prepare the plan and the director. */
    canInspect: canPlan || canApprove,
    /** A teacher edits only their own КТП; the deputy and the admin any. */
    canEditKtp: (teacherId: string) => canPlan || (access.isTeacher && teacherId === access.personId),
    /** Whose timetable week may be opened by teacher: any teacher's for the school leaders, else one's own. */
    seesAnyTeacher: hasAny(access.roles, ['operator', 'admin', 'director', 'deputy']),
  };
}

/** "5–9 классы" / "10 класс". */
export function gradeRange(t: TFunction, from: number, to: number): string {
  return from === to ? t('cur.oneGrade', { grade: from }) : t('cur.gradeRange', { from, to });
}

/** Hours with the decimal separator of the interface language (4,5 in Russian). */
export function formatHours(hours: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 }).format(hours);
}

/** "Иванова Мария Петровна" → "Иванова М. П." (timetable cells are narrow). */
export function shortPersonName(full: string | null | undefined): string {
  if (!full) return '';
  const [last, ...rest] = full.trim().split(/\s+/);
  return [last, ...rest.map((p) => `${p[0]}.`)].join(' ');
}

/** A room as people say it: "каб. 14" for a bare number, the name otherwise ("Спортзал"). */
export function roomLabel(t: TFunction, name: string | null | undefined): string {
  if (!name) return '';
  return /^\d/.test(name.trim()) ? t('cur.roomNumber', { name: name.trim() }) : name;
}

/** `date` moved into [from, to]. */
export function clampDate(date: string, from: string, to: string): string {
  return date < from ? from : date > to ? to : date;
}

/** Adds days to a calendar date (YYYY-MM-DD), in UTC so no time zone shifts it. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week of a calendar date. */
export function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  return addDays(date, -((d.getUTCDay() + 6) % 7));
}

/** Options of a number select (e.g. grades). */
export const numberOptions = (values: readonly number[], label: (n: number) => string = String) =>
  values.map((n) => ({ value: String(n), label: label(n) }));
