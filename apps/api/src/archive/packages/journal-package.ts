import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { EntityManager } from 'typeorm';
import { type ArchiveFile, CSV_MIME, csv, HEAD, JSON_MIME, LAYOUT, PDF_MIME, renderPdf, ruDate, shortName, signatureLines, stableJson } from './archive-files';

/**
 * R-ARC-02 / R-ARC-04: the journal of one class and subject over a year (or one study period): students × dates with marks and
 * absences, the topics and homework of the lessons, the period marks; as PDF pages with signature lines, CSV and JSON.
 */

export interface JournalScope {
  schoolId: string;
  yearId: string;
  classId: string;
  subjectId: string;
  /** A study period for a printout (R-ARC-04); null for the whole year. */
  periodId: string | null;
}

export interface JournalPackageData {
  school: { id: string; name: string };
  year: { id: string; name: string; startsOn: string; endsOn: string };
  class: { id: string; name: string; classTeacher: string | null };
  subject: { id: string; name: string };
  period: { id: string; name: string; startsOn: string; endsOn: string } | null;
  from: string;
  to: string;
  director: string | null;
  teachers: string[];
  students: { id: string; fullName: string; from: string; to: string | null }[];
  lessons: { id: string; date: string; lessonNumber: number; subgroup: string | null; teacher: string; topic: string | null; homework: string | null }[];
  /** One row per student and lesson that has a mark or an absence. */
  entries: { lessonId: string; studentId: string; marks: string[]; absence: string | null }[];
  /** Period, annual, exam and final marks of the subject (R-JRN-08). */
  finals: { studentId: string; kind: string; periodNumber: number | null; value: string }[];
}

const FULL = `concat_ws(' ', p.last_name, p.first_name, p.middle_name)`;

export async function journalPackageData(tx: EntityManager, s: JournalScope): Promise<JournalPackageData | null> {
  const [head] = await tx.query(
    `SELECT sc.id AS "schoolId", sc.name AS "schoolName", y.id AS "yearId", y.name AS "yearName", y.starts_on::text AS "yearStartsOn",
            y.ends_on::text AS "yearEndsOn", c.id AS "classId", c.grade || c.letter AS "className",
            (SELECT ${FULL} FROM persons p WHERE p.id = c.class_teacher_id) AS "classTeacher",
            sb.id AS "subjectId", sb.name AS "subjectName",
            sp.id AS "periodId", sp.name AS "periodName", sp.starts_on::text AS "periodStartsOn", sp.ends_on::text AS "periodEndsOn",
            (SELECT ${FULL} FROM employments e JOIN persons p ON p.id = e.person_id
              WHERE e.school_id = sc.id AND 'director' = ANY(e.roles) AND e.dismissed_at IS NULL ORDER BY e.starts_on DESC LIMIT 1) AS director
       FROM schools sc JOIN academic_years y ON y.school_id = sc.id AND y.id = $2
       JOIN classes c ON c.id = $3 AND c.academic_year_id = y.id
       JOIN subjects sb ON sb.id = $4 AND sb.school_id = sc.id
       LEFT JOIN study_periods sp ON sp.id = $5 AND sp.academic_year_id = y.id
      WHERE sc.id = $1`,
    [s.schoolId, s.yearId, s.classId, s.subjectId, s.periodId]);
  if (!head || (s.periodId && !head.periodId)) return null;
  const from: string = head.periodStartsOn ?? head.yearStartsOn;
  const to: string = head.periodEndsOn ?? head.yearEndsOn;
  const [students, lessons, entries, finals] = await Promise.all([
    tx.query(
      `SELECT s.id, ${FULL} AS "fullName", min(e.starts_on)::text AS "from",
              CASE WHEN bool_or(e.ends_on IS NULL) THEN NULL ELSE max(e.ends_on)::text END AS "to"
         FROM enrolments e JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        WHERE e.class_id = $1 AND e.starts_on <= $3 AND (e.ends_on IS NULL OR e.ends_on >= $2)
        GROUP BY s.id, p.last_name, p.first_name, p.middle_name`, [s.classId, from, to]),
    tx.query(
      `SELECT l.id, l.date::text AS date, l.lesson_number AS "lessonNumber", g.name AS subgroup,
              (SELECT ${FULL} FROM persons p WHERE p.id = coalesce(l.substitute_teacher_id, l.teacher_id)) AS teacher,
              l.topic, h.text AS homework
         FROM lessons l LEFT JOIN subgroups g ON g.id = l.subgroup_id LEFT JOIN homework h ON h.lesson_id = l.id
        WHERE l.class_id = $1 AND l.subject_id = $2 AND l.date BETWEEN $3 AND $4 AND NOT l.cancelled AND l.school_id = $5
        ORDER BY l.date, l.lesson_number, l.id`, [s.classId, s.subjectId, from, to, s.schoolId]),
    tx.query(
      `WITH ls AS (SELECT id FROM lessons WHERE class_id = $1 AND subject_id = $2 AND date BETWEEN $3 AND $4 AND NOT cancelled AND school_id = $5)
       SELECT x."lessonId", x."studentId", coalesce(array_remove(array_agg(x.mark ORDER BY x.at, x.mark), NULL), '{}') AS marks, max(x.absence) AS absence
         FROM (SELECT m.lesson_id AS "lessonId", m.student_id AS "studentId", m.value AS mark, m.entered_at AS at, NULL::text AS absence
                 FROM marks m WHERE m.lesson_id IN (SELECT id FROM ls)
               UNION ALL
               SELECT a.lesson_id, a.student_id, NULL, NULL, a.code FROM attendance a WHERE a.lesson_id IN (SELECT id FROM ls)) x
        GROUP BY x."lessonId", x."studentId" ORDER BY x."lessonId", x."studentId"`, [s.classId, s.subjectId, from, to, s.schoolId]),
    tx.query(
      `SELECT pm.student_id AS "studentId", pm.kind, sp.number AS "periodNumber", pm.value
         FROM period_marks pm LEFT JOIN study_periods sp ON sp.id = pm.period_id
        WHERE pm.academic_year_id = $1 AND pm.subject_id = $2 AND pm.class_id = $3 AND ($4::uuid IS NULL OR pm.period_id = $4)
        ORDER BY pm.student_id, pm.kind, sp.number`, [s.yearId, s.subjectId, s.classId, s.periodId]),
  ]);
  (students as { fullName: string; id: string }[]).sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru') || (a.id < b.id ? -1 : 1));
  const teachers = [...new Set((lessons as { teacher: string }[]).map((l) => l.teacher))].sort((a, b) => a.localeCompare(b, 'ru'));
  return {
    school: { id: head.schoolId, name: head.schoolName },
    year: { id: head.yearId, name: head.yearName, startsOn: head.yearStartsOn, endsOn: head.yearEndsOn },
    class: { id: head.classId, name: head.className, classTeacher: head.classTeacher },
    subject: { id: head.subjectId, name: head.subjectName },
    period: head.periodId ? { id: head.periodId, name: head.periodName, startsOn: head.periodStartsOn, endsOn: head.periodEndsOn } : null,
    from, to, director: head.director, teachers, students, lessons, entries, finals,
  };
}

