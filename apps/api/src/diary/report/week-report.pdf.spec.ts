import { renderWeekReport } from './week-report.pdf';
import type { DiaryLessonView, DiaryWeekView } from '../week/week.dto';

const LONG = 'Сложение и вычитание обыкновенных дробей с разными знаменателями; решение текстовых задач повышенной сложности';
const SUBJECTS = ['Математика', 'Русский язык', 'Английский язык', 'Физическая культура', 'Основы духовно-нравственной культуры народов России', 'Литература', 'Биология'];

function lesson(date: string, n: number, over: Partial<DiaryLessonView> = {}): DiaryLessonView {
  return {
    lessonId: `${date}-${n}`, date, lessonNumber: n, startsAt: '08:00', endsAt: '08:45', subjectId: 's', subjectName: SUBJECTS[(n - 1) % 7],
    subgroupName: n === 3 ? '1 группа' : null, teacherName: 'Иванова Мария Петровна', substituteTeacherName: n === 2 ? 'Петров Пётр' : null, roomName: '12',
    topic: LONG, cancelled: false, planned: false,
    homework: { text: `${LONG}, выучить правило на странице 85`, dueDate: date, files: [{ id: 'f', fileName: 'a.pdf', contentType: 'application/pdf', sizeBytes: 1, url: '' }] },
    marks: [
      { id: 'm1', value: '5', workType: 'control', workTypeName: 'Контрольная работа', weight: 2, comment: null },
      { id: 'm2', value: '4', workType: 'answer', workTypeName: 'Ответ на уроке', weight: 1, comment: null },
      { id: 'm3', value: 'зч', workType: 'credit', workTypeName: 'Зачёт', weight: 1, comment: null },
    ].slice(0, 1 + (n % 3)),
    attendance: n === 4 ? { code: 'ОП', label: 'опоздание', minutesLate: 5 } : null,
    remarks: [{ id: 'r', text: 'Не было тетради, не выполнил упражнение, отвлекался на уроке', createdAt: '' }], ...over,
  };
}

function week(days: number, lessons: number): DiaryWeekView {
  const dates = ['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05'].slice(0, days);
  return { studentId: 's', studentName: 'Константинопольская Александра Владимировна', className: '11А', weekStart: dates[0], weekEnd: dates.at(-1)!,
    previousWeek: '', nextWeek: '', days: dates.map((date, i) => ({ date, weekday: i + 1, holiday: null, homeworkDue: [],
      lessons: Array.from({ length: lessons }, (_, k) => lesson(date, k + 1)) })) };
}

const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;

describe('weekly report layout (R-DIA-09)', () => {
  it.each([
    ['a full six-day week of 7 long lessons a day', 6, 7],
    ['the longest week printed two lines per lesson', 5, 5],
    ['one lesson a day', 5, 1],
    ['no lessons at all', 5, 0],
  ])('%s fits one page per student', async (_name, days, lessons) => {
    const pdf = await renderWeekReport({ schoolName: 'МБОУ СОШ № 5', printedOn: '2026-12-02', weeks: [week(days, lessons), week(days, lessons), week(days, lessons)] });
    expect(pages(pdf)).toBe(3);
  });
});
