import type { Track } from './draft';

/**
 * The oro.json key of each field's visible label (or its group's legend), by the server's field path:
 * the error summary names the field it links to, so "Fyll i det här." is never a list of riddles.
 * A place report and a concern share a few paths (`place`, `occurredOn`, `description`) under other labels.
 */
const PERSON_LABELS: Record<string, string> = {
  'reporter.role': 'reporter.role',
  'reporter.associationId': 'reporter.association',
  'reporter.associationName': 'reporter.associationName',
  'reporter.organisationType': 'reporter.organisationType',
  'reporter.organisationName': 'reporter.organisationName',
  'reporter.contact': 'reporter.contactHeading',
  'reporter.contact.name': 'reporter.name',
  'reporter.contact.phone': 'reporter.phone',
  'reporter.contact.email': 'reporter.email',
  'subject.name': 'subject.name',
  'subject.approximateAge': 'subject.age',
  'subject.school': 'subject.school',
  'subject.whereSeen': 'subject.whereSeen',
  categories: 'what.categories',
  description: 'what.description',
  place: 'where.place',
  occurredOn: 'where.occurredOn',
  guardiansKnow: 'guardians.legend',
};

const PLACE_LABELS: Record<string, string> = {
  place: 'placeReport.place',
  occurredOn: 'placeReport.occurredOn',
  occurredTime: 'placeReport.occurredTime',
  eventType: 'placeReport.eventType',
  description: 'placeReport.description',
};

/** The label key for a field path; undefined for a path the form does not show (the summary then shows the message alone). */
export function fieldLabelKey(track: Track | null, path: string): string | undefined {
  if (path === 'status.code') return 'status.code';
  return (track === 'place' ? PLACE_LABELS : PERSON_LABELS)[path];
}
