/** R-JRN-03: the mark scale — 1–5, pass/fail and the special marks. */
export const NUMERIC_MARKS = ['1', '2', '3', '4', '5'] as const;
export const PASS_FAIL_MARKS = ['зч', 'нз'] as const;
export const SPECIAL_MARKS = ['н/а', 'осв'] as const;
export const MARK_VALUES = [...NUMERIC_MARKS, ...PASS_FAIL_MARKS, ...SPECIAL_MARKS] as const;
export type MarkValue = (typeof MARK_VALUES)[number];

export const MARK_LABELS_RU: Record<MarkValue, string> = {
  '1': '1', '2': '2', '3': '3', '4': '4', '5': '5',
  'зч': 'зачёт', 'нз': 'незачёт', 'н/а': 'не аттестован', 'осв': 'освобождён',
};

/** Numeric value of a mark for averages, or null when it does not count (pass/fail, н/а, осв). */
export function markNumber(value: string): number | null {
  return (NUMERIC_MARKS as readonly string[]).includes(value) ? Number(value) : null;
}

/** R-JRN-04: absence codes. */
export const ABSENCE_CODES = ['Н', 'У', 'Б', 'ОП'] as const;
export type AbsenceCode = (typeof ABSENCE_CODES)[number];
export const ABSENCE_LABELS_RU: Record<AbsenceCode, string> = {
  'Н': 'неуважительная причина', 'У': 'уважительная причина', 'Б': 'болезнь (справка)', 'ОП': 'опоздание',
};

/** Work types with default weights (per-school table overrides them; R-JRN-03). */
export const DEFAULT_WORK_TYPES = [
  { code: 'answer', nameRu: 'Ответ на уроке', weight: 1 },
  { code: 'control', nameRu: 'Контрольная работа', weight: 2 },
  { code: 'independent', nameRu: 'Самостоятельная работа', weight: 1.5 },
  { code: 'lab', nameRu: 'Лабораторная работа', weight: 1.5 },
  { code: 'practical', nameRu: 'Практическая работа', weight: 1.5 },
  { code: 'dictation', nameRu: 'Диктант', weight: 2 },
  { code: 'essay', nameRu: 'Сочинение', weight: 2 },
  { code: 'test', nameRu: 'Тест', weight: 1 },
  { code: 'homework', nameRu: 'Домашняя работа', weight: 1 },
  { code: 'credit', nameRu: 'Зачёт', weight: 1 },
] as const;
