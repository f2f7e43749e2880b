import { ABSENCE_CODES, ABSENCE_LABELS_RU, type AbsenceCode, DEFAULT_WORK_TYPES } from '@otmetka/contracts';
import { weightedAverage } from '../../journal/marks/averages';
import type { AbsenceRow, MarkLine, PeriodRow } from './records.query';
import type { ReasonCountView, DiaryAttendanceSummaryView, SubjectMarksView } from './records.dto';

/** R-DIA-02 / R-DIA-04 arithmetic of the diary's summaries. Pure. */

/** The period to show by default: the one covering today, else the last one begun, else the first. */
export function currentPeriod(periods: readonly PeriodRow[], today: string): PeriodRow | null {
  return periods.find((p) => p.startsOn <= today && today <= p.endsOn) ?? periods.filter((p) => p.startsOn <= today).at(-1) ?? periods[0] ?? null;
}

const WORK_TYPE_NAMES = new Map<string, string>(DEFAULT_WORK_TYPES.map((w) => [w.code, w.nameRu]));
const bySubjectName = <T extends { subjectName: string }>(a: T, b: T) => a.subjectName.localeCompare(b.subjectName, 'ru');

/** R-DIA-04: marks grouped by subject (subjects taught without marks included) with the weighted average of each. */
export function marksBySubject(marks: readonly MarkLine[], taught: readonly { subjectId: string; subjectName: string }[]): SubjectMarksView[] {
  const subjects = new Map<string, string>(taught.map((s) => [s.subjectId, s.subjectName]));
  for (const m of marks) subjects.set(m.subjectId, m.subjectName);
  return [...subjects].map(([subjectId, subjectName]) => {
    const own = marks.filter((m) => m.subjectId === subjectId);
    return {
      subjectId, subjectName,
      marks: own.map((m) => ({ id: m.id, date: m.date, lessonId: m.lessonId, value: m.value, workType: m.workType,
        workTypeName: m.workTypeName ?? WORK_TYPE_NAMES.get(m.workType) ?? m.workType, weight: m.weight, comment: m.comment, external: m.external,
        institution: m.institution })),
      average: weightedAverage(own),
    };
  }).sort(bySubjectName);
}

const MISSED: readonly string[] = ['Н', 'У', 'Б'];

function reasons(rows: readonly AbsenceRow[]): ReasonCountView[] {
  return ABSENCE_CODES.map((code) => ({ code, label: ABSENCE_LABELS_RU[code], count: rows.filter((r) => r.code === code).length }))
    .filter((r) => r.count > 0);
}

/** R-DIA-02: absences by reason and by subject, lesson by lesson. */
export function attendanceSummary(rows: readonly AbsenceRow[], lessons: readonly { subjectId: string; subjectName: string; lessons: number }[]):
  Pick<DiaryAttendanceSummaryView, 'lessons' | 'absences' | 'late' | 'byReason' | 'bySubject' | 'entries'> {
  const subjects = new Map<string, string>(lessons.map((l) => [l.subjectId, l.subjectName]));
  for (const r of rows) subjects.set(r.subjectId, r.subjectName);
  return {
    lessons: lessons.reduce((n, l) => n + l.lessons, 0),
    absences: rows.filter((r) => MISSED.includes(r.code)).length,
    late: rows.filter((r) => r.code === 'ОП').length,
    byReason: reasons(rows),
    bySubject: [...subjects].map(([subjectId, subjectName]) => {
      const own = rows.filter((r) => r.subjectId === subjectId);
      return { subjectId, subjectName, lessons: lessons.find((l) => l.subjectId === subjectId)?.lessons ?? 0,
        absences: own.filter((r) => MISSED.includes(r.code)).length, late: own.filter((r) => r.code === 'ОП').length, byReason: reasons(own) };
    }).sort(bySubjectName),
    entries: rows.map((r) => ({ lessonId: r.lessonId, date: r.date, lessonNumber: r.lessonNumber, subjectId: r.subjectId, subjectName: r.subjectName,
      code: r.code, label: ABSENCE_LABELS_RU[r.code as AbsenceCode] ?? r.code, minutesLate: r.minutesLate })),
  };
}
