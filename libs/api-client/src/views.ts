import type { components } from './schema';

/**
 * Names for the API answers the SPAs read: the generated OpenAPI schemas (so a change in the API breaks the SPA
 * build, not the running app), and hand-written shapes for the audit routes, whose OpenAPI answer schema is empty.
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

// ---- Year transition, import ----

export type YearTransitionPlan = S['YearTransitionPlanView'];
export type YearTransitionResult = S['YearTransitionResultView'];
export type ClassTransition = S['ClassTransitionView'];
export type TransitionWarning = S['TransitionWarningView'];
export type ImportReport = S['ImportReportView'];
export type ImportedAccount = S['ImportedAccountView'];

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
