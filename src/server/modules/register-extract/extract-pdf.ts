import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { RegisterExtract } from '../../../shared/register-extract';
import { ACTION_STATUS_NAMES, ACTION_TYPE_NAMES, CASE_CLOSE_REASON_NAMES, CASE_OUTCOME_NAMES, CASE_STATUS_NAMES, FACTOR_DOMAIN_NAMES, FACTOR_KIND_NAMES, FACTOR_LEVEL_NAMES, MEETING_KIND_NAMES } from '../../../shared/cases';
import { CLOSE_REASON_NAMES, CONCERN_CATEGORY_NAMES, CONCERN_KIND_NAMES, CONCERN_STATUS_NAMES } from '../../../shared/concerns';
import { INFORMATION_CATEGORY_NAMES } from '../../../shared/sharing';
import { ROLES } from '../../../shared/roles';
import { accessActionSv } from './access-actions';

const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
  bold: require.resolve('@fontsource/inter/files/inter-latin-800-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550' };
const MARGIN = 56;

type Names = Record<string, { sv: string }>;
/** The Swedish name of a stored code, or the code itself when it has none (never a blank). */
const sv = (names: Names, key: string | null | undefined): string => (key ? (names[key]?.sv ?? key) : '–');

const PROTECTED_SV: Record<string, string> = {
  none: 'Nej',
  sekretessmarkering: 'Ja, sekretessmarkering',
  skyddad_folkbokforing: 'Ja, skyddad folkbokföring',
};
const PARTY_SV: Record<string, string> = { guardian: 'Vårdnadshavare', young_person: 'Den unga' };
const METHOD_SV: Record<string, string> = { paper: 'Skriftligt på papper', oral: 'Muntligt' };
const MISSING = '(kunde inte läsas)';
const WITHHELD = '(lämnas ut av socialtjänsten)';

const stockholm = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm', dateStyle: 'short', timeStyle: 'short' });
const when = (iso: string | null) => (iso ? stockholm.format(new Date(iso)) : '–');
const text = (value: string | null) => (value === null ? MISSING : value);

/**
 * The register extract as a PDF the person can read: plain Swedish headings per part, labels
 * instead of codes, times in Swedish time. It holds personal data: it is handed over, never mailed.
 */