const KIND_RU: Record<string, string> = { period: 'за период', annual: 'годовая', exam: 'экзамен', final: 'итоговая' };
const finalLabel = (f: { kind: string; periodNumber: number | null }) => (f.kind === 'period' ? `${f.periodNumber} пер.` : KIND_RU[f.kind] ?? f.kind);

/** Columns of dates per page: a landscape A4 page holds the names and about two dozen lesson columns. */
const DATES_PER_PAGE = 24;

export async function journalPackagePdf(d: JournalPackageData, stampedAt: Date): Promise<Buffer> {
  const title = `Журнал: ${d.class.name} класс, ${d.subject.name}, ${d.period ? `${d.period.name} ` : ''}${d.year.name} учебный год`;
  const cellOf = new Map(d.entries.map((e) => [`${e.lessonId}/${e.studentId}`, e]));
  const content: Content[] = [];
  const chunks: JournalPackageData['lessons'][] = [];
  for (let i = 0; i < d.lessons.length; i += DATES_PER_PAGE) chunks.push(d.lessons.slice(i, i + DATES_PER_PAGE));
  if (chunks.length === 0) chunks.push([]);
  chunks.forEach((lessons, page) => {
    const head: TableCell[] = [{ text: '№', ...HEAD }, { text: 'ФИО обучающегося', ...HEAD },
      ...lessons.map((l) => ({ text: `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}${l.subgroup ? `\n${l.subgroup.slice(0, 6)}` : ''}`, ...HEAD, fontSize: 6 }))];
    const body: TableCell[][] = [head, ...d.students.map((s, i) => [String(i + 1), { text: s.fullName, noWrap: false },
      ...lessons.map((l) => {
        const e = cellOf.get(`${l.id}/${s.id}`);
        return { text: e ? [...e.marks, ...(e.absence ? [e.absence] : [])].join(' ') : '', alignment: 'center' as const };
      })])];
    content.push(
      { text: d.school.name, fontSize: 8, color: '#555555', ...(page > 0 ? { pageBreak: 'before' as const } : {}) },
      { text: title, bold: true, fontSize: 11, margin: [0, 2, 0, 2] },
      { text: `Отметки и посещаемость (${ruDate(d.from)} – ${ruDate(d.to)}), лист ${page + 1} из ${chunks.length}`, fontSize: 8, margin: [0, 0, 0, 4] },
      lessons.length === 0 && page === 0 ? { text: 'Уроков не проведено.', italics: true, margin: [0, 0, 0, 4] } : '',
      { table: { headerRows: 1, widths: [14, 120, ...lessons.map(() => '*')], body, dontBreakRows: true }, layout: LAYOUT },
      { text: 'Н — без уважительной причины, У — по уважительной причине, Б — по болезни, ОП — опоздание.', fontSize: 6, color: '#555555', margin: [0, 3, 0, 0] },
    );
  });
  // Period, annual, exam and final marks.
  const labels = [...new Set(d.finals.map(finalLabel))];
  if (labels.length) {
    const byStudent = new Map<string, Map<string, string>>();
    for (const f of d.finals) {
      const m = byStudent.get(f.studentId) ?? new Map<string, string>();
      m.set(finalLabel(f), f.value);
      byStudent.set(f.studentId, m);
    }
    content.push({ text: 'Отметки за периоды, год, экзамен и итоговые', bold: true, fontSize: 10, margin: [0, 10, 0, 4] }, {
      table: { headerRows: 1, widths: [14, 160, ...labels.map(() => 50)], dontBreakRows: true, body: [
        [{ text: '№', ...HEAD }, { text: 'ФИО обучающегося', ...HEAD }, ...labels.map((l) => ({ text: l, ...HEAD }))],
        ...d.students.map((s, i) => [String(i + 1), s.fullName, ...labels.map((l) => ({ text: byStudent.get(s.id)?.get(l) ?? '', alignment: 'center' as const }))]),
      ] }, layout: LAYOUT,
    });
  }
  // Topics and homework.
  content.push(
    { text: `Темы уроков и домашние задания: ${d.class.name} класс, ${d.subject.name}`, bold: true, fontSize: 10, pageBreak: 'before', margin: [0, 0, 0, 4] },
    { table: { headerRows: 1, widths: [14, 46, 140, '*', '*'], dontBreakRows: true, body: [
      [{ text: '№', ...HEAD }, { text: 'Дата', ...HEAD }, { text: 'Учитель', ...HEAD }, { text: 'Тема урока', ...HEAD }, { text: 'Домашнее задание', ...HEAD }],
      ...d.lessons.map((l, i) => [String(i + 1), ruDate(l.date), `${l.teacher}${l.subgroup ? ` (${l.subgroup})` : ''}`, l.topic ?? '', l.homework ?? '']),
    ] }, layout: LAYOUT },
    signatureLines([
      ...(d.teachers.length ? d.teachers : [null]).map((t) => ({ role: 'Учитель', name: shortName(t) })),
      { role: 'Директор', name: shortName(d.director) },
    ]),
  );
  const doc: TDocumentDefinitions = {
    pageSize: 'A4', pageOrientation: 'landscape', pageMargins: [24, 24, 24, 30],
    info: { title },
    defaultStyle: { font: 'Roboto', fontSize: 7, lineHeight: 1.05 },
    footer: (page, pages) => ({ text: `${d.class.name} · ${d.subject.name} · ${d.year.name} · стр. ${page} из ${pages}`, alignment: 'right', fontSize: 6.5,
      color: '#777777', margin: [24, 8, 24, 0] }),
    content,
  };
  return renderPdf(doc, stampedAt);
}

