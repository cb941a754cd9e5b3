import { describe, expect, it } from 'vitest';
import {
  columnLetter,
  detectDelimiter,
  formatCsv,
  parseCsv,
  protectFormula,
  stripBom,
  unprotectFormula,
} from './csv';

type Expected = { columns: string[]; rows: [number, string[]][]; delimiter?: string };

const cases: [string, string, Expected][] = [
  [
    'plain comma file',
    'id,title\nA-1,Broken login\n',
    {
      columns: ['id', 'title'],
      rows: [[2, ['A-1', 'Broken login']]],
      delimiter: ',',
    },
  ],
  [
    'UTF-8 byte order mark before the header',
    '\uFEFFid,title\r\nA-1,x\r\n',
    {
      columns: ['id', 'title'],
      rows: [[2, ['A-1', 'x']]],
    },
  ],
  [
    'CRLF line ends',
    'id,title\r\nA-1,x\r\nA-2,y',
    {
      columns: ['id', 'title'],
      rows: [
        [2, ['A-1', 'x']],
        [3, ['A-2', 'y']],
      ],
    },
  ],
  [
    'old Mac CR line ends',
    'id,title\rA-1,x\rA-2,y\r',
    {
      columns: ['id', 'title'],
      rows: [
        [2, ['A-1', 'x']],
        [3, ['A-2', 'y']],
      ],
    },
  ],
  [
    'semicolon separator (European spreadsheets)',
    'id;title;amount\nA-1;Refund;1,50\n',
    {
      columns: ['id', 'title', 'amount'],
      rows: [[2, ['A-1', 'Refund', '1,50']]],
      delimiter: ';',
    },
  ],
  [
    'quoted value with a line break counts as one spreadsheet row',
    'id,title\nA-1,"two\nlines"\nA-2,z\n',
    {
      columns: ['id', 'title'],
      rows: [
        [2, ['A-1', 'two\nlines']],
        [3, ['A-2', 'z']],
      ],
    },
  ],
  [
    'quoted CRLF inside a value is kept',
    'id,title\r\nA-1,"a\r\nb"\r\n',
    {
      columns: ['id', 'title'],
      rows: [[2, ['A-1', 'a\r\nb']]],
    },
  ],
  [
    'doubled quotes and separators inside quotes',
    'id,title\nA-1,"He said ""no"", then left"\n',
    {
      columns: ['id', 'title'],
      rows: [[2, ['A-1', 'He said "no", then left']]],
    },
  ],
  [
    'semicolon inside quotes of a semicolon file',
    'id;title\nA-1;"a;b"\n',
    {
      columns: ['id', 'title'],
      rows: [[2, ['A-1', 'a;b']]],
      delimiter: ';',
    },
  ],
  [
    'blank lines are skipped but still counted',
    'id,title\n\nA-1,x\n   \n,\nA-2,y\n\n',
    {
      columns: ['id', 'title'],
      rows: [
        [3, ['A-1', 'x']],
        [6, ['A-2', 'y']],
      ],
    },
  ],
  [
    'blank lines before the header',
    '\n\nid,title\nA-1,x\n',
    {
      columns: ['id', 'title'],
      rows: [[4, ['A-1', 'x']]],
    },
  ],
  [
    'trailing separator on every line',
    'id,title,\nA-1,x,\n',
    {
      columns: ['id', 'title'],
      rows: [[2, ['A-1', 'x']]],
    },
  ],
  [
    'short rows get empty cells',
    'id,title,status\nA-1,x\n',
    {
      columns: ['id', 'title', 'status'],
      rows: [[2, ['A-1', 'x', '']]],
    },
  ],
  [
    'header names are trimmed; unnamed columns get a letter',
    ' id , ,title\nA-1,?,x\n',
    {
      columns: ['id', 'Column B', 'title'],
      rows: [[2, ['A-1', '?', 'x']]],
    },
  ],
  ['header only', 'id,title\n', { columns: ['id', 'title'], rows: [] }],
];

