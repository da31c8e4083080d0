import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { formatCell, suppressionLegend } from '../../../shared/suppression';
import { WEEKDAY_NAMES } from '../../../shared/presence';
import type { Lagesbild } from '../../../shared/lagesbild';

// Inter, the web app's own typeface, from the installed @fontsource package (as the other PDFs).
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550' };
const MARGIN = 48;

/**
 * The week as a PDF for the EST meeting and the partners. Always the suppressed picture (a printed page
 * leaves the app): the routes pass the sent version once the week is sent. Figures only, by category,
 * cell and hour; the analysis as the group wrote it.
 */
export async function renderLagesbildPdf(input: { picture: Lagesbild; tenantName: string }): Promise<Buffer> {
  const { picture } = input;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, lang: 'sv-SE', displayTitle: true, info: { Title: `Lägesbild ${picture.week}`, Author: input.tenantName, Subject: 'EST', Creator: 'Samverka' } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('semibold', FONTS.semibold);
  const done = collect(doc);
  const heading = (text: string) => doc.moveDown(0.8).font('semibold').fontSize(13).fillColor(COLOURS.accent).text(text).moveDown(0.2).font('regular').fontSize(10).fillColor(COLOURS.text);
  const line = (text: string) => doc.font('regular').fontSize(10).fillColor(COLOURS.text).text(text);
  const muted = (text: string) => doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(text).fillColor(COLOURS.text);
  const f = (cell: Parameters<typeof formatCell>[0]) => formatCell(cell, 'sv');

  doc.font('semibold').fontSize(20).fillColor(COLOURS.accent).text(`Lägesbild vecka ${picture.week.split('-W')[1]}, ${picture.week.split('-W')[0]}`);
  line(`${input.tenantName}${picture.areaName ? ` · ${picture.areaName}` : ' · hela kommunen'} · ${picture.dates[0]} – ${picture.dates[6]}`);
  const status = picture.state.status === 'sent' ? `Skickad ${picture.state.sentAt?.slice(0, 10)}` : picture.state.status === 'closed' ? 'Stängd, ej skickad' : 'Öppen (utkast)';
  muted(`${status}. ${suppressionLegend(picture.k, 'sv')}`);

  heading('Händelser per kategori');
  line(`Totalt: ${f(picture.total.count)} (snitt 8 veckor före: ${f(picture.total.mean)}, samma vecka i fjol: ${f(picture.total.lastYear)})`);
  for (const row of picture.categories) {
    if (row.count.kind === 'value' && row.count.value === 0 && row.lastYear.kind === 'value' && row.lastYear.value === 0) continue;
    line(`${row.name}: ${f(row.count)} (snitt ${f(row.mean)}, i fjol ${f(row.lastYear)})${row.notable ? ' – markerad ökning' : ''}`);
  }

  heading('Förändringar');
  if (picture.changes.length === 0) line('Inga tal ligger klart över sin egen nivå denna vecka.');
  for (const change of picture.changes) line(`• ${change.text}`);
  muted(picture.method);

  heading('Hot-spots');
  if (picture.hotspots.length === 0) line('Inga rutor med flera händelser denna vecka.');
  for (const spot of picture.hotspots) line(`${spot.places.map((p) => p.name).join(', ') || `Ruta ${spot.cell}`}: ${f(spot.count)}${spot.topCategory ? ` (mest ${spot.topCategory.toLowerCase()})` : ''}`);

  heading('Veckodag och timme');
  picture.heat.cells.forEach((hours, day) => {
    const busy = hours.map((cell, hour) => ({ cell, hour })).filter(({ cell }) => !(cell.kind === 'value' && cell.value === 0));
    line(`${WEEKDAY_NAMES.sv[day]}: ${busy.length === 0 ? 'inga' : busy.map(({ cell, hour }) => `${String(hour).padStart(2, '0')}: ${f(cell)}`).join(', ')}`);
  });

  heading('Närvaro mot hot-spots');
  if (picture.presenceGaps.length === 0) line('Ingen hot-spot saknar planerad närvaro de tider händelserna sker.');
  for (const gap of picture.presenceGaps) line(`• ${gap.text}`);

  heading('EST-gruppens analys');
  line(picture.state.analysis.trim() === '' ? '(Ingen analys skriven.)' : picture.state.analysis);

  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