/** The files of a journal package (kind journal_package) or a period printout (journal_printout). */
export async function journalPackageFiles(d: JournalPackageData, stampedAt: Date): Promise<ArchiveFile[]> {
  const name = new Map(d.students.map((s) => [s.id, s.fullName]));
  const lessonOf = new Map(d.lessons.map((l) => [l.id, l]));
  const marksCsv = csv(['student_id', 'ФИО', 'дата', 'урок', 'отметки', 'посещаемость'],
    d.entries.filter((e) => lessonOf.has(e.lessonId)).map((e) => {
      const l = lessonOf.get(e.lessonId)!;
      return [e.studentId, name.get(e.studentId) ?? '', l.date, l.lessonNumber, e.marks.join(' '), e.absence];
    }).sort((a, b) => String(a[2]).localeCompare(String(b[2])) || Number(a[3]) - Number(b[3]) || String(a[1]).localeCompare(String(b[1]), 'ru')));
  const lessonsCsv = csv(['lesson_id', 'дата', 'урок', 'группа', 'учитель', 'тема', 'домашнее задание'],
    d.lessons.map((l) => [l.id, l.date, l.lessonNumber, l.subgroup, l.teacher, l.topic, l.homework]));
  const finalsCsv = csv(['student_id', 'ФИО', 'вид', 'период', 'отметка'],
    d.finals.map((f) => [f.studentId, name.get(f.studentId) ?? '', f.kind, f.periodNumber, f.value]));
  return [
    { name: 'journal.pdf', contentType: PDF_MIME, bytes: await journalPackagePdf(d, stampedAt) },
    { name: 'marks.csv', contentType: CSV_MIME, bytes: marksCsv },
    { name: 'lessons.csv', contentType: CSV_MIME, bytes: lessonsCsv },
    { name: 'final-marks.csv', contentType: CSV_MIME, bytes: finalsCsv },
    { name: 'data.json', contentType: JSON_MIME, bytes: stableJson(d) },
  ];
}
