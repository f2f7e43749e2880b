import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { markNumber } from '@otmetka/contracts';
import type { EntityManager } from 'typeorm';
import { type ArchiveFile, boldText, finishPdf, JSON_MIME, PDF_MIME, pdfKitDocument, ruDate, shortName, stableJson, XLSX_MIME } from './archive-files';

/**
 * R-ARC-03 (004 §7.3, App.5 §10): the summary sheet of a class for a year — students × subjects with the period, annual, exam and
 * final marks. A handful of set-based statements for any number of classes (the whole school in one go), no per-student queries.
 */

export interface SummarySubject {
  id: string;
  name: string;
  shortName: string;
}

export interface SummaryStudent {
  id: string;
  fullName: string;
  /** Last day in the class when the student left it during the year, else null. */
  leftOn: string | null;
  /** subjectId → column key (`p1`…`p4`, `annual`, `exam`, `final`) → mark. */
  marks: Record<string, Record<string, string>>;
}

export interface SummaryClass {
  id: string;
  name: string;
  grade: number;
  classTeacher: string | null;
  periods: { id: string; number: number; name: string }[];
  subjects: SummarySubject[];
  students: SummaryStudent[];
}

export interface SummarySheetData {
  school: { id: string; name: string };
  year: { id: string; name: string; startsOn: string; endsOn: string; status: string };
  director: string | null;
  classes: SummaryClass[];
}

const FULL = `concat_ws(' ', p.last_name, p.first_name, p.middle_name)`;

