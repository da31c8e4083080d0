/** Writes CSV (RFC 4180 quoting, CRLF line ends) that Excel opens as UTF-8 thanks to the byte-order mark. */

const BOM = '\uFEFF';

export type CsvSeparator = ';' | ',';

/**
 * One cell. Quoted when it holds the separator, a quote, a line break or edge spaces; quotes are
 * doubled. A text starting with = + - @ or a tab/CR is prefixed with an apostrophe, so a spreadsheet
 * never runs a formula smuggled in through, say, a user agent (CSV injection).
 */
export function csvCell(value: string | number | null | undefined, separator: CsvSeparator): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(separator) || /["\r\n]/.test(text) || /^\s|\s$/.test(text);
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly (string | number | null | undefined)[], separator: CsvSeparator): string {
  return values.map((value) => csvCell(value, separator)).join(separator);
}

/** The whole document: BOM, header line, rows, each line ended by CRLF. */
export function csvDocument(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[], separator: CsvSeparator): string {
  const lines = [csvLine(header, separator), ...rows.map((row) => csvLine(row, separator))];
  return `${BOM}${lines.join('\r\n')}\r\n`;
}
