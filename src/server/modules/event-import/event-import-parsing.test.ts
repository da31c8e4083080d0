import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CSV_TEMPLATE_HEADER } from '../../../shared/event-import';
import { readCsvFile } from './csv-file';
import { csvCandidates } from './csv-rows';
import { issueMessage, KNOWN_ISSUE_CODES } from './messages';
import { policeCandidates } from './police-json';
import { resolveCandidates, type ImportCatalogue } from './resolve';
import { readDate, readPeopleCount, readTime } from './values';

const now = new Date('2026-12-06T12:00:00Z');
const tenantId = '00000000-0000-4000-8000-000000000001';
const organisationId = '00000000-0000-4000-8000-000000000002';
const catalogue: ImportCatalogue = {
  categories: [
    { code: 'skadegorelse', nameSv: 'Skadegörelse', nameEn: 'Vandalism' },
    { code: 'otrygg_plats', nameSv: 'Otrygg plats', nameEn: 'A place that feels unsafe' },
    { code: 'otrygghetsskapande_samling', nameSv: 'Otrygghetsskapande samling', nameEn: 'Gathering' },
    { code: 'misstankt_narkotikahantering', nameSv: 'Misstänkt narkotikahantering', nameEn: 'Suspected drug dealing' },
    { code: 'klotter', nameSv: 'Klotter', nameEn: 'Graffiti' },
  ],
  places: [
    { id: 'p-stortorget', name: 'Stortorget', address: 'Stortorget 1, Gävle' },
    { id: 'p-satra', name: 'Sätra centrum', address: null },
    { id: 'p-andersberg', name: 'Andersbergs centrum', address: 'Andersbergsgatan 2' },
  ],
  areas: [
    { id: 'a-satra', name: 'Sätra' },
    { id: 'a-andersberg', name: 'Andersberg' },
  ],
};

function csv(text: string) {
  const file = readCsvFile(text);
  return { file, rows: resolveCandidates(csvCandidates(file, now), catalogue, { tenantId, organisationId, source: 'csv' }) };
}
const messages = (rows: ReturnType<typeof csv>['rows'], row: number) => rows.find((r) => r.row === row)!.errors.map((e) => `${e.field}: ${issueMessage(e.code, 'sv', e.params)}`);

describe('values of a log export', () => {
  it('reads Swedish dates and times and refuses what is not one', () => {
    expect(readDate('2026-12-04')).toEqual({ value: { year: 2026, month: 12, day: 4, time: null } });
    expect(readDate('4.12.2026 21:14')).toEqual({ value: { year: 2026, month: 12, day: 4, time: { hour: 21, minute: 14 } } });
    expect(readDate('2026-02-30')).toEqual({ error: 'date_invalid' });
    expect(readDate('igår')).toEqual({ error: 'date_invalid' });
    expect(readTime('kl 9.05')).toEqual({ value: { hour: 9, minute: 5 } });
    expect(readTime('24:00')).toEqual({ error: 'time_invalid' });
    expect(readTime('24:00', true)).toEqual({ value: { hour: 24, minute: 0 } });
    expect(readPeopleCount('7')).toEqual({ value: '5-9' });
    expect(readPeopleCount('ca 12')).toEqual({ value: '10+' });
    expect(readPeopleCount('2–4')).toEqual({ value: '2-4' });
    expect(readPeopleCount('många')).toEqual({ error: 'people_invalid' });
  });

  it('has a Swedish and an English message for every code', () => {
    for (const code of KNOWN_ISSUE_CODES) {
      expect(issueMessage(code, 'sv')).not.toBe(code);
      expect(issueMessage(code, 'en')).not.toBe(code);
    }
  });
});

