import type { EstCategoryCode } from '../../../shared/event-reports';
import { normalizeName } from './normalize';

/**
 * The police's event types (the `type` of https://polisen.se/api/events) and what each becomes in the
 * lägesbild. EST is about places and insecurity in public space, so:
 * - vandalism, drugs, fires, violence and threats at a place, disorder and gatherings map to an EST
 *   category (violence and weapons to "otrygg plats": the category of a place that feels unsafe);
 * - traffic, theft and burglary, fraud, accidents, summaries and other police work are `skip`: not
 *   part of the lägesbild, left out with a note (not an error: the feed is full of them);
 * - sexual crimes are `skip` too: a small count on a map could point at the person it happened to.
 * A type missing from this table is an error per row, so that a new police type is noticed and added
 * here rather than silently counted or dropped. `brand` is a tenant category (SUGGESTED_TENANT_CATEGORIES):
 * where the tenant does not have it, those rows are errors naming the category.
 */
export type PoliceTypeMapping = { category: EstCategoryCode | 'brand'; severity: 1 | 2 | 3 } | 'skip';

const MAP: Record<string, PoliceTypeMapping> = {
  Skadegörelse: { category: 'skadegorelse', severity: 1 },
  Narkotikabrott: { category: 'misstankt_narkotikahantering', severity: 1 },
  Brand: { category: 'brand', severity: 2 },
  Misshandel: { category: 'otrygg_plats', severity: 2 },
  'Misshandel, grov': { category: 'otrygg_plats', severity: 3 },
  'Våld/hot mot tjänsteman': { category: 'hot_vald_mot_personal', severity: 2 },
  'Olaga hot': { category: 'otrygg_plats', severity: 2 },
  'Ofredande/förargelse': { category: 'otrygg_plats', severity: 1 },
  Rån: { category: 'otrygg_plats', severity: 3 },
  'Rån väpnat': { category: 'otrygg_plats', severity: 3 },
  'Rån, försök': { category: 'otrygg_plats', severity: 2 },
  Skottlossning: { category: 'otrygg_plats', severity: 3 },
  'Skottlossning, misstänkt': { category: 'otrygg_plats', severity: 2 },
  Knivlagen: { category: 'otrygg_plats', severity: 2 },
  Vapenlagen: { category: 'otrygg_plats', severity: 2 },
  Explosion: { category: 'otrygg_plats', severity: 3 },
  Detonation: { category: 'otrygg_plats', severity: 3 },
  'Mord/dråp': { category: 'otrygg_plats', severity: 3 },
  'Mord/dråp, försök': { category: 'otrygg_plats', severity: 3 },
  Bråk: { category: 'otrygghetsskapande_samling', severity: 1 },
  Ordningslagen: { category: 'otrygghetsskapande_samling', severity: 1 },
  'Ofog barn/ungdom': { category: 'otrygghetsskapande_samling', severity: 1 },
  'Fylleri/LOB': { category: 'otrygghetsskapande_samling', severity: 1 },
  ...Object.fromEntries(
    [
      'Stöld', 'Stöld, försök', 'Stöld/inbrott', 'Inbrott', 'Inbrott, försök', 'Motorfordon, stöld', 'Motorfordon, anträffat stulet',
      'Trafikolycka', 'Trafikolycka, personskada', 'Trafikolycka, singel', 'Trafikolycka, smitning från', 'Trafikolycka, vilt', 'Trafikkontroll',
      'Trafikbrott', 'Trafikhinder', 'Rattfylleri', 'Olovlig körning', 'Brand automatlarm', 'Sammanfattning natt', 'Sammanfattning kväll och natt',
      'Sammanfattning dag', 'Sammanfattning vecka', 'Uppdatering', 'Övrigt', 'Polisinsats/kommendering', 'Kontroll person/fordon', 'Räddningsinsats',
      'Sjukdom/olycksfall', 'Arbetsplatsolycka', 'Försvunnen person', 'Anträffad död', 'Anträffat gods', 'Djur', 'Bedrägeri', 'Häleri',
      'Missbruk av urkund', 'Larm inbrott', 'Larm överfall', 'Naturkatastrof', 'Miljöbrott', 'Fjällräddning', 'Sjölagen', 'Alkohollagen',
      'Farligt föremål, misstänkt', 'Lagen om hundar och katter', 'Gränskontroll', 'Åldringsbrott', 'Vållande till kroppsskada', 'Ekobrott',
      'Våldtäkt', 'Våldtäkt, försök', 'Sedlighetsbrott', 'Hemfridsbrott', 'Inre utlänningskontroll', 'Luftfartslagen', 'Tillgrepp, försök',
    ].map((type) => [type, 'skip' as const]),
  ),
};

const BY_NAME = new Map(Object.entries(MAP).map(([type, mapping]) => [normalizeName(type), mapping]));

/** The mapping of a police type, or undefined when the table does not know it. */
export function policeTypeMapping(type: string): PoliceTypeMapping | undefined {
  return BY_NAME.get(normalizeName(type));
}

/** The table as documented (docs/LAGESBILD.md lists it from here). */
export const POLICE_TYPE_TABLE: Readonly<Record<string, PoliceTypeMapping>> = MAP;
