import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { localDateOf, localTimeOf } from '../../../shared/stockholm-time';
import { DECISION_STATUS_NAMES, FORUM_TYPE_NAMES, type Meeting } from '../../../shared/forums';

// Inter, the web app's own typeface, from the installed @fontsource package (as the other PDFs).
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550', warning: '#8A1C1C' };

export interface MinutesPdfInput {
  meeting: Meeting;
  tenantName: string;
  chairName: string;
}

/**
 * The protokoll of a forum meeting: attendance, the follow-up of earlier decisions, each agenda item
 * with its minutes, the decisions made, and the approval ("Justerat av X, datum") or that it is not yet
 * approved. What is printed is what the reader sees on screen (a case is its reference to anyone off its team).
 */
export async function renderMinutesPdf({ meeting, tenantName, chairName }: MinutesPdfInput): Promise<Buffer> {
  const starts = new Date(meeting.startsAt);
  const title = `Protokoll ${meeting.forumName} ${localDateOf(starts)}`;
  const doc = new PDFDocument({ size: 'A4', margin: 48, lang: 'sv-SE', displayTitle: true, info: { Title: title, Author: tenantName, Creator: 'Samverka' } });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('semibold', FONTS.semibold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.8).font('semibold').fontSize(13).fillColor(COLOURS.accent).text(text).moveDown(0.2).font('regular').fontSize(10).fillColor(COLOURS.text);
  const line = (text: string) => doc.font('regular').fontSize(10).fillColor(COLOURS.text).text(text);
  const muted = (text: string) => doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(text).fillColor(COLOURS.text);

  doc.font('semibold').fontSize(20).fillColor(COLOURS.accent).text(title);
  muted(`${tenantName} · ${FORUM_TYPE_NAMES[meeting.forumType].sv} · ${localDateOf(starts)} kl. ${localTimeOf(starts)}, ${meeting.durationMinutes} min${meeting.place ? ` · ${meeting.place}` : ''} · Ordförande: ${chairName}`);

  heading('Närvaro');
  const present = new Map(meeting.attendance.map((a) => [a.memberId, a.present]));
  for (const member of meeting.members) {
    const who = member.name ? `${member.name}${member.organisationName ? ` (${member.organisationName})` : ''}` : (member.organisationName ?? '');
    const state = present.get(member.id);
    line(`${who}: ${state === true ? 'närvarande' : state === false ? 'frånvarande' : 'ej noterad'}`);
  }

  heading('Uppföljning av beslut');
  if (meeting.followUp.length === 0) line('Inga öppna beslut från tidigare möten.');
  for (const d of meeting.followUp) line(`${d.text} – ${d.ownerOrganisationName}${d.ownerName ? `, ${d.ownerName}` : ''} · klart senast ${d.dueOn} · ${DECISION_STATUS_NAMES[d.status].sv}${d.overdue ? ' · FÖRSENAT' : ''}`);

  heading('Dagordning och protokollsanteckningar');
  if (meeting.agenda.length === 0) line('Ingen dagordning.');
  meeting.agenda.forEach((item, index) => {
    doc.font('semibold').fontSize(10).text(`§ ${index + 1}. ${item.title}`);
    if (item.link) muted(item.link.visible ? `Underlag: ${item.link.label || item.link.ref}` : `Underlag: SSPF-ärende ${item.link.ref}`);
    line(item.minutes || '–');
  });

  heading('Beslut');
  if (meeting.decisions.length === 0) line('Inga beslut.');
  for (const d of meeting.decisions) line(`${d.text} – ansvarig: ${d.ownerOrganisationName}${d.ownerName ? `, ${d.ownerName}` : ''} · klart senast ${d.dueOn} · ${DECISION_STATUS_NAMES[d.status].sv}`);

  heading('Justering');
  if (meeting.approvedAt) line(`Justerat av ${meeting.approvedByName ?? ''}, ${localDateOf(new Date(meeting.approvedAt))}`);
  else doc.font('semibold').fontSize(10).fillColor(COLOURS.warning).text(`Ej justerat${meeting.justerareName ? ` (justerare: ${meeting.justerareName})` : ''}`).fillColor(COLOURS.text);
  doc.end();
  return done;
}