describe('CSV import', () => {
  it('reads the template: semicolons, a byte order mark, Swedish headers, decimal commas, a night that crosses midnight', () => {
    const { file, rows } = csv(
      `\uFEFF${CSV_TEMPLATE_HEADER}\r\n` +
        'B-1;2026-12-04;22:30;01:15;Skadegörelse;Stortorget;;;;;3;2;Krossad ruta\r\n' +
        'B-2;2026-12-05;21:00;;klotter;;;Sätra;60,6583;17,1002;;lindrig;\r\n',
    );
    expect(file.delimiter).toBe(';');
    expect(file.fileErrors).toEqual([]);
    expect(rows.map((r) => r.status)).toEqual(['ok', 'ok']);
    const [first, second] = rows;
    expect(first!.row).toBe(2);
    expect(first).toMatchObject({ category: 'skadegorelse', placeId: 'p-stortorget', externalRef: `csv:${organisationId}:B-1` });
    expect(first!.candidate.occurredFrom!.toISOString()).toBe('2026-12-04T21:30:00.000Z');
    expect(first!.candidate.occurredTo!.toISOString()).toBe('2026-12-05T00:15:00.000Z');
    expect(first!.candidate).toMatchObject({ peopleCount: '2-4', severity: 2 });
    expect(second).toMatchObject({ category: 'klotter', areaId: 'a-satra' });
    expect(second!.candidate).toMatchObject({ latitude: 60.6583, longitude: 17.1002, severity: 1 });
  });

  it('finds a guard company’s own headers with commas, and gives each row a stable identity without an id column', () => {
    const text = 'Datum,Tid,Händelsetyp,Adress,Kommentar\n2026-12-01,20:15,Otrygg plats,Andersbergsgatan 2,"Mörkt, trasig lampa"\n';
    const once = csv(text).rows;
    const again = csv(text).rows;
    expect(once[0]).toMatchObject({ status: 'ok', placeId: 'p-andersberg', category: 'otrygg_plats' });
    expect(once[0]!.externalRef).toMatch(new RegExp(`^csv:${organisationId}:h:[0-9a-f]{32}$`));
    expect(again[0]!.id).toBe(once[0]!.id);
  });

  it('gives every bad row a per-field Swedish message with its row number, and keeps the good rows', () => {
    const { rows } = csv(
      [
        'extern id;datum;tid från;kategori;plats;lat;lng;antal;allvarlighet;beskrivning',
        '1;2026-12-01;21:00;Skadegörelse;Stortorget;;;;;',
        '2;2026-13-01;25:00;Snöskottning;Månen;;;många;4;',
        '3;2026-12-02;20:00;Otrygg plats;;17,14;60,67;;;',
        '4;2026-12-02;20:00;Otrygg plats;Stortorget;;;;;Pratade med 080512-1234',
        '1;2026-12-03;20:00;Skadegörelse;Stortorget;;;;;',
        '6;2026-12-24;20:00;Skadegörelse;Stortorget;;;;;',
      ].join('\n'),
    );
    expect(rows.map((r) => r.status)).toEqual(['ok', 'error', 'error', 'error', 'error', 'error']);
    expect(messages(rows, 3)).toEqual([
      'datum: Skriv datumet som ÅÅÅÅ-MM-DD, t.ex. 2026-12-04.',
      'antal: Skriv antal som ett tal, eller som 1, 2-4, 5-9 eller 10+.',
      'allvarlighet: Skriv 1, 2 eller 3 (lindrig, allvarlig, mycket allvarlig).',
      expect.stringContaining('kategori: Kategorin "Snöskottning" finns inte. Använd en av: Skadegörelse, Otrygg plats'),
      'plats: Platsen "Månen" finns inte i platsregistret. Lägg till den där, eller ange lat och lng.',
    ]);
    expect(messages(rows, 4)).toEqual(['lat: Lat och lng verkar omkastade (i Sverige är lat ungefär 55–69).', 'plats: Ange plats, adress, område, eller lat och lng.']);
    expect(messages(rows, 5)[0]).toContain('personnummer');
    expect(messages(rows, 6)).toEqual(['extern id: Samma händelse som rad 2.']);
    expect(messages(rows, 7)).toEqual(['datum: Tiden ligger i framtiden.']);
  });

  it('names a missing column for the whole file, and lets the mapping step say which column is which', () => {
    const text = 'När;Vad;Var\n2026-12-01 21:00;Skadegörelse;Stortorget\n';
    const plain = readCsvFile(text);
    expect(plain.fileErrors.map((e) => e.code)).toEqual(['missing_column', 'missing_column', 'missing_location_column']);
    const mapped = readCsvFile(text, { date: 'När', category: 'Vad', place: 'Var' });
    expect(mapped.fileErrors).toEqual([]);
    const rows = resolveCandidates(csvCandidates(mapped, now), catalogue, { tenantId, organisationId, source: 'csv' });
    expect(rows[0]).toMatchObject({ status: 'ok', placeId: 'p-stortorget' });
    expect(readCsvFile(text, { date: 'Datum' }).fileErrors[0]).toMatchObject({ code: 'mapping_unknown_column', field: 'Datum' });
  });

  it('catches a description with the separator and no quotation marks', () => {
    const { rows } = csv('datum;tid från;kategori;plats;beskrivning\n2026-12-01;21:00;Skadegörelse;Stortorget;glas; överallt\n');
    expect(rows[0]!.errors.map((e) => e.code)).toEqual(['csv_row_too_many_columns']);
  });
});

describe('the police’s event feed (test/fixtures/police-events.json)', () => {
  const content = readFileSync(new URL('../../../../test/fixtures/police-events.json', import.meta.url), 'utf8');

  it('imports events at places and areas named in their text, skips what is not for the lägesbild, and names each malformed one', () => {
    const { candidates, fileErrors } = policeCandidates(content, now);
    expect(fileErrors).toEqual([]);
    const rows = resolveCandidates(candidates, catalogue, { tenantId, organisationId, source: 'police_json' });
    const summary = rows.map((r) => [r.row, r.status, r.category, r.placeId ?? r.areaId, [...r.errors, ...r.notes].map((i) => `${i.field}:${i.code}`).join(',')]);
    expect(summary).toEqual([
      [1, 'ok', 'skadegorelse', 'p-satra', ''],
      [2, 'ok', 'misstankt_narkotikahantering', 'p-andersberg', ''],
      [3, 'ok', 'otrygghetsskapande_samling', 'a-satra', ''],
      [4, 'skipped', null, null, 'type:police_type_skipped'],
      [5, 'skipped', 'otrygg_plats', null, 'location.name:police_location_unknown'],
      [6, 'error', null, null, 'type:police_type_unknown'],
      [7, 'error', 'skadegorelse', null, 'datetime:police_datetime_invalid'],
      [8, 'error', 'skadegorelse', null, 'id:police_id_invalid'],
      [9, 'error', 'otrygghetsskapande_samling', null, 'location.gps:police_gps_invalid'],
      [10, 'ok', 'skadegorelse', 'p-stortorget', ''],
    ]);
    expect(rows[0]).toMatchObject({ externalRef: 'polisen:590101' });
    expect(rows[2]!.candidate.occurredFrom!.toISOString()).toBe('2026-11-29T00:15:00.000Z');
    expect(rows[2]!.candidate.severity).toBe(1);
    expect(rows[0]!.candidate.description).toContain('Källa: https://polisen.se/aktuellt/');
  });

  it('refuses a file that is not a JSON array of events', () => {
    expect(policeCandidates('{"id": 1}', now).fileErrors.map((e) => e.code)).toEqual(['json_not_array']);
    expect(policeCandidates('[{', now).fileErrors.map((e) => e.code)).toEqual(['json_invalid']);
  });
});