describe('parseCsv', () => {
  it.each(cases)('%s', (_name, text, expected) => {
    const table = parseCsv(text);
    expect(table.columns).toEqual(expected.columns);
    expect(table.rows.map((row) => [row.row, row.cells])).toEqual(expected.rows);
    expect(table.problems).toEqual([]);
    if (expected.delimiter) expect(table.delimiter).toBe(expected.delimiter);
  });

  it('reports an empty file', () => {
    expect(parseCsv('\uFEFF\n\n').problems).toEqual([
      { row: 1, column: '', reason: 'The file is empty: it has no header row.' },
    ]);
  });

  it('reports an unclosed quote on the row where it starts', () => {
    const table = parseCsv('id,title\nA-1,ok\nA-2,"never closed\nA-3,lost\n');
    expect(table.problems).toEqual([
      { row: 3, column: '', reason: expect.stringContaining('not closed') },
    ]);
  });

  it('reports text after a closing quote', () => {
    const table = parseCsv('id,title\nA-1,"x"y\n');
    expect(table.problems[0]).toMatchObject({
      row: 2,
      reason: expect.stringContaining('Double a "'),
    });
  });

  it('reports values beyond the last named column', () => {
    const table = parseCsv('id,title\nA-1,x,surplus\nA-2,y,\n');
    expect(table.problems).toEqual([
      { row: 2, column: 'Column C', reason: expect.stringContaining('“surplus”') },
    ]);
    expect(table.rows).toHaveLength(2);
  });

  it('notices text that was not UTF-8', () => {
    expect(parseCsv('id,title\nA-1,Caf\uFFFD\n').notices[0]).toContain('not UTF-8');
  });

  it('takes the separator it is given', () => {
    expect(parseCsv('a;b,c\n1;2,3\n', { delimiter: ',' }).columns).toEqual(['a;b', 'c']);
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['id,title,status\n1;2;3;4;5', ','],
    ['id;title;status\n1,2,3,4,5', ';'],
    ['"a;b";c;d\n', ';'],
    ['"a,b,c";d\n', ';'],
    ['\n\nid;title\n', ';'],
    ['\uFEFFid;title', ';'],
    ['single', ','],
    ['a,b;c', ','],
  ])('%j → %j', (text, delimiter) => expect(detectDelimiter(text)).toBe(delimiter));
});

describe('helpers', () => {
  it('strips one byte order mark', () => {
    expect(stripBom('\uFEFFx')).toBe('x');
    expect(stripBom('x\uFEFF')).toBe('x\uFEFF');
  });

  it.each([
    [0, 'A'],
    [25, 'Z'],
    [26, 'AA'],
    [27, 'AB'],
    [701, 'ZZ'],
    [702, 'AAA'],
  ])('column %i is %s', (index, letter) => expect(columnLetter(index)).toBe(letter));

  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1 555', "'+1 555"],
    ['-5 degrees', "'-5 degrees"],
    ['@home', "'@home"],
    ["'=x", "''=x"],
    ["''+", "'''+"],
    ["'quoted'", "'quoted'"],
    ['plain', 'plain'],
    ['', ''],
  ])('protects %j as %j and back', (value, safe) => {
    expect(protectFormula(value)).toBe(safe);
    expect(unprotectFormula(safe)).toBe(value);
  });

  it('writes RFC 4180 CSV that reads back the same', () => {
    const rows = [
      ['id', 'title'],
      ['A-1', 'comma, "quote"\nand line'],
      ['A-2', ' padded '],
    ];
    const text = formatCsv(rows);
    expect(text).toBe('id,title\r\nA-1,"comma, ""quote""\nand line"\r\nA-2," padded "');
    const table = parseCsv(text);
    expect([table.columns, ...table.rows.map((row) => row.cells)]).toEqual(rows);
  });
});
