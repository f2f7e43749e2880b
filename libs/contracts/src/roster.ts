/** R-ROS-08: kinds of student movement. */
export const MOVEMENT_KINDS = ['enrol', 'transfer_within', 'transfer_out', 'expel'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
/** Kinds recorded in the movement book: the four an admin records, plus those written by the year transition. */
export const MOVEMENT_RECORD_KINDS = [...MOVEMENT_KINDS, 'promote', 'graduate'] as const;
export type MovementRecordKind = (typeof MOVEMENT_RECORD_KINDS)[number];
export const MOVEMENT_LABELS_RU: Record<MovementRecordKind, string> = {
  enrol: 'Зачисление', transfer_within: 'Перевод в другой класс', transfer_out: 'Выбытие в другую ОО', expel: 'Отчисление',
  promote: 'Перевод в следующий класс', graduate: 'Выпуск',
};
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const ACADEMIC_YEAR_STATUSES = ['planned', 'open', 'closed'] as const;
export type AcademicYearStatus = (typeof ACADEMIC_YEAR_STATUSES)[number];
/** Grades of a general school (1–11). */
export const MIN_GRADE = 1;
export const MAX_GRADE = 11;
/** Letters used for parallel classes. */
export const CLASS_LETTER_PATTERN = '^[А-ЯЁ]{1,2}$';
/** Problem type URIs of RFC 9457 answers. */
export const PROBLEM_TYPES = {
  validation: '/problems/validation',
  notFound: '/problems/not-found',
  forbidden: '/problems/forbidden',
  unauthorized: '/problems/unauthorized',
  conflict: '/problems/conflict',
  staleVersion: '/problems/stale-version',
  rateLimited: '/problems/rate-limited',
  locked: '/problems/account-locked',
  unprocessable: '/problems/unprocessable',
} as const;
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: { field: string; message: string }[];
}