/** The year's summary sheets of one class, or of every class of the school when classId is null. Null when the year is not the school's. */
export async function summarySheetData(tx: EntityManager, schoolId: string, yearId: string, classId: string | null): Promise<SummarySheetData | null> {
  const [head] = await tx.query(
    `SELECT sc.id AS "schoolId", sc.name AS "schoolName", y.name AS "yearName", y.starts_on::text AS "startsOn", y.ends_on::text AS "endsOn", y.status,
            (SELECT ${FULL} FROM employments e JOIN persons p ON p.id = e.person_id
              WHERE e.school_id = sc.id AND 'director' = ANY(e.roles) AND e.dismissed_at IS NULL ORDER BY e.starts_on DESC LIMIT 1) AS director
       FROM schools sc JOIN academic_years y ON y.school_id = sc.id AND y.id = $2 WHERE sc.id = $1`, [schoolId, yearId]);
  if (!head) return null;
  const [classes, students, subjects, periods, marks] = await Promise.all([
    tx.query(
      `SELECT c.id, c.grade || c.letter AS name, c.grade, (SELECT ${FULL} FROM persons p WHERE p.id = c.class_teacher_id) AS "classTeacher"
         FROM classes c WHERE c.school_id = $1 AND c.academic_year_id = $2 AND ($3::uuid IS NULL OR c.id = $3)
        ORDER BY c.grade, c.letter`, [schoolId, yearId, classId]),
    tx.query(
      `SELECT e.class_id AS "classId", s.id, ${FULL} AS "fullName",
              CASE WHEN bool_or(e.ends_on IS NULL OR e.ends_on >= y.ends_on) THEN NULL ELSE max(e.ends_on)::text END AS "leftOn"
         FROM enrolments e JOIN classes c ON c.id = e.class_id JOIN academic_years y ON y.id = c.academic_year_id
         JOIN students s ON s.id = e.student_id JOIN persons p ON p.id = s.person_id
        WHERE c.school_id = $1 AND c.academic_year_id = $2 AND ($3::uuid IS NULL OR c.id = $3)
        GROUP BY e.class_id, s.id, p.last_name, p.first_name, p.middle_name`, [schoolId, yearId, classId]),
    // Subjects of a class: its plan lines (the approved plan), its teacher loads and whatever period marks its students received.
    tx.query(
      `WITH cls AS (SELECT id, grade FROM classes WHERE school_id = $1 AND academic_year_id = $2 AND ($3::uuid IS NULL OR id = $3)),
       pairs AS (
         SELECT c.id AS class_id, pl.subject_id FROM cls c
           JOIN curriculum_plans cp ON cp.academic_year_id = $2 AND cp.status = 'approved'
           JOIN curriculum_plan_lines pl ON pl.plan_id = cp.id AND pl.grade = c.grade AND (pl.class_id IS NULL OR pl.class_id = c.id) AND pl.weekly_hours > 0
         UNION SELECT tl.class_id, tl.subject_id FROM teacher_loads tl WHERE tl.class_id IN (SELECT id FROM cls)
         UNION SELECT pm.class_id, pm.subject_id FROM period_marks pm WHERE pm.academic_year_id = $2 AND pm.class_id IN (SELECT id FROM cls))
       SELECT pairs.class_id AS "classId", sb.id, sb.name, sb.short_name AS "shortName"
         FROM pairs JOIN subjects sb ON sb.id = pairs.subject_id`, [schoolId, yearId, classId]),
    tx.query(
      `SELECT id, number, name, grade_from AS "gradeFrom", grade_to AS "gradeTo" FROM study_periods
        WHERE school_id = $1 AND academic_year_id = $2 ORDER BY number`, [schoolId, yearId]),
    // Marks follow the student: a mark set in another class of the year still shows (R-ROS-08).
    tx.query(
      `SELECT pm.student_id AS "studentId", pm.subject_id AS "subjectId", pm.kind, sp.number AS "periodNumber", pm.value
         FROM period_marks pm LEFT JOIN study_periods sp ON sp.id = pm.period_id
        WHERE pm.school_id = $1 AND pm.academic_year_id = $2
          AND pm.student_id = ANY(ARRAY(SELECT e.student_id FROM enrolments e JOIN classes c ON c.id = e.class_id
                                         WHERE c.school_id = $1 AND c.academic_year_id = $2 AND ($3::uuid IS NULL OR c.id = $3)))`,
      [schoolId, yearId, classId]),
  ]);
  const marksOf = new Map<string, Record<string, Record<string, string>>>();
  for (const m of marks as { studentId: string; subjectId: string; kind: string; periodNumber: number | null; value: string }[]) {
    const bySubject = marksOf.get(m.studentId) ?? {};
    const cells = (bySubject[m.subjectId] ??= {});
    cells[m.kind === 'period' ? `p${m.periodNumber}` : m.kind] = m.value;
    marksOf.set(m.studentId, bySubject);
  }
  const byClass = new Map<string, SummaryClass>();
  for (const c of classes as { id: string; name: string; grade: number; classTeacher: string | null }[]) {
    byClass.set(c.id, { ...c, periods: (periods as { id: string; number: number; name: string; gradeFrom: number; gradeTo: number }[])
      .filter((p) => p.gradeFrom <= c.grade && c.grade <= p.gradeTo).map((p) => ({ id: p.id, number: p.number, name: p.name })),
    subjects: [], students: [] });
  }
  for (const s of subjects as (SummarySubject & { classId: string })[]) {
    byClass.get(s.classId)?.subjects.push({ id: s.id, name: s.name, shortName: s.shortName });
  }
  for (const s of students as { classId: string; id: string; fullName: string; leftOn: string | null }[]) {
    const bySubject = marksOf.get(s.id) ?? {};
    byClass.get(s.classId)?.students.push({ id: s.id, fullName: s.fullName, leftOn: s.leftOn, marks: bySubject });
  }
  for (const c of byClass.values()) {
    c.subjects.sort((a, b) => a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : 1));
    c.students.sort((a, b) => a.fullName.localeCompare(b.fullName, 'ru') || (a.id < b.id ? -1 : 1));
    const ids = new Set(c.subjects.map((s) => s.id));
    for (const s of c.students) s.marks = Object.fromEntries(Object.entries(s.marks).filter(([k]) => ids.has(k)));
  }
  return {
    school: { id: head.schoolId, name: head.schoolName },
    year: { id: yearId, name: head.yearName, startsOn: head.startsOn, endsOn: head.endsOn, status: head.status },
    director: head.director,
    classes: [...byClass.values()],
  };
}

/** The columns of one subject: its periods, then the year, the exam and the final mark. */
export const columnsOf = (c: SummaryClass): { key: string; label: string }[] => [
  ...c.periods.map((p) => ({ key: `p${p.number}`, label: `${p.number}` })),
  { key: 'annual', label: 'Год' }, { key: 'exam', label: 'Экз.' }, { key: 'final', label: 'Итог' },
];

const LEGEND = 'В каждой клетке: отметки за учебные периоды по порядку; ниже — годовая (Г), экзаменационная (Э) и итоговая (И).';

/** A4 landscape in points. */
const PAGE_W = 841.89;
const PAGE_H = 595.28;
const M = 24;
const BOTTOM = PAGE_H - 36;
const ROW_H = 16;
const HEAD_H = 24;

/**
 * The summary sheet as PDF: a section per class (new page each), a table of students × subjects, signature lines. Drawn directly with
 * pdfkit — a whole school of ~1,000 students in well under a second, where pdfmake's layout took several.
 */
