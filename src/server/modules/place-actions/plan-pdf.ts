import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describeCell, suppressCount } from '../../../shared/suppression';
import { ACTION_KIND_NAMES, ACTION_STATUS_NAMES, EFFECT_CAVEAT, type ActionPlan, type EffectCounts } from '../../../shared/place-actions';

// Inter, the web app's own typeface, from the installed @fontsource package (as the other PDFs).
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550' };

/**
 * A count as the shared PDF prints it: the shared small-cell suppression with the tenant's k
 * (src/shared/suppression.ts), in words, "färre än k" for 1..k−1. The plan prints each action's two
 * totals (the weeks before and after) and no sum or difference of them, so no hidden count can be
 * worked out from what is printed.
 */
export function printedCount(count: number, k: number): string {
  return describeCell(suppressCount(count, k), 'sv');
}

export interface PlanPdfInput {
  plan: ActionPlan;
  effects: Map<string, EffectCounts>;
  areaNames: Map<string, string>;
  tenantName: string;
  k: number;
}

/**
 * The yearly åtgärdsplan (lag 2023:196): the priorities drawn from the lägesbild, the actions with who
 * is responsible, how the plan is followed up, and the quarterly analyses and yearly evaluation.
 */
export async function renderActionPlanPdf(input: PlanPdfInput): Promise<Buffer> {
  const { plan } = input;
  const doc = new PDFDocument({ size: 'A4', margin: 48, lang: 'sv-SE', displayTitle: true, info: { Title: `Åtgärdsplan ${plan.year}`, Author: input.tenantName, Creator: 'Samverka' } });
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

  doc.font('semibold').fontSize(20).fillColor(COLOURS.accent).text(`Åtgärdsplan ${plan.year}`);
  muted(`${input.tenantName} · ${plan.status === 'antagen' ? `Antagen ${plan.adoptedAt?.slice(0, 10) ?? ''}` : 'Utkast, inte antagen'} · Enligt lag (2023:196) om kommuners ansvar för brottsförebyggande arbete`);

  heading('Prioriteringar från lägesbilden');
  if (plan.priorities.length === 0) line('Inga prioriteringar ännu.');
  plan.priorities.forEach((p, i) => {
    const where = p.areaId ? ` – ${input.areaNames.get(p.areaId) ?? 'område'}` : '';
    doc.font('semibold').fontSize(10).text(`${i + 1}. ${p.category}${where}`);
    line(p.reason);
  });

  heading('Åtgärder och ansvar');
  if (plan.actions.length === 0) line('Inga åtgärder knutna till planen ännu.');
  for (const action of plan.actions) {
    const where = action.placeName ?? action.areaName ?? (action.cell ? `Hot-spot ${action.cell}` : '');
    doc.font('semibold').fontSize(10).text(`${action.title} (${ACTION_KIND_NAMES[action.kind].sv})`);
    line(`${where} · Beslutad ${action.week} · ${ACTION_STATUS_NAMES[action.status].sv}${action.overdue ? ' · FÖRSENAD' : ''}${action.dueDate ? ` · Klar senast ${action.dueDate}` : ''}`);
    line(`Ansvarig: ${action.ownerOrganisationName ?? ''}${action.ownerName ? `, ${action.ownerName}` : ''}`);
    const effect = input.effects.get(action.id);
    if (effect) {
      line(`Händelser ${effect.weeks} veckor före: ${printedCount(effect.totals.before, input.k)} · ${effect.weeks} veckor efter: ${printedCount(effect.totals.after, input.k)}`);
    }
  }
  muted(EFFECT_CAVEAT.sv);

  heading('Så följs planen upp');
  line(plan.followUp || 'Uppföljningen är inte beskriven ännu.');

  heading('Kvartalsanalyser och årsutvärdering');
  if (plan.reviews.length === 0) line('Inga ännu.');
  for (const review of plan.reviews) {
    doc.font('semibold').fontSize(10).text(`${review.kind === 'ar' ? 'Årsutvärdering' : 'Kvartalsanalys'} ${review.period}`);
    line(review.text);
  }
  doc.end();
  return done;
}
