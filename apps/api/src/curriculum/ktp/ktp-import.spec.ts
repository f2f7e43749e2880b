import ExcelJS from 'exceljs';
import { normaliseWorkType, parseTopics, type SourceRow, uploadRows } from './ktp-import';

const csvRows = (text: string): Promise<SourceRow[]> => uploadRows({ bytes: Buffer.from(text, 'utf8'), format: 'csv' });

describe('КТП import (R-CUR-09)', () => {
  it('R-CUR-09 reads a semicolon CSV with a Russian header, decimal commas and quoted titles', async () => {
    const csv = '\uFEFF№;Тема;Часы;Вид работы\r\n1;Натуральные числа;2;\r\n2;"Сложение; вычитание";1,5;Самостоятельная работа\r\n\r\n3;"Контроль ""итоговый""";1;control\r\n';
    expect(parseTopics(await csvRows(csv))).toEqual({
      errors: [],
      topics: [
        { position: 1, title: 'Натуральные числа', hours: 2, workType: null },
        { position: 2, title: 'Сложение; вычитание', hours: 1.5, workType: 'independent' },
        { position: 3, title: 'Контроль "итоговый"', hours: 1, workType: 'control' },
      ],
    });
  });

  it('R-CUR-09 reads a comma CSV without a header, in the fixed column order, and sorts by position', async () => {
    expect(parseTopics(await csvRows('2,Дроби,3,Тест\n1,Числа,2,Экскурсия')).topics).toEqual([
      { position: 1, title: 'Числа', hours: 2, workType: 'Экскурсия' },
      { position: 2, title: 'Дроби', hours: 3, workType: 'test' },
    ]);
  });

  it('R-CUR-09 maps columns by an English header in any order', async () => {
    expect(parseTopics(await csvRows('title;hours;position\nЧисла;2;1')).topics).toEqual([{ position: 1, title: 'Числа', hours: 2, workType: null }]);
  });

  it.each([
    ['a position that is not a number', 'x;Тема;1', 'position'],
    ['position 0', '0;Тема;1', 'position'],
    ['an empty title', '2;;1', 'title'],
    ['zero hours', '2;Тема;0', 'hours'],
    ['hours with two decimals', '2;Тема;1,25', 'hours'],
    ['too many hours', '2;Тема;41', 'hours'],
    ['hours as text', '2;Тема;два', 'hours'],
    ['a repeated position', '1;Повтор;1', 'position'],
  ])('R-CUR-09 reports %s with its line number', async (_name, bad, field) => {
    const { errors } = parseTopics(await csvRows(`position;title;hours\n1;Числа;2\n${bad}\n3;Дроби;1`));
    expect(errors).toEqual([{ line: 3, field, message: expect.any(String) }]);
  });

  it('R-CUR-09 reports every bad line, not only the first', async () => {
    const { errors } = parseTopics(await csvRows('1;;0\n2;Тема;1\nx;Тема;y'));
    expect(errors.map((e) => `${e.line}:${e.field}`)).toEqual(['1:title', '1:hours', '3:position', '3:hours']);
  });

  it('R-CUR-09 an empty file is an error', async () => {
    expect(parseTopics(await csvRows('')).errors).toEqual([{ line: 0, field: 'file', message: 'the file has no topics' }]);
    expect(parseTopics(await csvRows('position;title;hours\n')).errors).toHaveLength(1);
  });

  it('R-CUR-09 reads the first worksheet of an XLSX file, numbers and all', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('КТП');
    ws.addRow(['position', 'title', 'hours', 'workType']);
    ws.addRow([1, 'Натуральные числа', 2, 'Контрольная работа']);
    ws.addRow([2, 'Дроби', 1.5]);
    const rows = await uploadRows({ bytes: Buffer.from(await wb.xlsx.writeBuffer()), format: 'xlsx' });
    expect(parseTopics(rows)).toEqual({ errors: [], topics: [
      { position: 1, title: 'Натуральные числа', hours: 2, workType: 'control' },
      { position: 2, title: 'Дроби', hours: 1.5, workType: null },
    ] });
  });

  it('normalises work types given by code or Russian name, keeps other text', async () => {
    expect(normaliseWorkType('Лабораторная работа')).toBe('lab');
    expect(normaliseWorkType('DICTATION')).toBe('dictation');
    expect(normaliseWorkType('  ')).toBeNull();
    expect(normaliseWorkType('Проект')).toBe('Проект');
  });
});
