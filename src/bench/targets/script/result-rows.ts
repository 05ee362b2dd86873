import { scalar } from '../../rows.js';
import type { Row } from '../../target.js';

/**
 * What a script target's `query` prints, parsed: RFC 4180 CSV with a header line, or JSON lines
 * (the column names as a JSON array, then one JSON array per row). Anything else is rejected with
 * the line and the problem, never guessed at.
 */
export interface ParsedRows {
  columns: string[];
  rows: Row[];
}

export class MalformedRowsError extends Error {}

/** A CSV field as a value: numbers in their plain decimal form become numbers ("01" stays a code). */
function csvValue(text: string, quoted: boolean): Row[number] {
  if (!quoted && text === '') return null;
  if (!quoted && /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/.test(text)) return Number(text);
  return text;
}

/** RFC 4180 records: quoted fields with "" escapes and line breaks, CRLF or LF line ends. */
function csvRecords(text: string): { fields: { text: string; quoted: boolean }[]; line: number }[] {
  const records: { fields: { text: string; quoted: boolean }[]; line: number }[] = [];
  let fields: { text: string; quoted: boolean }[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => {
    fields.push({ text: field, quoted });
    field = '';
    quoted = false;
  };
  while (i < text.length) {
    const c = text[i];
    if (c === '"' && field === '' && !quoted) {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new MalformedRowsError(`line ${recordLine}: a quoted field is never closed`);
        const q = text[i];
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') throw new MalformedRowsError(`line ${line}: text after a closing quote`);
      continue;
    }
    if (c === ',') {
      endField();
      i++;
      continue;
    }
    if (c === '\r' && text[i + 1] === '\n') i++;
    if (c === '\n' || c === '\r') {
      endField();
      records.push({ fields, line: recordLine });
      fields = [];
      i++;
      line++;
      recordLine = line;
      continue;
    }
    if (quoted) throw new MalformedRowsError(`line ${line}: text after a closing quote`);
    if (c === '"') throw new MalformedRowsError(`line ${line}: a quote inside an unquoted field`);
    field += c;
    i++;
  }
  if (field !== '' || quoted || fields.length) {
    endField();
    records.push({ fields, line: recordLine });
  }
  return records;
}

export function parseCsvRows(text: string): ParsedRows {
  const records = csvRecords(text);
  if (records.length === 0) throw new MalformedRowsError('no header line (CSV output must start with the column names)');
  const columns = records[0].fields.map((f) => f.text);
  const rows = records.slice(1).map((r) => {
    if (r.fields.length !== columns.length) throw new MalformedRowsError(`line ${r.line}: ${r.fields.length} field(s), the header has ${columns.length}`);
    return r.fields.map((f) => csvValue(f.text, f.quoted));
  });
  return { columns, rows };
}

function jsonLine(line: string, n: number): unknown {
  try {
    return JSON.parse(line);
  } catch (e) {
    throw new MalformedRowsError(`line ${n}: not JSON (${(e as Error).message})`);
  }
}

/** One JSON value of a row: scalars only; dates as 'YYYY-MM-DD' strings. */
export function jsonValue(v: unknown, where: string): Row[number] {
  if (v !== null && typeof v === 'object') throw new MalformedRowsError(`${where}: a value must be a number, a string, a boolean or null`);
  return scalar(v);
}

export function parseJsonLines(text: string): ParsedRows {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new MalformedRowsError('no header line (the first line must be the JSON array of column names)');
  const header = jsonLine(lines[0], 1);
  if (!Array.isArray(header) || !header.every((c) => typeof c === 'string')) throw new MalformedRowsError('line 1: the header must be a JSON array of column names');
  const columns = header as string[];
  const rows = lines.slice(1).map((l, i) => checkRow(jsonLine(l, i + 2), columns.length, `line ${i + 2}`));
  return { columns, rows };
}

/** A row as a session or a JSON-lines query gives it: an array of scalars, as many as columns. */
export function checkRow(value: unknown, width: number, where: string): Row {
  if (!Array.isArray(value)) throw new MalformedRowsError(`${where}: a row must be a JSON array`);
  if (value.length !== width) throw new MalformedRowsError(`${where}: ${value.length} value(s), the header has ${width}`);
  return value.map((v) => jsonValue(v, where));
}
