import { decodeText, detectSeparator, parseCsv, writeCsv } from './table';

describe('CSV for imports (R-ROS-11)', () => {
  it('detects ; and , from the header line, ignoring quoted ones', () => {
    expect(detectSeparator('a;b;c\n1,2;3')).toBe(';');
    expect(detectSeparator('a,b,c\n1;2;3')).toBe(',');
    expect(detectSeparator('"a;b",c\n')).toBe(',');
  });

  it('keeps the line each record starts on, skips blank lines and handles quotes and line breaks inside quotes', () => {
    const t = parseCsv('lastName;address\r\n\r\nИванов;"г. Тверь; ул. ""Новая"""\nПетров;"две\nстроки"\n;\nСидоров;\n');
    expect(t.header).toEqual(['lastName', 'address']);
    expect(t.headerLine).toBe(1);
    expect(t.rows).toEqual([
      { line: 3, cells: ['Иванов', 'г. Тверь; ул. "Новая"'] },
      { line: 4, cells: ['Петров', 'две\nстроки'] },
      { line: 7, cells: ['Сидоров', ''] },
    ]);
  });

  it('reads a file without a final line break', () => {
    expect(parseCsv('a,b\n1,2').rows).toEqual([{ line: 2, cells: ['1', '2'] }]);
  });

  it('decodes UTF-8 with a BOM and falls back to Windows-1251', () => {
    expect(decodeText(Buffer.from('\uFEFFФамилия;Имя', 'utf8'))).toBe('Фамилия;Имя');
    expect(decodeText(Buffer.from([0xd4, 0xe0, 0xec, 0xe8, 0xeb, 0xe8, 0xff]))).toBe('Фамилия');
  });

  it('writes CSV for Excel that reads back the same', () => {
    const bytes = writeCsv(['a', 'b'], [['x;y', 'say "hi"'], [null, 5]]);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const t = parseCsv(decodeText(bytes));
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows.map((r) => r.cells)).toEqual([['x;y', 'say "hi"'], ['', '5']]);
  });
});
