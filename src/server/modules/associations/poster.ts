import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { EMERGENCY_NUMBERS } from '../../../shared/associations';
import { DECISION_DEADLINE_DAYS } from '../../../shared/concerns';
import type { ConcernContact } from '../../../shared/concerns-admin';
import { qrCodeModules } from './qr';

export interface PosterInput {
  tenantName: string;
  /** The public form, absolute: what the QR code holds. */
  formUrl: string;
  /** The same, as people type it: no scheme. */
  shortFormUrl: string;
  statusUrl: string;
  socialServicesPhone: string | null;
  contact: ConcernContact | null;
  /** A poster for one association names its anmälningsansvarig (the name only: the poster hangs in public). */
  association: { name: string; reportingContactName: string | null } | null;
}

// Inter, the web app's own typeface, from the installed @fontsource package: no network needed.
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
  bold: require.resolve('@fontsource/inter/files/inter-latin-800-normal.woff'),
};

// Samverka's theme (src/web/theme): deep blue-green accent, warm neutral, and a red for danger.
const COLOURS = { accent: '#1F5F61', accentLight: '#E6F0EF', text: '#1E1B18', muted: '#5B5550', danger: '#A3211B', dangerLight: '#FBEAE8', white: '#FFFFFF' };

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = 48;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const FOOTER_TOP = A4.height - 56;

/**
 * "Så gör du med din oro": one A4 page for a club house or a school corridor. The emergency numbers
 * first, then three steps with the QR code to the form, what happens afterwards, and whom to ask.
 */
