import { CSV_FIELD_HEADERS, type CsvField } from '../../../shared/event-import';
import { EVENT_DESCRIPTION_MAX } from '../../../shared/event-reports';
import { containsIdentityNumber } from '../../../shared/field-reports';
import { hasControlCharacters } from '../../../shared/text';
import type { ImportCandidate, RawIssue } from './candidate';
import type { CsvFile, CsvRecord } from './csv-file';
import { normalizeName } from './normalize';
import { checkPoint, instantOf, readDate, readNumber, readPeopleCount, readSeverity, readTime, type LocalTime } from './values';

/** Text of a free-text cell: the description's rules of the report form, as row errors. */
export function checkDescription(text: string, row: number, field: string, errors: RawIssue[]): string {
  const value = text.trim();
  if (hasControlCharacters(value, { allowLineBreaks: true })) errors.push({ row, field, code: 'control_characters' });
  else if (value.length > EVENT_DESCRIPTION_MAX) errors.push({ row, field, code: 'text_too_long', params: { max: EVENT_DESCRIPTION_MAX } });
  else if (containsIdentityNumber(value)) errors.push({ row, field, code: 'identity_number_in_text' });
  return value;
}

/** Each data row of a CSV file in our terms, with an issue per field that could not be read. */
export function csvCandidates(file: CsvFile, now: Date): ImportCandidate[] {
  const name = (field: CsvField) => (file.columnOf[field] === null ? CSV_FIELD_HEADERS[field][0] : file.columns[file.columnOf[field]!]!);
  return file.records.map((record) => candidateOf(record, file, name, now));
}

function candidateOf(record: CsvRecord, file: CsvFile, name: (field: CsvField) => string, now: Date): ImportCandidate {
  const { row } = record;
  const errors: RawIssue[] = [];
  const cell = (field: CsvField): string => {
    const index = file.columnOf[field];
    return index === null ? '' : (record.cells[index] ?? '').trim();
  };
  const fail = (field: CsvField, code: string, params?: RawIssue['params']) => errors.push({ row, field: name(field), code, ...(params ? { params } : {}) });

  if (record.malformed) fail('description', 'csv_row_malformed');
  if (record.cells.slice(file.columns.length).some((extra) => extra.trim() !== '')) {
    errors.push({ row, field: '', code: 'csv_row_too_many_columns', params: { delimiter: file.delimiter === '\t' ? 'tabbtecken' : file.delimiter } });
  }

  const externalId = cell('externalId') || null;
  if (externalId !== null && (externalId.length > 100 || hasControlCharacters(externalId))) fail('externalId', 'external_id_invalid');

  let occurredFrom: Date | null = null;
  let occurredTo: Date | null = null;
  const dateText = cell('date');
  if (dateText === '') fail('date', 'required');
  else {
    const date = readDate(dateText);
    if ('error' in date) fail('date', date.error);
    else {
      let from: LocalTime | null = date.value.time;
      const fromText = cell('timeFrom');
      if (fromText !== '') {
        const read = readTime(fromText);
        if ('error' in read) fail('timeFrom', read.error);
        else from = read.value;
      } else if (from === null) fail('timeFrom', 'time_required');
      let to: LocalTime | null = from;
      const toText = cell('timeTo');
      if (toText !== '') {
        const read = readTime(toText, true);
        if ('error' in read) fail('timeTo', read.error);
        else to = read.value;
      }
      if (from && to) {
        occurredFrom = instantOf(date.value, from);
        // An end before the start is the next morning (a night shift's "22:30–01:15").
        const crossesMidnight = to.hour * 60 + to.minute < from.hour * 60 + from.minute;
        occurredTo = instantOf(date.value, to, crossesMidnight ? 1 : 0);
        if (occurredFrom.getTime() > now.getTime() + 3600_000) fail('date', 'in_future');
      }
    }
  }

  const categoryText = cell('category');
  if (categoryText === '') fail('category', 'required');

  let latitude: number | null = null;
  let longitude: number | null = null;
  const latText = cell('latitude');
  const lngText = cell('longitude');
  if (latText !== '' || lngText !== '') {
    if (latText === '') fail('latitude', 'point_incomplete');
    else if (lngText === '') fail('longitude', 'point_incomplete');
    else {
      const lat = readNumber(latText);
      const lng = readNumber(lngText);
      if ('error' in lat) fail('latitude', lat.error);
      if ('error' in lng) fail('longitude', lng.error);
      if ('value' in lat && 'value' in lng) {
        const problem = checkPoint(lat.value, lng.value);
        if (problem) fail('latitude', problem);
        else [latitude, longitude] = [lat.value, lng.value];
      }
    }
  }

  let peopleCount: ImportCandidate['peopleCount'] = null;
  const peopleText = cell('peopleCount');
  if (peopleText !== '') {
    const read = readPeopleCount(peopleText);
    if ('error' in read) fail('peopleCount', read.error);
    else peopleCount = read.value;
  }
  let severity = 1;
  const severityText = cell('severity');
  if (severityText !== '') {
    const read = readSeverity(normalizeName(severityText));
    if ('error' in read) fail('severity', read.error);
    else severity = read.value;
  }
  const description = checkDescription(cell('description'), row, name('description'), errors);

  return {
    row,
    externalId,
    occurredFrom,
    occurredTo,
    category: categoryText || null,
    placeName: cell('place') || null,
    address: cell('address') || null,
    areaName: cell('area') || null,
    latitude,
    longitude,
    approximate: false,
    peopleCount,
    severity,
    description,
    locationText: null,
    fields: { category: name('category'), place: name('place'), externalId: name('externalId'), description: name('description') },
    errors,
    skipReasons: [],
  };
}
