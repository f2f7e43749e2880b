/** Roles of REQUIREMENTS.md "Roles". One person may hold several staff roles (seed 001). */
export const STAFF_ROLES = ['operator', 'admin', 'director', 'deputy', 'class_teacher', 'teacher'] as const;
export const FAMILY_ROLES = ['student', 'parent', 'interested_person'] as const;
export const ROLES = [...STAFF_ROLES, ...FAMILY_ROLES, 'integration'] as const;

export type StaffRole = (typeof STAFF_ROLES)[number];
export type FamilyRole = (typeof FAMILY_ROLES)[number];
export type Role = (typeof ROLES)[number];

/** Roles that may change roster facts of a school (R-SEC-02). The director reads everything and edits nothing. */
export const ROSTER_WRITERS: readonly Role[] = ['operator', 'admin'];
/** Staff roles that read the whole school's roster. */
export const SCHOOL_READERS: readonly Role[] = ['operator', 'admin', 'director', 'deputy'];

export const ROLE_LABELS_RU: Record<Role, string> = {
  operator: 'Оператор',
  admin: 'Администратор журнала',
  director: 'Директор',
  deputy: 'Заместитель директора по УВР',
  class_teacher: 'Классный руководитель',
  teacher: 'Учитель',
  student: 'Обучающийся',
  parent: 'Родитель (законный представитель)',
  interested_person: 'Заинтересованное лицо',
  integration: 'Интеграция',
};

/** Scopes an integration (third-party) token may carry (R-API-02). */
export const INTEGRATION_SCOPES = ['roster:read', 'journal:read', 'diary:read'] as const;
export type IntegrationScope = (typeof INTEGRATION_SCOPES)[number];