export async function renderConcernPoster(input: PosterInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'sv-SE',
    displayTitle: true,
    info: { Title: `Så gör du med din oro – ${input.tenantName}`, Author: input.tenantName, Subject: 'Orosanmälan', Creator: 'Samverka' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('semibold', FONTS.semibold);
  doc.registerFont('bold', FONTS.bold);
  const done = collect(doc);
  // One page, always: nothing may flow onto a second one. Long texts are cut to their boxes instead.
  doc.page.margins.bottom = 0;

  header(doc, input);
  let y = emergencyBox(doc, input, 170);
  y = steps(doc, input, y + 20);
  y = afterwards(doc, input, y + 16);
  whomToAsk(doc, input, y + 18, FOOTER_TOP - 14);
  footer(doc, input);

  doc.end();
  return done;
}

function header(doc: PDFKit.PDFDocument, input: PosterInput): void {
  doc.rect(0, 0, A4.width, 150).fill(COLOURS.accent);
  // One line for the name, however long: the title below must never be overprinted.
  doc.fillColor(COLOURS.white).font('semibold').fontSize(13).text(printable(input.tenantName), MARGIN, 40, { width: CONTENT_WIDTH, height: 16, ellipsis: true });
  doc.font('bold').fontSize(36).text('Så gör du med din oro', MARGIN, 60, { width: CONTENT_WIDTH });
  doc.font('regular').fontSize(13).text('Är du orolig för ett barn eller en ung person? Du behöver inte vara säker. Berätta det för socialtjänsten.', MARGIN, 106, {
    width: CONTENT_WIDTH,
    lineGap: 2,
  });
}

function emergencyBox(doc: PDFKit.PDFDocument, input: PosterInput, top: number): number {
  const rows: [string, string][] = [
    ['Tips till polisen', EMERGENCY_NUMBERS.policeTips],
    ['Socialtjänsten', input.socialServicesPhone ?? 'via kommunens växel'],
    ['Barn och unga: BRIS', EMERGENCY_NUMBERS.bris],
  ];
  const height = 110;
  doc.roundedRect(MARGIN, top, CONTENT_WIDTH, height, 8).fill(COLOURS.dangerLight);
  doc.rect(MARGIN, top, 6, height).fill(COLOURS.danger);
  doc.fillColor(COLOURS.danger).font('bold').fontSize(24).text(`Akut fara? Ring ${EMERGENCY_NUMBERS.emergency}`, MARGIN + 22, top + 16, { width: CONTENT_WIDTH - 40 });
  let y = top + 52;
  for (const [label, number] of rows) {
    doc.fillColor(COLOURS.text).font('regular').fontSize(13).text(label, MARGIN + 22, y, { width: 220 });
    doc.font('bold').fontSize(13).text(printable(number), MARGIN + 240, y, { width: CONTENT_WIDTH - 262 });
    y += 18.5;
  }
  return top + height;
}

function steps(doc: PDFKit.PDFDocument, input: PosterInput, top: number): number {
  const qrSize = 168;
  const qrLeft = A4.width - MARGIN - qrSize;
  const textWidth = qrLeft - MARGIN - 24;
  doc.fillColor(COLOURS.accent).font('bold').fontSize(20).text('Så anmäler du', MARGIN, top, { width: textWidth });
  const items: { title: string; body: string; link?: string }[] = [
    { title: 'Skanna QR-koden', body: 'eller skriv in adressen', link: input.shortFormUrl },
    { title: 'Berätta vad du har sett eller hört', body: 'Skriv så gott du kan. Du får vara anonym om du vill.' },
    { title: 'Spara kvittokoden', body: 'Med den kan du se att anmälan har kommit fram och vad som händer.' },
  ];
  let y = top + 34;
  items.forEach(({ title, body, link }, index) => {
    doc.circle(MARGIN + 13, y + 11, 13).fill(COLOURS.accent);
    doc.fillColor(COLOURS.white).font('bold').fontSize(14).text(String(index + 1), MARGIN, y + 3, { width: 26, align: 'center' });
    doc.fillColor(COLOURS.text).font('semibold').fontSize(14).text(title, MARGIN + 38, y + 2, { width: textWidth - 38 });
    doc.font('regular').fontSize(11.5).fillColor(COLOURS.muted).text(body, MARGIN + 38, doc.y + 2, { width: textWidth - 38, lineGap: 1.5 });
    if (link) doc.font('semibold').fontSize(11.5).fillColor(COLOURS.accent).text(printable(link), MARGIN + 38, doc.y + 1, { width: textWidth - 38 });
    y = doc.y + 12;
  });

  drawQrCode(doc, input.formUrl, qrLeft, top + 4, qrSize);
  doc.fillColor(COLOURS.text).font('semibold').fontSize(11).text('Skanna för att anmäla', qrLeft, top + qrSize + 10, { width: qrSize, align: 'center' });
  doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(printable(input.shortFormUrl), qrLeft - 20, doc.y + 2, { width: qrSize + 40, align: 'center' });
  return Math.max(y, doc.y);
}

function drawQrCode(doc: PDFKit.PDFDocument, url: string, left: number, top: number, size: number): void {
  const modules = qrCodeModules(url);
  const quiet = 2;
  const cell = size / (modules.length + 2 * quiet);
  doc.rect(left, top, size, size).fill(COLOURS.white);
  doc.lineWidth(1).strokeColor('#D8D3CD').rect(left - 0.5, top - 0.5, size + 1, size + 1).stroke();
  modules.forEach((row, r) =>
    row.forEach((dark, c) => {
      // A hair of overlap so that no white seams show between neighbouring modules when printed.
      if (dark) doc.rect(left + (c + quiet) * cell, top + (r + quiet) * cell, cell + 0.15, cell + 0.15);
    }),
  );
  doc.fill('#000000');
}

function afterwards(doc: PDFKit.PDFDocument, input: PosterInput, top: number): number {
  const padding = 16;
  const body =
    `Socialtjänsten läser din anmälan och bedömer samma dag om barnet behöver skydd direkt. ` +
    `Inom ${DECISION_DEADLINE_DAYS} dagar beslutar de om en utredning ska inledas. Med kvittokoden ser du hur det går: ${printable(shortUrl(input.statusUrl))}`;
  doc.font('regular').fontSize(12);
  const height = doc.heightOfString(body, { width: CONTENT_WIDTH - 2 * padding, lineGap: 2 }) + 2 * padding + 28;
  doc.roundedRect(MARGIN, top, CONTENT_WIDTH, height, 8).fill(COLOURS.accentLight);
  doc.fillColor(COLOURS.accent).font('bold').fontSize(16).text('Vad händer sedan?', MARGIN + padding, top + padding, { width: CONTENT_WIDTH - 2 * padding });
  doc.fillColor(COLOURS.text).font('regular').fontSize(12).text(body, MARGIN + padding, top + padding + 26, { width: CONTENT_WIDTH - 2 * padding, lineGap: 2 });
  return top + height;
}

/** The association's own person (if this is its poster) and the tenant's contact, side by side. */
function whomToAsk(doc: PDFKit.PDFDocument, input: PosterInput, top: number, bottom: number): void {
  const association = input.association?.reportingContactName ? input.association : null;
  const columns = association && input.contact ? 2 : 1;
  const gap = 24;
  const width = (CONTENT_WIDTH - (columns - 1) * gap) / columns;
  const clip = (y: number) => ({ width, height: Math.max(0, bottom - y), ellipsis: true, lineGap: 1.5 });
  // A line that would not fit whole is left out rather than printed over the footer.
  const fits = (y: number, size: number) => bottom - y >= size * 1.3;
  const twoLines = (y: number, size: number) => ({ ...clip(y), height: Math.min(bottom - y, size * 2.6) });
  let left = MARGIN;
  if (association) {
    doc.fillColor(COLOURS.accent).font('bold').fontSize(14).text(`I ${printable(association.name)}`, left, top, twoLines(top, 14));
    if (fits(doc.y + 2, 11.5)) {
      doc.fillColor(COLOURS.text).font('regular').fontSize(11.5).text(
        `Vår anmälningsansvariga är ${printable(association.reportingContactName!)}. Prata gärna med hen, eller anmäl själv direkt.`,
        left,
        doc.y + 2,
        clip(doc.y + 2),
      );
    }
    left += width + gap;
  }
  const contact = input.contact;
  if (contact) {
    const reach = [contact.phone, contact.email].filter(Boolean).join('  ·  ');
    doc.fillColor(COLOURS.accent).font('bold').fontSize(14).text('Frågor om hur du gör?', left, top, clip(top));
    if (fits(doc.y + 2, 11.5)) doc.fillColor(COLOURS.text).font('semibold').fontSize(11.5).text(printable(contact.name), left, doc.y + 2, twoLines(doc.y + 2, 11.5));
    if (reach && fits(doc.y + 1, 11.5)) doc.fillColor(COLOURS.text).font('regular').fontSize(11.5).text(printable(reach), left, doc.y + 1, clip(doc.y + 1));
    if (contact.hours && fits(doc.y + 1, 10.5)) doc.font('regular').fontSize(10.5).fillColor(COLOURS.muted).text(printable(contact.hours), left, doc.y + 1, clip(doc.y + 1));
  }
}

function footer(doc: PDFKit.PDFDocument, input: PosterInput): void {
  const y = FOOTER_TOP + 10;
  doc.moveTo(MARGIN, FOOTER_TOP).lineTo(A4.width - MARGIN, FOOTER_TOP).lineWidth(0.5).strokeColor('#D8D3CD').stroke();
  doc.fillColor(COLOURS.muted).font('regular').fontSize(9);
  const half = CONTENT_WIDTH / 2;
  doc.text(`${printable(input.tenantName)}  ·  Orosanmälan via Samverka`, MARGIN, y, { width: half + 40, height: 12, ellipsis: true });
  doc.text('Ring alltid 112 vid akut fara.', MARGIN + half + 50, y, { width: half - 50, align: 'right', height: 12, ellipsis: true });
}

export function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '');
}

/**
 * The embedded typeface holds Latin-1 and common punctuation. A letter outside it is written
 * without its accent (ś -> s) or as its nearest Latin letter (ł -> l), so that a name never prints
 * as empty boxes; anything else becomes '?'.
 */
export function printable(text: string): string {
  return [...text.normalize('NFC')]
    .map((ch) => {
      if (covered(ch)) return ch;
      const stripped = ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if ([...stripped].every(covered)) return stripped;
      return NEAREST[ch] ?? '?';
    })
    .join('');
}

const NEAREST: Record<string, string> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i', Ħ: 'H', ħ: 'h', Ŋ: 'N', ŋ: 'n', Ŧ: 'T', ŧ: 't', ĸ: 'k' };

function covered(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xff) || (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) || cp === 0x20ac || cp === 0x2122 || cp === 0x2212 || cp === 0x0152 || cp === 0x0153;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
