import type { PeopleCount } from '../../../shared/event-reports';

/** A problem found in one field of one row, before it is put into words (messages.ts). */
export interface RawIssue {
  row: number;
  /** The column as the file names it (the CSV header, or the police JSON key). */
  field: string;
  code: string;
  params?: Record<string, string | number>;
}

/**
 * One row of a file read into our terms, before it is checked against the tenant's categories,
 * places and areas. Values that could not be read are null and have an issue in `errors`.
 */
export interface ImportCandidate {
  row: number;
  /** The source's own id; null when the file has none (then the row's content is its identity). */
  externalId: string | null;
  occurredFrom: Date | null;
  occurredTo: Date | null;
  /** The category as written (CSV), or the code a police type maps to. */
  category: string | null;
  placeName: string | null;
  address: string | null;
  areaName: string | null;
  latitude: number | null;
  longitude: number | null;
  approximate: boolean;
  peopleCount: PeopleCount | null;
  severity: number;
  description: string;
  /** Free text in which a place's or an area's name may be found (the police's location name and summary). */
  locationText: string | null;
  /** Column names for the checks that come later, so their errors name the file's own columns. */
  fields: { category: string; place: string; externalId: string; description: string };
  errors: RawIssue[];
  /** Why the row is left out on purpose (a police type outside the lägesbild); the row is then `skipped`. */
  skipReasons: RawIssue[];
}
