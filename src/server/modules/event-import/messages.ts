import type { Language } from '../../http/messages';
import type { ImportIssue } from '../../../shared/event-import';
import type { RawIssue } from './candidate';

/**
 * What each import problem means, in Swedish and English. `{name}` is filled from the issue's params.
 * Messages never repeat a description: the preview sends back categories, places and ids only.
 */
const MESSAGES: Record<string, { sv: string; en: string }> = {
  // The whole file
  empty_file: { sv: 'Filen är tom.', en: 'The file is empty.' },
  missing_column: {
    sv: 'Kolumnen "{column}" saknas. Lägg till den, eller välj vilken kolumn i filen som motsvarar den.',
    en: 'The column "{column}" is missing. Add it, or choose which column of the file holds it.',
  },
  missing_location_column: {
    sv: 'Filen behöver minst en kolumn för läget: plats, adress, område, eller lat och lng.',
    en: 'The file needs at least one column for the location: place, address, area, or lat and lng.',
  },
  mapping_unknown_column: { sv: 'Kolumnen "{column}" finns inte i filen.', en: 'The file has no column "{column}".' },
  too_many_rows: { sv: 'Filen har fler än {max} rader. Dela upp den i flera filer.', en: 'The file has more than {max} rows. Split it into several files.' },
  json_invalid: { sv: 'Filen är inte giltig JSON.', en: 'The file is not valid JSON.' },
  json_not_array: {
    sv: 'Filen ska vara en lista (JSON-array) med händelser, i samma form som polisens API.',
    en: 'The file must be a list (a JSON array) of events, in the shape of the police API.',
  },
  // One row
  required: { sv: 'Måste fyllas i.', en: 'Required.' },
  csv_row_malformed: { sv: 'Raden kunde inte läsas. Kontrollera citattecknen.', en: 'The row could not be read. Check the quotation marks.' },
  csv_row_too_many_columns: {
    sv: 'Raden har fler kolumner än rubrikraden. Står det ett {delimiter} i en text utan citattecken?',
    en: 'The row has more columns than the header. Is there a {delimiter} in a text without quotation marks?',
  },
  date_invalid: { sv: 'Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-04.', en: 'Write the date as YYYY-MM-DD, e.g. 2026-12-04.' },
  time_invalid: { sv: 'Skriv tiden som TT:MM, t.ex. 21:14.', en: 'Write the time as HH:MM, e.g. 21:14.' },
  time_required: { sv: 'Ange när det hände (TT:MM).', en: 'Give the time it happened (HH:MM).' },
  in_future: { sv: 'Tiden ligger i framtiden.', en: 'The time is in the future.' },
  number_invalid: { sv: 'Skriv ett tal, t.ex. 60,6749.', en: 'Write a number, e.g. 60.6749.' },
  point_incomplete: { sv: 'Ange både lat och lng.', en: 'Give both lat and lng.' },
  point_swapped: { sv: 'Lat och lng verkar omkastade (i Sverige är lat ungefär 55–69).', en: 'Lat and lng look swapped (in Sweden lat is about 55–69).' },
  point_outside_sweden: { sv: 'Punkten ligger utanför Sverige.', en: 'The point is outside Sweden.' },
  people_invalid: { sv: 'Skriv antal som ett tal, eller som 1, 2-4, 5-9 eller 10+.', en: 'Write the number of people as a number, or as 1, 2-4, 5-9 or 10+.' },
  severity_invalid: { sv: 'Skriv 1, 2 eller 3 (lindrig, allvarlig, mycket allvarlig).', en: 'Write 1, 2 or 3 (minor, serious, very serious).' },
  identity_number_in_text: {
    sv: 'Texten innehåller något som liknar ett personnummer. Ta bort det: rapporter beskriver platser, inte personer.',
    en: 'The text holds something like a personal identity number. Remove it: reports describe places, not people.',
  },
  text_too_long: { sv: 'Texten är för lång (högst {max} tecken).', en: 'The text is too long (at most {max} characters).' },
  control_characters: { sv: 'Texten innehåller otillåtna tecken.', en: 'The text holds characters that are not allowed.' },
  external_id_invalid: { sv: 'Det externa id:t får vara högst 100 tecken.', en: 'The external id may be at most 100 characters.' },
  duplicate_in_file: { sv: 'Samma händelse som rad {other}.', en: 'The same event as row {other}.' },
  category_unknown: { sv: 'Kategorin "{value}" finns inte. Använd en av: {known}.', en: 'There is no category "{value}". Use one of: {known}.' },
  place_unknown: {
    sv: 'Platsen "{value}" finns inte i platsregistret. Lägg till den där, eller ange lat och lng.',
    en: 'The place "{value}" is not in the place register. Add it there, or give lat and lng.',
  },
  place_ambiguous: { sv: 'Flera platser heter "{value}". Ange lat och lng, eller adressen.', en: 'Several places are called "{value}". Give lat and lng, or the address.' },
  address_unknown: {
    sv: 'Adressen hör inte till någon plats i platsregistret. Ange plats, eller lat och lng.',
    en: 'The address belongs to no place in the place register. Give the place, or lat and lng.',
  },
  area_unknown: { sv: 'Området "{value}" finns inte.', en: 'There is no area "{value}".' },
  location_required: { sv: 'Ange plats, adress, område, eller lat och lng.', en: 'Give a place, an address, an area, or lat and lng.' },
  // The police's feed
  police_not_object: { sv: 'Posten är inte en händelse (ett objekt).', en: 'The entry is not an event (an object).' },
  police_id_invalid: { sv: 'Händelsen saknar id (ett heltal).', en: 'The event has no id (a whole number).' },
  police_datetime_invalid: {
    sv: 'Tiden ska stå som i polisens API, t.ex. "2026-12-04 21:14:00 +01:00".',
    en: 'The time must be written as in the police API, e.g. "2026-12-04 21:14:00 +01:00".',
  },
  police_gps_invalid: { sv: 'gps ska stå som "60.674880,17.141273".', en: 'gps must be written as "60.674880,17.141273".' },
  police_type_unknown: {
    sv: 'Händelsetypen "{value}" finns inte i tabellen över polisens typer. Raden importeras inte.',
    en: 'The event type "{value}" is not in the table of police types. The row is not imported.',
  },
  police_type_skipped: { sv: 'Typen "{value}" ingår inte i lägesbilden och importeras inte.', en: 'The type "{value}" is not part of the situational picture and is not imported.' },
  police_location_unknown: {
    sv: 'Polisen anger bara kommunen, och ingen plats eller inget område i ert register nämns. Raden importeras inte, så att kommunens mittpunkt inte blir en falsk hot-spot.',
    en: 'The police give only the municipality, and no place or area of your register is named. The row is not imported, so that the municipality’s centre does not become a false hot-spot.',
  },
};

export function issueMessage(code: string, language: Language, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[code]?.[language] ?? code;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function localizeIssue(issue: RawIssue, language: Language): ImportIssue {
  return { row: issue.row, field: issue.field, code: issue.code, message: issueMessage(issue.code, language, issue.params) };
}

export const KNOWN_ISSUE_CODES = Object.keys(MESSAGES);
