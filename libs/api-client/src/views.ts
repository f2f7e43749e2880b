import type { components } from './schema';

/**
 * Names for the API answers the SPAs read. Most are the generated OpenAPI schemas (so a change in the API breaks
 * the SPA build, not the running app); the rest follow docs/roster-api-plan.md for routes whose OpenAPI answer
 * schema is loose or not published yet.
 */
type Generated = components['schemas'];

/**
 * A nullable field declared in Nest without `type: String` is published as `type: object` (→ `Record<string, never>`);
 * such fields hold strings (ids, names, dates), so they are read as strings here.
 */
type Loose = Record<string, never>;
type FixField<V> = V extends Loose ? string : V extends (infer E)[] ? FixField<E>[] : V extends object ? Fixed<V> : V;
export type Fixed<T> = { [K in keyof T]: FixField<T[K]> };
type S = { [K in keyof Generated]: Fixed<Generated[K]> };

export type Me = S['MeView'];
export type Membership = S['MembershipView'];
export type Child = S['ChildView'];
export type School = S['SchoolView'];
export type AcademicYear = S['AcademicYearView'];
export type Staff = S['StaffView'];
export type CreatedStaff = S['CreatedStaffView'];
export type SchoolClass = S['ClassView'];
export type ClassStudent = S['ClassStudentView'];
export type ClassDetail = S['ClassDetailView'];
export type StudentListItem = S['StudentListItem'];
export type StudentPage = S['StudentPage'];
export type StudentCard = S['StudentCardView'];
export type Guardian = S['GuardianView'];
export type Subgroup = S['SubgroupView'];
export type Movement = S['MovementView'];
export type IntegrationToken = S['IntegrationTokenView'];
export type CreatedIntegrationToken = S['CreatedIntegrationTokenView'];

// ---- Year transition (POST /year-transitions/preview, POST /year-transitions) ----

export interface TransitionYear {
  id: string;
  name: string;
  status: string;
  startsOn: string;
  endsOn: string;
}

export interface TransitionStudent {
  studentId: string;
  fullName: string;
}

export interface TransitionTarget {
  classId: string | null;
  grade: number;
  letter: string;
  name: string;
  exists: boolean;
  classTeacherId: string | null;
  classTeacherName: string | null;
  currentStudentCount: number;
}

export interface ClassTransition {
  fromClassId: string;
  fromClassName: string;
  grade: number;
  letter: string;
  outcome: string;
  target: TransitionTarget | null;
  students: TransitionStudent[];
  heldBack: TransitionStudent[];
  heldBackTarget: TransitionTarget | null;
}

export interface TransitionWarning {
  code: string;
  blocking: boolean;
  message: string;
  classId?: string | null;
  studentIds?: string[];
}

export interface YearTransitionPlan {
  schoolId: string;
  fromYear: TransitionYear;
  toYear: TransitionYear;
  classes: ClassTransition[];
  classesToCreate: { grade: number; letter: string; name: string; classTeacherId: string | null }[];
  totals: { classes: number; promoted: number; graduated: number; heldBack: number; classesToCreate: number; withoutClass: number };
  warnings: TransitionWarning[];
  canExecute: boolean;
}

export interface YearTransitionResult extends YearTransitionPlan {
  id: string;
  orderNumber: string;
  date: string;
  executedAt: string;
  executedBy: string | null;
  repeated: boolean;
}

// ---- Import ----

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  created: number;
  errors: { line: number; field?: string | null; message: string }[];
}

// ---- Audit (the controller publishes no answer schema) ----

export interface AuditEvent {
  seq: number;
  occurredAt: string;
  actorUserId: string | null;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  requestId: string | null;
}

export interface AuditPage {
  items: AuditEvent[];
  total: number;
}

export interface AuditVerification {
  schoolId?: string;
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  problem: string | null;
}
