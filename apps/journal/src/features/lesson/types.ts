import type { Fixed, Schemas } from '@otmetka/api-client';

/** Answers of the lesson API (R-JRN-01..05), from the generated OpenAPI schema: a lesson in a list, the lesson page, the bulk save. */
export type LessonSummary = Fixed<Schemas['LessonSummaryView']>;
export type LessonPageData = Fixed<Schemas['LessonPageView']>;
export type LessonStudent = Fixed<Schemas['LessonStudentView']>;
export type LessonMark = Fixed<Schemas['LessonMarkView']>;
export type LessonEdit = Fixed<Schemas['LessonEditView']>;
export type HomeworkFile = Fixed<Schemas['HomeworkFileView']>;
export type WorkType = Fixed<Schemas['WorkTypeView']>;

/** PUT /lessons/{id}: everything changed on the page in one request (only what changed is sent). */
export interface SaveLessonBody {
  version: number;
  topic?: string | null;
  held?: boolean;
  workTypes?: string[];
  homework?: { text: string; dueDate?: string | null } | null;
  attendance?: { studentId: string; code: string | null }[];
  marks?: { upsert?: { id?: string; studentId: string; value: string; workType: string; comment?: string | null }[]; delete?: string[] };
  remarks?: { studentId: string; text: string }[];
}