export async function summarySheetPdf(d: SummarySheetData, stampedAt: Date): Promise<Buffer> {
  const title = `Сводная ведомость ${d.classes.length === 1 ? `${d.classes[0].name} класса ` : ''}${d.year.name}`;
  const doc = pdfKitDocument(title, stampedAt);
  const line = (x1: number, y1: number, x2: number, y2: number) => doc.moveTo(x1, y1).lineTo(x2, y2).stroke();
  const centered = (text: string, x: number, w: number, y: number) => {
    if (!text) return;
    const tw = doc.widthOfString(text);
    doc.text(text, x + Math.max(0, (w - tw) / 2), y, { lineBreak: false });
  };
  const fit = (text: string, w: number) => {
    if (doc.widthOfString(text) <= w) return text;
    let t = text;
    while (t.length > 1 && doc.widthOfString(`${t}…`) > w) t = t.slice(0, -1);
    return `${t}…`;
  };
  doc.lineWidth(0.5).strokeColor('#AAAAAA');
  let first = true;
  if (d.classes.length === 0) doc.font('R').fontSize(10).fillColor('black').text(`${title}: классов нет.`, M, M, { lineBreak: false });
  for (const c of d.classes) {
    if (!first) doc.addPage({ size: 'A4', layout: 'landscape', margin: M });
    first = false;
    let y = M;
    doc.font('R').fontSize(8).fillColor('#555555').text(d.school.name, M, y, { lineBreak: false });
    y += 11;
    doc.fontSize(11);
    boldText(doc, `Сводная ведомость учёта успеваемости обучающихся ${c.name} класса за ${d.year.name} учебный год`, M, y);
    y += 15;
    doc.font('R').fontSize(7).fillColor('#555555').text(LEGEND, M, y, { lineBreak: false });
    y += 12;
    const numW = 16;
    const nameW = 150;
    const subW = c.subjects.length ? (PAGE_W - 2 * M - numW - nameW) / c.subjects.length : 0;
    const xs = [M, M + numW, M + numW + nameW, ...c.subjects.map((_, i) => M + numW + nameW + (i + 1) * subW)];
    const header = () => {
      doc.rect(M, y, PAGE_W - 2 * M, HEAD_H).fill('#EEEEEE');
      doc.fillColor('black').font('R').fontSize(6.5);
      centered('№', M, numW, y + 8);
      centered('ФИО обучающегося', M + numW, nameW, y + 8);
      c.subjects.forEach((s, i) => doc.text(s.shortName || s.name, xs[2] + i * subW + 1, y + 3, { width: subW - 2, height: HEAD_H - 4, align: 'center', ellipsis: true }));
      line(M, y, PAGE_W - M, y);
      for (const x of xs) line(x, y, x, y + HEAD_H);
      y += HEAD_H;
      line(M, y, PAGE_W - M, y);
    };
    header();
    if (c.students.length === 0) {
      doc.font('R').fontSize(8).text('В классе нет обучающихся.', M + 4, y + 4, { lineBreak: false });
      y += ROW_H;
    }
    c.students.forEach((st, n) => {
      if (y + ROW_H > BOTTOM) {
        doc.addPage({ size: 'A4', layout: 'landscape', margin: M });
        y = M;
        header();
      }
      doc.font('R').fontSize(7).fillColor('black');
      centered(String(n + 1), M, numW, y + 4.5);
      doc.text(fit(st.leftOn ? `${st.fullName} (выбыл ${ruDate(st.leftOn)})` : st.fullName, nameW - 4), M + numW + 2, y + 4.5, { lineBreak: false });
      c.subjects.forEach((sub, i) => {
        const m = st.marks[sub.id] ?? {};
        const periods = c.periods.map((p) => m[`p${p.number}`] ?? '–').join(' ');
        const year = [m.annual ? `Г ${m.annual}` : '', m.exam ? `Э ${m.exam}` : '', m.final ? `И ${m.final}` : ''].filter(Boolean).join(' ');
        doc.font('R').fontSize(6);
        centered(periods, xs[2] + i * subW, subW, y + 1.5);
        if (year) {
          doc.fontSize(6.2);
          boldText(doc, year, xs[2] + i * subW + Math.max(0, (subW - doc.widthOfString(year)) / 2), y + 8.5);
        }
      });
      for (const x of xs) line(x, y, x, y + ROW_H);
      y += ROW_H;
      line(M, y, PAGE_W - M, y);
    });
    // Signature lines, kept together on the page.
    if (y + 52 > BOTTOM) {
      doc.addPage({ size: 'A4', layout: 'landscape', margin: M });
      y = M;
    }
    y += 12;
    doc.font('R').fontSize(9).fillColor('black');
    for (const [role, name] of [['Классный руководитель', shortName(c.classTeacher)], ['Директор', shortName(d.director)]] as const) {
      doc.text(role, M, y, { lineBreak: false });
      doc.text('______________________', M + 170, y, { lineBreak: false });
      doc.text(`/ ${name ?? '______________________'} /`, M + 320, y, { lineBreak: false });
      y += 16;
    }
    doc.text('М. П.', M, y, { lineBreak: false });
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const footer = `${title} · стр. ${i - range.start + 1} из ${range.count}`;
    doc.font('R').fontSize(6.5).fillColor('#777777');
    doc.text(footer, PAGE_W - M - doc.widthOfString(footer), PAGE_H - 22, { lineBreak: false });
  }
  return finishPdf(doc);
}

