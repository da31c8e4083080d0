import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { RuleReviewList } from '../../../shared/sharing-rules';
import { SHARING_EXAMPLES } from '../../../shared/sharing-examples';
import { evaluateSharing } from '../../../shared/sharing-engine';

// Inter, the web app's own typeface, from the installed @fontsource package (as the other PDFs).
const require = createRequire(import.meta.url);
const FONTS = {
  regular: require.resolve('@fontsource/inter/files/inter-latin-400-normal.woff'),
  semibold: require.resolve('@fontsource/inter/files/inter-latin-600-normal.woff'),
};
const COLOURS = { accent: '#1F5F61', text: '#1E1B18', muted: '#5B5550', warning: '#8A1C1C' };

const EFFECT = { allow: 'Tillåter', deny: 'Stoppar', note: 'Notering (avgör inte svaret)' } as const;
const STATE = { reviewed: 'Granskad', not_reviewed: 'Ej granskad', changed_since_review: 'Ändrad sedan granskningen' } as const;

/**
 * The review pack (issue 17 §3): what counsel reads. Every rule with its source, dates of effect,
 * version, whether the source is confirmed, the reasoning (explanation, review note, history), the
 * tenant's review, and worked examples with the answer the engine gives today. No personal data.
 */
export async function renderReviewPackPdf({ review, tenantName, printedOn }: { review: RuleReviewList; tenantName: string; printedOn: string }): Promise<Buffer> {
  const title = `Granskningsunderlag "Får vi dela?" ${printedOn}`;
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
  const label = (name: string, value: string) => doc.font('semibold').fontSize(10).fillColor(COLOURS.text).text(`${name}: `, { continued: true }).font('regular').text(value);
  const line = (text: string) => doc.font('regular').fontSize(10).fillColor(COLOURS.text).text(text);
  const muted = (text: string) => doc.font('regular').fontSize(9).fillColor(COLOURS.muted).text(text).fillColor(COLOURS.text);

  doc.font('semibold').fontSize(18).fillColor(COLOURS.text).text(title);
  muted(`${tenantName}. Utskrivet ${printedOn}. Samverkas regler för "Får vi dela?" med källor, datum, resonemang och räknade exempel.`);
  line(
    'Varje regel är en utgångspunkt skriven av utvecklare, inte juridisk rådgivning. Kommunens jurist granskar regeln i Samverka (Får vi dela? → Granska regler) och kan stänga av den för kommunen. En regel som ändras i en ny version av Samverka visas som ändrad sedan granskningen tills den granskas igen.',
  );
  for (const rule of review.rules) {
    heading(`${rule.title.sv} (${rule.id})`);
    label('Verkan', EFFECT[rule.effect]);
    label('Källa', `${rule.source.law} ${rule.source.reference} (${rule.source.sfs})`);
    label('Gäller', `${rule.validFrom} – ${rule.validTo ?? 'tills vidare'}`);
    label('Version', rule.version);
    if (rule.unconfirmed) doc.font('semibold').fillColor(COLOURS.warning).text('Ej bekräftad: källan (paragraf, SFS eller datum) har inte kunnat bekräftas. Svar som vilar på regeln säger det.').fillColor(COLOURS.text);
    const state = rule.review.disabled ? `Avstängd för kommunen: ${rule.review.disabledReason ?? ''}` : STATE[rule.review.state];
    label('Granskning', rule.review.reviewedByName ? `${state} (senast granskad av ${rule.review.reviewedByName} ${rule.review.reviewedAt?.slice(0, 10) ?? ''})` : state);
    label('Förklaring i svaret', rule.explanation.sv);
    if (rule.reviewNote) label('Att granska', rule.reviewNote);
    if (rule.history) label('Historik och källor', rule.history);
    const examples = SHARING_EXAMPLES.filter((example) => example.ruleId === rule.id);
    if (examples.length > 0) {
      doc.moveDown(0.2).font('semibold').text('Räknade exempel (automatiska tester):');
      for (const example of examples) {
        const answer = evaluateSharing(example.question);
        line(`• ${example.title.sv} → ${answer.allowed ? 'Ja' : 'Nej'}, ${answer.basis} (${answer.ruleId})`);
      }
    }
  }
  doc.end();
  return done;
}
