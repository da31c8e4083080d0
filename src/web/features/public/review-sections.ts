import type { PublicTenant } from '../../../shared/concerns-public';
import type { Draft } from './draft';
import type { FormLanguage, OroT } from './oro-text';

/** One group of answers on the review step, and the step where they can be changed. */
export interface ReviewSection {
  step: number;
  heading: string;
  rows: [label: string, value: string][];
}

const given = (value: string) => value.trim() !== '';

/** 2026-12-06 -> "6 december 2026", in the form's language; noon, so no time zone moves the day. */
function dayInWords(day: string, language: FormLanguage): string {
  const date = new Date(`${day}T12:00:00`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : language, { dateStyle: 'long' }).format(date);
}

/**
 * The answers in plain words, grouped as the steps asked for them. Only what was given is listed: an
 * empty optional field is not "sent" and would only make the list longer.
 */
export function reviewSections(draft: Draft, t: OroT, tenant: Pick<PublicTenant, 'associations'>, language: FormLanguage): ReviewSection[] {
  const row = (label: string, value: string): [string, string][] => (given(value) ? [[label, value.trim()]] : []);
  if (draft.track === 'place') {
    return [
      {
        step: 1,
        heading: t('placeReport.heading'),
        rows: [
          ...row(t('placeReport.place'), draft.place),
          ...row(t('placeReport.occurredOn'), draft.occurredOn ? dayInWords(draft.occurredOn, language) : ''),
          ...row(t('placeReport.occurredTime'), draft.occurredTime),
          ...row(t('placeReport.eventType'), draft.eventType ? t(`placeReport.eventTypes.${draft.eventType}`) : ''),
        ],
      },
      { step: 2, heading: t('placeReport.descriptionHeading'), rows: row(t('placeReport.description'), draft.description) },
    ];
  }
  const association =
    draft.associationId && draft.associationId !== 'other' ? (tenant.associations.find((a) => a.id === draft.associationId)?.name ?? '') : draft.associationName;
  const contact = [...row(t('reporter.name'), draft.contactName), ...row(t('reporter.phone'), draft.contactPhone), ...row(t('reporter.email'), draft.contactEmail)];
  return [
    {
      step: 1,
      heading: t('reporter.heading'),
      rows: [
        ...row(t('reporter.role'), draft.role ? t(`reporter.roles.${draft.role}`) : ''),
        ...(draft.role === 'forening' ? row(t('reporter.association'), association) : []),
        ...(draft.role === 'yrkesperson'
          ? [
              ...row(t('reporter.organisationType'), draft.organisationType ? t(`reporter.organisationTypes.${draft.organisationType}`) : ''),
              ...row(t('reporter.organisationName'), draft.organisationName),
            ]
          : []),
        ...(contact.length > 0 ? contact : row(t('reporter.contactHeading'), t('review.anonymous'))),
      ],
    },
    {
      step: 2,
      heading: t('subject.heading'),
      rows: [
        ...row(t('subject.name'), draft.subjectName),
        ...row(t('subject.age'), draft.subjectAge),
        ...row(t('subject.school'), draft.subjectSchool),
        ...row(t('subject.whereSeen'), draft.subjectWhereSeen),
      ],
    },
    {
      step: 3,
      heading: t('what.heading'),
      rows: [
        ...row(t('what.categories'), draft.categories.map((category) => t(`categories.${category}`)).join(', ')),
        ...row(t('what.description'), draft.description),
        ...row(t('where.place'), draft.place),
        ...row(t('where.occurredOn'), draft.occurredOn ? dayInWords(draft.occurredOn, language) : ''),
        ...row(t('guardians.legend'), draft.guardiansKnow ? t(`guardians.${draft.guardiansKnow}`) : ''),
      ],
    },
  ];
}
