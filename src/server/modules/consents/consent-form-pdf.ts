import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { INFORMATION_CATEGORY_NAMES, type InformationCategory } from '../../../shared/sharing';
import { printable } from '../associations/poster';

export interface ConsentFormInput {
  tenantName: string;
  person: { name: string; birthDate: string };
  organisations: string[];
  users: string[];
  categories: InformationCategory[];
  purpose: string;
  validFrom: string;
  validTo: string;
  /** One signature line each: the guardians by name, the young person. */
  signers: { role: string; name: string }[];
}

// Inter, the web app's typeface, from the installed @fontsource package (no network needed).
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
  bold: require.resolve('@fontsource/inter/files/inter-latin-800-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550', line: '#8A847E' };
const MARGIN = 56;

const swedishDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
/** 2026-03-01 → "1 mars 2026": how the date reads on a letter. */
export function dateInWords(isoDate: string): string {
  return swedishDate.format(new Date(`${isoDate}T00:00:00Z`));
}

/**
 * The printable consent form for the parties to read and sign: who it is about, who may share what
 * with whom and why, for how long, the right to withdraw it at any time, and one signature line for
 * every party whose consent is needed. Plain Swedish, one reading from top to bottom.
 */
export async function renderConsentForm(input: ConsentFormInput): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'sv-SE',
    displayTitle: true,
    info: { Title: 'Samtycke till samverkan', Author: printable(input.tenantName), Subject: 'Samtycke (SSPF)', Creator: 'Samverka' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('semibold', FONTS.semibold);
  doc.registerFont('bold', FONTS.bold);
  const done = collect(doc);
  const width = doc.page.width - 2 * MARGIN;

  const heading = (text: string) => {
    doc.moveDown(0.8).fillColor(COLOURS.accent).font('semibold').fontSize(12.5).text(text, { width });
    doc.moveDown(0.2).fillColor(COLOURS.text).font('regular').fontSize(10.5);
  };
  const paragraph = (text: string) => doc.font('regular').fontSize(10.5).fillColor(COLOURS.text).text(printable(text), { width, lineGap: 2 });
  const bullets = (items: string[]) => doc.font('regular').fontSize(10.5).fillColor(COLOURS.text).list(items.map(printable), { width, bulletRadius: 2, lineGap: 2 });

  doc.fillColor(COLOURS.muted).font('semibold').fontSize(10).text(printable(input.tenantName), { width });
  doc.moveDown(0.3).fillColor(COLOURS.text).font('bold').fontSize(22).text('Samtycke till samverkan', { width });
  doc.moveDown(0.3);
  paragraph(
    'Flera verksamheter vill arbeta tillsammans för att stödja den unga personen nedan. För att de ska få berätta för varandra om hens situation behövs ert samtycke. Läs igenom blanketten och skriv under om ni samtycker.',
  );

  heading('Samtycket gäller');
  paragraph(`${input.person.name}, född ${dateInWords(input.person.birthDate)}`);

  heading('Vilka som får lämna och ta emot uppgifterna');
  bullets(input.organisations);
  if (input.users.length > 0) {
    doc.moveDown(0.3);
    paragraph('Inom dessa verksamheter bara följande personer:');
    bullets(input.users);
  }

  heading('Vilka uppgifter samtycket omfattar');
  const categories: InformationCategory[] = ['samverkan', ...input.categories.filter((c) => c !== 'samverkan')];
  bullets(categories.map((category) => INFORMATION_CATEGORY_NAMES[category].sv));

  heading('Varför uppgifterna behövs');
  paragraph(input.purpose);

  heading('Hur länge samtycket gäller');
  paragraph(`Från och med ${dateInWords(input.validFrom)} till och med ${dateInWords(input.validTo)}.`);

  heading('Ni kan ta tillbaka samtycket när som helst');
  paragraph(
    'Samtycket är frivilligt. Ni kan när som helst återkalla det, helt eller för en viss verksamhet, utan att säga varför. Säg det till SSPF-koordinatorn, muntligt eller skriftligt. Från den stunden lämnas inga fler uppgifter med stöd av samtycket. Uppgifter som redan har lämnats kan inte tas tillbaka. Att säga nej påverkar inte rätten till annat stöd.',
  );

  heading('Underskrifter');
  paragraph('Varje vårdnadshavare skriver under för sig, och den unga personen själv när hen har nått den ålder som krävs.');
  for (const signer of input.signers) signatureLine(doc, signer, width);

  doc.end();
  return done;
}

function signatureLine(doc: PDFKit.PDFDocument, signer: { role: string; name: string }, width: number): void {
  // Keep a signature block on one page: start a new page rather than split it.
  if (doc.y + 80 > doc.page.height - MARGIN) doc.addPage();
  doc.moveDown(1.2);
  doc.font('semibold').fontSize(10.5).fillColor(COLOURS.text).text(printable(`${signer.role}: ${signer.name}`), { width });
  const y = doc.y + 30;
  const column = (width - 24) / 2;
  doc.strokeColor(COLOURS.line).lineWidth(0.7);
  doc.moveTo(MARGIN, y).lineTo(MARGIN + column, y).stroke();
  doc.moveTo(MARGIN + column + 24, y).lineTo(MARGIN + width, y).stroke();
  doc.font('regular').fontSize(9).fillColor(COLOURS.muted);
  doc.text('Underskrift', MARGIN, y + 4, { width: column });
  doc.text('Ort och datum', MARGIN + column + 24, y + 4, { width: column });
  doc.x = MARGIN;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