export async function renderRegisterExtractPdf(extract: RegisterExtract): Promise<Buffer> {
  const { person } = extract;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'sv-SE',
    displayTitle: true,
    info: { Title: `Registerutdrag – ${person.firstName} ${person.lastName}`, Author: extract.tenantName, Creator: 'Samverka' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('semibold', FONTS.semibold);
  doc.registerFont('bold', FONTS.bold);
  const done = collect(doc);
  const w = new Writer(doc);

  doc.font('bold').fontSize(22).fillColor(COLOURS.accent).text('Registerutdrag');
  doc.font('regular').fontSize(10).fillColor(COLOURS.muted).text(`${extract.tenantName} · framställt ${when(extract.producedAt)}`);
  w.paragraph(
    'Det här är allt som finns registrerat om dig i Samverka, kommunens system för samverkan kring barn och unga, och vilka som har läst eller ändrat uppgifterna. Har du frågor, eller tycker du att något är fel, kontakta kommunen.',
  );

  w.heading('Dina personuppgifter');
  w.field('Namn', `${person.firstName} ${person.lastName}`);
  w.field('Personnummer', text(person.identityNumber));
  w.field('Födelsedatum', person.birthDate);
  w.field('Skola', extract.whereaboutsWithheld ? WITHHELD : (person.school ?? '–'));
  w.field('Skyddad identitet', PROTECTED_SV[person.protectedIdentity] ?? person.protectedIdentity);
  w.field('Registrerad', when(person.createdAt));
  w.field('Senast ändrad', when(person.updatedAt));

  w.heading('Vårdnadshavare');
  if (extract.guardians.length === 0 && extract.guardianOf.length === 0) w.empty('Inga vårdnadshavare är registrerade.');
  for (const g of extract.guardians) w.field('Vårdnadshavare', `${g.firstName} ${g.lastName} (född ${g.birthDate})`);
  for (const c of extract.guardianOf) w.field('Vårdnadshavare för', `${c.firstName} ${c.lastName} (född ${c.birthDate})`);

  w.heading('Anteckningar');
  if (extract.notes.length === 0) w.empty('Det finns inga anteckningar.');
  for (const note of extract.notes) {
    w.subheading(`${when(note.createdAt)} · ${note.authorName ?? 'okänd'}`);
    w.paragraph(text(note.body));
  }

  w.heading('Orosanmälningar');
  if (extract.concerns.length === 0) w.empty('Det finns inga orosanmälningar om dig.');
  for (const c of extract.concerns) {
    w.subheading(`${sv(CONCERN_KIND_NAMES, c.kind)} mottagen ${when(c.receivedAt)}`);
    w.field('Mottagen av', c.receivingOrganisation ?? '–');
    w.field('Status', sv(CONCERN_STATUS_NAMES, c.status));
    if (c.categories.length > 0) w.field('Gäller', c.categories.map((k) => sv(CONCERN_CATEGORY_NAMES, k)).join(', '));
    if (c.occurredOn) w.field('Hände', c.occurredOn);
    w.field('Beskrivning', text(c.description));
    if (c.place !== null) w.field('Plats', c.place);
    if (c.closedAt) w.field('Avslutad', `${when(c.closedAt)} (${sv(CLOSE_REASON_NAMES, c.closeReason)})`);
    for (const step of c.timeline) w.bullet(`${when(step.at)}: ${step.type}${step.actorName ? `, ${step.actorName}` : ''}${step.note ? ` – ${step.note}` : ''}`);
  }
  w.note('Vem som har gjort en anmälan kan omfattas av sekretess och står därför inte här.');
  if (extract.whereaboutsWithheld) {
    w.note('Du har skyddad folkbokföring. Uppgifter om var du bor, vistas eller går i skola står därför inte här; dem lämnar socialtjänsten ut.');
  }

  w.heading('Samtycken');
  if (extract.consents.length === 0) w.empty('Det finns inga samtycken.');
  for (const c of extract.consents) {
    w.subheading(`Samtycke ${c.validFrom} – ${c.validTo}`);
    w.field('Syfte', text(c.purpose));
    w.field('Uppgifter som får delas', c.categories.map((k) => sv(INFORMATION_CATEGORY_NAMES, k)).join(', '));
    w.field('Med', c.organisations.join(', '));
    if (c.withdrawnAt) w.field('Återkallat', when(c.withdrawnAt));
    for (const p of c.parties) w.bullet(`${PARTY_SV[p.kind] ?? p.kind}${p.guardianName ? ` ${p.guardianName}` : ''}: ${METHOD_SV[p.method] ?? p.method}, ${p.givenOn}`);
    if (c.documents.length > 0) w.field('Inskannade blanketter', c.documents.map((d) => `inkom ${when(d.uploadedAt)}`).join(', '));
  }

  w.heading('Samverkansärenden (SSPF)');
  if (extract.cases.length === 0) w.empty('Det finns inga samverkansärenden.');
  for (const k of extract.cases) {
    w.subheading(`Ärende öppnat ${when(k.openedAt)}`);
    w.field('Status', sv(CASE_STATUS_NAMES, k.status));
    w.field('Ansvarig', `${k.director ?? '–'}${k.ownerOrganisation ? `, ${k.ownerOrganisation}` : ''}`);
    if (k.closedAt) w.field('Avslutat', `${when(k.closedAt)} (${sv(CASE_CLOSE_REASON_NAMES, k.closeReason)}, ${sv(CASE_OUTCOME_NAMES, k.outcome)})`);
    if (k.closeNote !== null) w.field('Anteckning vid avslut', k.closeNote);
    w.label('Personer i arbetet');
    for (const m of k.team) w.bullet(`${m.name ?? 'okänd'}${m.organisation ? `, ${m.organisation}` : ''}${m.removedAt ? ` (till ${when(m.removedAt)})` : ''}`);
    if (k.guardians.length > 0) {
      w.label('Vårdnadshavarnas deltagande');
      for (const g of k.guardians) w.bullet(`${g.name ?? 'okänd'}: ${g.participates ? 'deltar' : 'deltar inte'}${g.note ? ` – ${g.note}` : ''}`);
    }
    w.label('Kartläggning');
    if (k.factors.length === 0) w.empty('Inget antecknat.');
    for (const f of k.factors) w.bullet(`${sv(FACTOR_KIND_NAMES, f.kind)}, ${sv(FACTOR_DOMAIN_NAMES, f.domain)} (${sv(FACTOR_LEVEL_NAMES, f.level)}): ${text(f.note)}`);
    w.label('Mål');
    if (k.goals.length === 0) w.empty('Inga mål.');
    for (const g of k.goals) w.bullet(text(g.text));
    w.label('Insatser');
    if (k.actions.length === 0) w.empty('Inga insatser.');
    for (const a of k.actions) w.bullet(`${sv(ACTION_TYPE_NAMES, a.type)}: ${text(a.what)} (${a.organisation ?? '–'}, ${a.startOn} – ${a.dueOn}, ${sv(ACTION_STATUS_NAMES, a.status)})`);
    w.label('Möten');
    if (k.meetings.length === 0) w.empty('Inga möten.');
    for (const m of k.meetings) w.bullet(`${sv(MEETING_KIND_NAMES, m.kind)} ${m.heldOn}${m.held ? '' : ' (planerat)'}: ${text(m.decisions)}`);
  }

  w.heading('Vem har läst eller ändrat uppgifterna');
  if (extract.accessLog.length === 0) w.empty('Ingen har läst uppgifterna.');
  for (const e of extract.accessLog) {
    const who = e.actorName ? `${e.actorName}${e.actorRole ? ` (${ROLES[e.actorRole as keyof typeof ROLES]?.sv ?? e.actorRole})` : ''}${e.organisation ? `, ${e.organisation}` : ''}` : 'Systemet';
    w.bullet(`${when(e.at)}: ${who} – ${accessActionSv(e.action)}${e.outcome === 'denied' ? ' (nekades)' : ''}`);
  }
  if (extract.unreadableTexts > 0) w.note(`${extract.unreadableTexts} uppgifter kunde inte läsas och behöver kontrolleras.`);

  doc.end();
  return done;
}

/** Flowing text with consistent spacing; pdfkit adds pages as the text runs on. */
class Writer {
  constructor(private readonly doc: PDFKit.PDFDocument) {}
  heading(title: string) {
    this.doc.moveDown(1.2).font('bold').fontSize(15).fillColor(COLOURS.accent).text(title);
    this.doc.moveDown(0.3);
  }
  subheading(title: string) {
    this.doc.moveDown(0.5).font('semibold').fontSize(11.5).fillColor(COLOURS.text).text(title);
  }
  label(title: string) {
    this.doc.moveDown(0.3).font('semibold').fontSize(10.5).fillColor(COLOURS.text).text(title);
  }
  field(label: string, value: string) {
    this.doc.font('semibold').fontSize(10.5).fillColor(COLOURS.text).text(`${label}: `, { continued: true }).font('regular').text(value);
  }
  paragraph(value: string) {
    this.doc.moveDown(0.3).font('regular').fontSize(10.5).fillColor(COLOURS.text).text(value);
  }
  bullet(value: string) {
    this.doc.font('regular').fontSize(10).fillColor(COLOURS.text).text(`• ${value}`, { indent: 10 });
  }
  empty(value: string) {
    this.doc.font('regular').fontSize(10).fillColor(COLOURS.muted).text(value);
  }
  note(value: string) {
    this.doc.moveDown(0.4).font('regular').fontSize(9.5).fillColor(COLOURS.muted).text(value);
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
