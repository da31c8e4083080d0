import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import {
  ACTION_STATUS_NAMES,
  ACTION_TYPE_NAMES,
  CASE_STATUS_NAMES,
  FACTOR_DOMAIN_NAMES,
  FACTOR_KIND_NAMES,
  FACTOR_LEVEL_NAMES,
  MEETING_KIND_NAMES,
  type CaseDetail,
} from '../../../shared/cases';
import { INFORMATION_CATEGORY_NAMES } from '../../../shared/sharing';

// Inter, the web app's own typeface, from the installed @fontsource package (as the concern poster).
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550' };
const MARGIN = 48;

export interface PlanPdfInput {
  detail: CaseDetail;
  tenantName: string;
  printedBy: string;
  printedOn: string;
}

/**
 * The joint commitment plan (gemensam åtagandeplan) for the network meeting. It is built from the
 * case as the printing person sees it: a hidden section is not in the detail, so it cannot be printed.
 */
export async function renderPlanPdf(input: PlanPdfInput): Promise<Buffer> {
  const { detail } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    lang: 'sv-SE',
    displayTitle: true,
    info: { Title: 'Gemensam åtagandeplan', Author: input.tenantName, Subject: 'SSPF', Creator: 'Samverka' },
  });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('semibold', FONTS.semibold);
  const done = collect(doc);
  const visible = (section: CaseDetail['access'][number]['section']) => detail.access.some((a) => a.section === section && a.visible);
  const heading = (text: string) => doc.moveDown(0.8).font('semibold').fontSize(13).fillColor(COLOURS.accent).text(text).moveDown(0.2).font('regular').fontSize(10).fillColor(COLOURS.text);
  const line = (text: string) => doc.font('regular').fontSize(10).fillColor(COLOURS.text).text(text);
  const muted = (text: string) => doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(text).fillColor(COLOURS.text);

  doc.font('semibold').fontSize(20).fillColor(COLOURS.accent).text('Gemensam åtagandeplan');
  doc.font('regular').fontSize(11).fillColor(COLOURS.text).text(`${detail.personName}, ${detail.personAge} år`);
  muted(`${input.tenantName} · Status: ${CASE_STATUS_NAMES[detail.status].sv} · Ärendeansvarig: ${detail.directorName} · Utskriven ${input.printedOn} av ${input.printedBy}`);

  if (visible('summary')) {
    heading('Teamet');
    line(`${detail.directorName} (ärendeansvarig koordinator)`);
    for (const member of detail.members) line(`${member.name}, ${member.organisationName} – ${member.caseRole}`);
    if (detail.guardians.length > 0) {
      heading('Vårdnadshavare');
      for (const guardian of detail.guardians) line(`${guardian.name}: ${guardian.participates === null ? 'ej angivet' : guardian.participates ? 'deltar' : 'deltar inte'}`);
    }
    heading('Mål');
    if (detail.goals.length === 0) muted('Inga mål ännu.');
    for (const goal of detail.goals) line(`• ${goal.text}`);
  }

  if (detail.factors.length > 0) {
    heading('Kartläggning');
    for (const factor of detail.factors) {
      line(`${FACTOR_KIND_NAMES[factor.kind].sv} · ${FACTOR_DOMAIN_NAMES[factor.domain].sv} · ${FACTOR_LEVEL_NAMES[factor.level].sv} (${INFORMATION_CATEGORY_NAMES[factor.category].sv}, ${factor.organisationName})`);
      if (factor.note) muted(factor.note);
    }
  }

  if (detail.actions.length > 0) {
    heading(visible('plan') ? 'Insatser' : 'Mina insatser');
    for (const action of detail.actions) {
      doc.font('semibold').fontSize(10).text(`${ACTION_TYPE_NAMES[action.type].sv}: ${action.what}`);
      muted(`Ansvarig: ${action.responsibleOrganisationName}${action.responsibleUserName ? `, ${action.responsibleUserName}` : ''} · ${action.startOn} – ${action.dueOn} · ${ACTION_STATUS_NAMES[action.status].sv}`);
    }
  }

  if (visible('meetings') && detail.meetings.length > 0) {
    heading('Möten');
    for (const meeting of detail.meetings) {
      doc.font('semibold').fontSize(10).text(`${MEETING_KIND_NAMES[meeting.kind].sv} ${meeting.heldOn}${meeting.held ? '' : ' (planerat)'}`);
      if (meeting.participants.length > 0) muted(`Deltagare: ${meeting.participants.map((p) => [p.name, p.organisation].filter(Boolean).join(', ')).join('; ')}`);
      if (meeting.decisions) line(meeting.decisions);
    }
  }

  const hidden = detail.access.filter((a) => !a.visible);
  if (hidden.length > 0) {
    doc.moveDown(1);
    muted('Planen innehåller bara de delar du har rätt att se. Delar som inte delas med dig är utelämnade.');
  }
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