const markCell = (v: string | undefined) => (v === undefined ? null : markNumber(v) ?? v);

/**
 * One worksheet per class: row 1 the title, row 2 subject names (merged over their columns), row 3 the column labels (periods, Год,
 * Экз., Итог), students from row 4 (column A №, B ФИО); signature lines below. Numeric marks are numbers. Written with exceljs's
 * streaming writer (a whole school in a fraction of the in-memory workbook's time); gridlines are printed instead of cell borders.
 */
export async function summarySheetXlsx(d: SummarySheetData, stampedAt: Date): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (b: Buffer) => chunks.push(b));
  const done = new Promise<void>((resolve, reject) => { out.on('end', resolve); out.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Otmetka';
  wb.created = stampedAt;
  wb.modified = stampedAt;
  const used = new Set<string>();
  const bold = { bold: true };
  for (const c of d.classes) {
    let name = c.name.replace(/[\\/?*[\]:]/g, '-').slice(0, 31);
    while (used.has(name)) name = `${name}_`;
    used.add(name);
    const cols = columnsOf(c);
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 3, xSplit: 2 }],
      pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, showGridLines: true } });
    ws.columns = [{ width: 5 }, { width: 36 }, ...c.subjects.flatMap(() => cols.map(() => ({ width: 6 })))];
    const r1 = ws.addRow([`${d.school.name}. Сводная ведомость учёта успеваемости ${c.name} класса за ${d.year.name} учебный год`]);
    r1.font = { bold: true, size: 12 };
    r1.commit();
    const r2 = ws.addRow(['№', 'ФИО', ...c.subjects.flatMap((s) => [s.name, ...cols.slice(1).map(() => null)])]);
    r2.font = bold;
    r2.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    r2.height = 30;
    c.subjects.forEach((_, i) => {
      const from = 3 + i * cols.length;
      if (cols.length > 1) ws.mergeCells(2, from, 2, from + cols.length - 1);
    });
    r2.commit();
    const r3 = ws.addRow([null, null, ...c.subjects.flatMap(() => cols.map((k) => k.label))]);
    r3.font = bold;
    r3.commit();
    for (const [i, s] of c.students.entries()) {
      ws.addRow([i + 1, s.leftOn ? `${s.fullName} (выбыл ${ruDate(s.leftOn)})` : s.fullName,
        ...c.subjects.flatMap((sub) => cols.map((k) => markCell(s.marks[sub.id]?.[k.key])))]).commit();
    }
    ws.addRow([]).commit();
    ws.addRow([null, `Классный руководитель ____________ / ${shortName(c.classTeacher) ?? '____________'} /`]).commit();
    ws.addRow([null, `Директор ____________ / ${shortName(d.director) ?? '____________'} /`]).commit();
    ws.addRow([null, 'М. П.']).commit();
    ws.commit();
  }
  if (d.classes.length === 0) {
    const ws = wb.addWorksheet('Ведомость');
    ws.addRow([`Сводная ведомость ${d.year.name}: классов нет`]).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** The files of one class's summary sheet item (kind summary_sheet). */
export async function summarySheetFiles(one: SummarySheetData, stampedAt: Date): Promise<ArchiveFile[]> {
  return [
    { name: 'summary-sheet.pdf', contentType: PDF_MIME, bytes: await summarySheetPdf(one, stampedAt) },
    { name: 'summary-sheet.xlsx', contentType: XLSX_MIME, bytes: await summarySheetXlsx(one, stampedAt) },
    { name: 'data.json', contentType: JSON_MIME, bytes: stableJson(one) },
  ];
}
