import { swedishDecimal, type CollaborationReport } from '../../../shared/collaboration';

/**
 * The report as Swedish CSV, the way Excel opens it in a Swedish locale: UTF-8 with a byte order mark,
 * semicolons between fields, a decimal comma, CRLF line ends. One line per organisation and month.
 * A suppressed meeting count is written "<5", the same as on screen.
 */
export function collaborationCsv(report: CollaborationReport, language: 'sv' | 'en'): string {
  const header =
    language === 'sv'
      ? ['Organisation', 'Månad', 'Planerade timmar', 'Rapporterade timmar', 'SSPF-möten', 'Timmar i samverkansforum']
      : ['Organisation', 'Month', 'Planned hours', 'Reported hours', 'SSPF meetings', 'Forum meeting hours'];
  const lines = [header.map(field).join(';')];
  for (const row of report.rows) {
    for (const month of row.months) {
      const meetings = month.meetings === null ? `<${report.meetingsSuppressedBelow ?? ''}` : String(month.meetings);
      lines.push([row.organisationName, month.month, swedishDecimal(month.plannedHours), swedishDecimal(month.reportedHours), meetings, swedishDecimal(month.forumHours)].map(field).join(';'));
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * One field: quoted when it holds a separator, a quote or a line break. A field that starts with a
 * character a spreadsheet reads as a formula (= + - @, tab, CR) gets a leading apostrophe, so an
 * organisation's name can never run as a formula in whoever opens the file.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[";\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
