import { randomUUID } from 'node:crypto';
import type { FieldCipher } from '../../crypto/field-cipher';
import type { RequestScope } from '../../http/request-scope';
import { FIELD_REPORT_DEFAULT_CATEGORY, type PeopleCount } from '../../../shared/event-reports';
import { insertEventReports } from './insert-events';

/** What of a field report an event is made from (modules/field-reports' row). */
export interface FieldReportFacts {
  id: string;
  placeId: string | null;
  areaId: string | null;
  startedAt: Date;
  endedAt: Date;
  youthUnder13: number;
  youth13To15: number;
  youth16To17: number;
  youth18Plus: number;
  observations: string | null;
  visibility: string;
}

/** The people-count band of a field report's young people. */
export function peopleBand(total: number): PeopleCount | null {
  if (total <= 0) return null;
  if (total === 1) return '1';
  if (total <= 4) return '2-4';
  if (total <= 9) return '5-9';
  return '10+';
}

/**
 * A field report marked "till lägesbilden" becomes one verified event report (source `field_report`),
 * in the same transaction as the field report. The field report has no category: a gathering seen on
 * a shift is recorded as `otrygghetsskapande_samling`, which the EST group may read differently.
 * The observations go along as the event's description only when the report is visible to all
 * partners: an authorities-only or own-organisation report keeps its text where it is. Once only:
 * a resent field report is not filed again, and (tenant, field_report_id) is unique besides.
 */
export async function eventFromFieldReport(scope: RequestScope, cipher: FieldCipher, report: FieldReportFacts): Promise<string | null> {
  const id = randomUUID();
  const youth = report.youthUnder13 + report.youth13To15 + report.youth16To17 + report.youth18Plus;
  const result = await insertEventReports(
    scope,
    [
      {
        id,
        category: FIELD_REPORT_DEFAULT_CATEGORY,
        placeId: report.placeId,
        areaId: report.areaId,
        latitude: null,
        longitude: null,
        approximate: false,
        occurredFrom: report.startedAt.toISOString(),
        occurredTo: report.endedAt.toISOString(),
        peopleCount: peopleBand(youth),
        severity: 1,
        description: report.visibility === 'all' ? (report.observations ?? '') : '',
        fieldReportId: report.id,
      },
    ],
    { source: 'field_report', cipher },
  );
  return result.inserted === 1 ? id : null;
}
