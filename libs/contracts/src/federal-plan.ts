/**
 * Federal reference data for the curriculum (R-CUR-03, R-CUR-05), copied from the requirement data files so the
 * repository does not read ../shared at run time:
 *  - FEDERAL_PLAN_5DAY  ← data/federal-plan-5day.csv: weekly hours per subject and grade for a 5-day week, approximately as in the
 *    federal basic curricula of 2023 (ФОП НОО/ООО/СОО, variant 1; СОО: universal profile, basic level). A realistic reference for
 *    demo data and the electronic inspector's tests; check the current federal documents before relying on exact numbers.
 *  - MAX_WEEKLY_LOAD    ← data/max-weekly-load.csv: maximum weekly lesson load per grade, 5-day and 6-day week
 *    (СанПиН 1.2.3685-21); the inspector warns when a class's plan or timetable exceeds it.
 */

/** Level of general education: primary (НОО, grades 1–4), basic (ООО, 5–9), secondary (СОО, 10–11). */
export const EDUCATION_LEVELS = ['НОО', 'ООО', 'СОО'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export interface FederalPlanLine {
  level: EducationLevel;
  subject: string;
  short: string;
  /** Weekly hours for grades 1..11 (index 0 = grade 1); null where the subject is not taught in that grade. */
  hours: readonly (number | null)[];
}

export const FEDERAL_PLAN_5DAY: readonly FederalPlanLine[] = [
  { level: 'НОО', subject: 'Русский язык', short: 'Рус', hours: [5, 5, 5, 5, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Литературное чтение', short: 'Лит.чт', hours: [4, 4, 4, 3, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Иностранный язык', short: 'Ин.яз', hours: [null, 2, 2, 2, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Математика', short: 'Мат', hours: [4, 4, 4, 4, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Окружающий мир', short: 'Окр.мир', hours: [2, 2, 2, 2, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Основы религиозных культур и светской этики', short: 'ОРКСЭ', hours: [null, null, null, 1, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Изобразительное искусство', short: 'ИЗО', hours: [1, 1, 1, 1, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Музыка', short: 'Муз', hours: [1, 1, 1, 1, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Труд (технология)', short: 'Труд', hours: [1, 1, 1, 1, null, null, null, null, null, null, null] },
  { level: 'НОО', subject: 'Физическая культура', short: 'Физ-ра', hours: [2, 2, 2, 2, null, null, null, null, null, null, null] },
  { level: 'ООО', subject: 'Русский язык', short: 'Рус', hours: [null, null, null, null, 5, 6, 4, 3, 3, null, null] },
  { level: 'ООО', subject: 'Литература', short: 'Лит', hours: [null, null, null, null, 3, 3, 2, 2, 3, null, null] },
  { level: 'ООО', subject: 'Иностранный язык', short: 'Ин.яз', hours: [null, null, null, null, 3, 3, 3, 3, 3, null, null] },
  { level: 'ООО', subject: 'Математика', short: 'Мат', hours: [null, null, null, null, 5, 5, null, null, null, null, null] },
  { level: 'ООО', subject: 'Алгебра', short: 'Алг', hours: [null, null, null, null, null, null, 3, 3, 3, null, null] },
  { level: 'ООО', subject: 'Геометрия', short: 'Геом', hours: [null, null, null, null, null, null, 2, 2, 2, null, null] },
  { level: 'ООО', subject: 'Вероятность и статистика', short: 'Вер.ст', hours: [null, null, null, null, null, null, 1, 1, 1, null, null] },
  { level: 'ООО', subject: 'Информатика', short: 'Инф', hours: [null, null, null, null, null, null, 1, 1, 1, null, null] },
  { level: 'ООО', subject: 'История', short: 'Ист', hours: [null, null, null, null, 2, 2, 2, 2, 2, null, null] },
  { level: 'ООО', subject: 'Обществознание', short: 'Общ', hours: [null, null, null, null, null, 1, 1, 1, 1, null, null] },
  { level: 'ООО', subject: 'География', short: 'Геогр', hours: [null, null, null, null, 1, 1, 2, 2, 2, null, null] },
  { level: 'ООО', subject: 'Физика', short: 'Физ', hours: [null, null, null, null, null, null, 2, 2, 3, null, null] },
  { level: 'ООО', subject: 'Химия', short: 'Хим', hours: [null, null, null, null, null, null, null, 2, 2, null, null] },
  { level: 'ООО', subject: 'Биология', short: 'Биол', hours: [null, null, null, null, 1, 1, 1, 2, 2, null, null] },
  { level: 'ООО', subject: 'Музыка', short: 'Муз', hours: [null, null, null, null, 1, 1, 1, 1, null, null, null] },
  { level: 'ООО', subject: 'Изобразительное искусство', short: 'ИЗО', hours: [null, null, null, null, 1, 1, 1, null, null, null, null] },
  { level: 'ООО', subject: 'Труд (технология)', short: 'Труд', hours: [null, null, null, null, 2, 2, 2, 1, 1, null, null] },
  { level: 'ООО', subject: 'Основы безопасности и защиты Родины', short: 'ОБЗР', hours: [null, null, null, null, null, null, null, 1, 1, null, null] },
  { level: 'ООО', subject: 'Основы духовно-нравственной культуры народов России', short: 'ОДНКНР', hours: [null, null, null, null, 1, 1, null, null, null, null, null] },
  { level: 'ООО', subject: 'Физическая культура', short: 'Физ-ра', hours: [null, null, null, null, 2, 2, 2, 2, 2, null, null] },
  { level: 'СОО', subject: 'Русский язык', short: 'Рус', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'Литература', short: 'Лит', hours: [null, null, null, null, null, null, null, null, null, 3, 3] },
  { level: 'СОО', subject: 'Иностранный язык', short: 'Ин.яз', hours: [null, null, null, null, null, null, null, null, null, 3, 3] },
  { level: 'СОО', subject: 'Алгебра и начала математического анализа', short: 'Алг', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'Геометрия', short: 'Геом', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'Вероятность и статистика', short: 'Вер.ст', hours: [null, null, null, null, null, null, null, null, null, 1, 1] },
  { level: 'СОО', subject: 'Информатика', short: 'Инф', hours: [null, null, null, null, null, null, null, null, null, 1, 1] },
  { level: 'СОО', subject: 'История', short: 'Ист', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'Обществознание', short: 'Общ', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'География', short: 'Геогр', hours: [null, null, null, null, null, null, null, null, null, 1, 1] },
  { level: 'СОО', subject: 'Физика', short: 'Физ', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'Химия', short: 'Хим', hours: [null, null, null, null, null, null, null, null, null, 1, 1] },
  { level: 'СОО', subject: 'Биология', short: 'Биол', hours: [null, null, null, null, null, null, null, null, null, 1, 1] },
  { level: 'СОО', subject: 'Физическая культура', short: 'Физ-ра', hours: [null, null, null, null, null, null, null, null, null, 2, 2] },
  { level: 'СОО', subject: 'Основы безопасности и защиты Родины', short: 'ОБЗР', hours: [null, null, null, null, null, null, null, null, null, 1, 1] },
  { level: 'СОО', subject: 'Индивидуальный проект', short: 'Инд.пр', hours: [null, null, null, null, null, null, null, null, null, 1, null] },
];

export interface MaxWeeklyLoad {
  grade: number;
  fiveDay: number;
  /** null: a 6-day week is not allowed in this grade (grade 1). */
  sixDay: number | null;
}

export const MAX_WEEKLY_LOAD: readonly MaxWeeklyLoad[] = [
  { grade: 1, fiveDay: 21, sixDay: null },
  { grade: 2, fiveDay: 23, sixDay: 26 },
  { grade: 3, fiveDay: 23, sixDay: 26 },
  { grade: 4, fiveDay: 23, sixDay: 26 },
  { grade: 5, fiveDay: 29, sixDay: 32 },
  { grade: 6, fiveDay: 30, sixDay: 33 },
  { grade: 7, fiveDay: 32, sixDay: 35 },
  { grade: 8, fiveDay: 33, sixDay: 36 },
  { grade: 9, fiveDay: 33, sixDay: 36 },
  { grade: 10, fiveDay: 34, sixDay: 37 },
  { grade: 11, fiveDay: 34, sixDay: 37 },
];

/** Subject areas (предметные области of ФГОС) of the federal subjects, one per catalogue name. */
export const FEDERAL_SUBJECT_AREAS: Readonly<Record<string, string>> = {
  'Русский язык': 'Русский язык и литература',
  'Литературное чтение': 'Русский язык и литературное чтение',
  'Литература': 'Русский язык и литература',
  'Иностранный язык': 'Иностранные языки',
  'Математика': 'Математика и информатика',
  'Алгебра': 'Математика и информатика',
  'Геометрия': 'Математика и информатика',
  'Вероятность и статистика': 'Математика и информатика',
  'Информатика': 'Математика и информатика',
  'Алгебра и начала математического анализа': 'Математика и информатика',
  'Окружающий мир': 'Обществознание и естествознание («Окружающий мир»)',
  'Основы религиозных культур и светской этики': 'Основы религиозных культур и светской этики',
  'Основы духовно-нравственной культуры народов России': 'Основы духовно-нравственной культуры народов России',
  'История': 'Общественно-научные предметы',
  'Обществознание': 'Общественно-научные предметы',
  'География': 'Общественно-научные предметы',
  'Физика': 'Естественно-научные предметы',
  'Химия': 'Естественно-научные предметы',
  'Биология': 'Естественно-научные предметы',
  'Изобразительное искусство': 'Искусство',
  'Музыка': 'Искусство',
  'Труд (технология)': 'Технология',
  'Физическая культура': 'Физическая культура и основы безопасности и защиты Родины',
  'Основы безопасности и защиты Родины': 'Физическая культура и основы безопасности и защиты Родины',
  'Индивидуальный проект': 'Индивидуальный проект',
};

export interface FederalSubject {
  name: string;
  shortName: string;
  area: string;
}

/** The federal subject list for a school catalogue: each name once, in the order of the plan (R-CUR-03). */
export const FEDERAL_SUBJECTS: readonly FederalSubject[] = FEDERAL_PLAN_5DAY.reduce<FederalSubject[]>((list, line) => {
  if (!list.some((s) => s.name === line.subject)) {
    list.push({ name: line.subject, shortName: line.short, area: FEDERAL_SUBJECT_AREAS[line.subject] ?? line.level });
  }
  return list;
}, []);

/** Federal weekly hours of a subject in a grade (5-day week), or null when the subject is not taught there. */
export function federalHours(subject: string, grade: number): number | null {
  for (const line of FEDERAL_PLAN_5DAY) {
    const h = line.hours[grade - 1];
    if (line.subject === subject && h !== null && h !== undefined) return h;
  }
  return null;
}

/** The sanitary maximum of weekly lessons for a grade and week length; null when that week length is not allowed. */
export function maxWeeklyLoad(grade: number, daysPerWeek: 5 | 6): number | null {
  const row = MAX_WEEKLY_LOAD.find((r) => r.grade === grade);
  if (!row) return null;
  return daysPerWeek === 5 ? row.fiveDay : row.sixDay;
}
