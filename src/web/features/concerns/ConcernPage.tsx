import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useParams } from 'react-router';
import { Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import {
  CLOSE_REASON_NAMES,
  CONCERN_CATEGORY_NAMES,
  CONCERN_DECISION_NAMES,
  CONCERN_PATHS,
  CONCERN_STATUS_NAMES,
  GUARDIANS_KNOW_NAMES,
  PLACE_EVENT_TYPE_NAMES,
  PROTECTION_ASSESSMENT_NAMES,
  REPORTER_ORGANISATION_TYPE_NAMES,
  REPORTER_ROLE_NAMES,
  type CloseReason,
  type ConcernDecision,
  type ProtectionAssessment,
} from '../../../shared/concerns';
import type { ConcernDetail, TimelineEntry } from '../../../shared/concerns-triage';
import { concernQuery, nameOf } from './queries';
import { ConcernActions } from './ConcernActions';
import './concerns.css';

const DEADLINE_COLOURS = {
  ok: 'success',
  near: 'warning',
  overdue: 'danger',
} as const;

/** /mottagning/:id: one concern or place report. Everything the public wrote is rendered as text. */
export default function ConcernPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('inbox');
  const concern = useQuery(concernQuery(id));
  if (concern.isPending) return <PageLoading />;
  if (concern.isError) return <QueryError error={concern.error} onRetry={() => void concern.refetch()} />;
  return (
    <Page title={t('concern.title', { reference: concern.data.reference })} width="wide">
      <Paragraph>
        <Link asChild>
          <RouterLink to={CONCERN_PATHS.inbox}>{t('concern.back')}</RouterLink>
        </Link>
      </Paragraph>
      <Facts concern={concern.data} />
      <ConcernActions concern={concern.data} />
      <Timeline entries={concern.data.timeline} />
    </Page>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '') return null;
  return (
    <>
      <dt>{label}</dt>
      <dd className="concern-text">{children}</dd>
    </>
  );
}

function Facts({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation('inbox');
  const format = useFormatters();
  const language = i18n.language;
  const reporter = concern.reporter;
  const contact = reporter ? [reporter.contact.name, reporter.contact.phone, reporter.contact.email].filter(Boolean).join(', ') : '';
  const subject = concern.subject;
  return (
    <section aria-labelledby="concern-facts-heading" className="stack">
      <Heading level={2} data-size="sm" id="concern-facts-heading">
        {t('concern.facts')}
      </Heading>
      <Paragraph>
        {nameOf(CONCERN_STATUS_NAMES, concern.status, language)}{' '}
        {concern.deadlines ? (
          <Tag data-color={DEADLINE_COLOURS[concern.deadlineState]} data-size="sm">
            {t(`deadline.${concern.deadlineState}`)}
          </Tag>
        ) : null}
      </Paragraph>
      <dl className="concern-facts">
        <Fact label={t('concern.received')}>{format.dateTime(concern.receivedAt)}</Fact>
        <Fact label={t('concern.receivingOrganisation')}>{concern.receivingOrganisation.name}</Fact>
        {reporter ? (
          <>
            <Fact label={t('concern.reporter')}>
              {[nameOf(REPORTER_ROLE_NAMES, reporter.role, language), nameOf(REPORTER_ORGANISATION_TYPE_NAMES, reporter.organisationType, language), reporter.organisationName]
                .filter(Boolean)
                .join(', ')}
            </Fact>
            <Fact label={t('concern.dutyToReport')}>{reporter.dutyToReport ? t('concern.yes') : t('concern.no')}</Fact>
            <Fact label={t('concern.association')}>{reporter.association?.name}</Fact>
            <Fact label={t('concern.contact')}>{contact || t('concern.anonymous')}</Fact>
          </>
        ) : null}
        {subject ? (
          <>
            <Fact label={t('concern.subject')}>{subject.name}</Fact>
            <Fact label={t('concern.approximateAge')}>{subject.approximateAge}</Fact>
            <Fact label={t('concern.school')}>{subject.school}</Fact>
            <Fact label={t('concern.whereSeen')}>{subject.whereSeen}</Fact>
          </>
        ) : null}
        <Fact label={t('concern.person')}>{concern.person ? `${concern.person.firstName} ${concern.person.lastName} (${concern.person.birthDate})` : null}</Fact>
        <Fact label={t('concern.categories')}>{concern.categories.map((category) => nameOf(CONCERN_CATEGORY_NAMES, category, language)).join(', ')}</Fact>
        <Fact label={t('concern.eventType')}>{nameOf(PLACE_EVENT_TYPE_NAMES, concern.eventType, language)}</Fact>
        <Fact label={t('concern.description')}>{concern.description}</Fact>
        <Fact label={t('concern.place')}>{concern.place.text}</Fact>
        <Fact label={t('concern.occurredOn')}>{[concern.occurredOn, concern.occurredTime].filter(Boolean).join(' ')}</Fact>
        <Fact label={t('concern.guardiansKnow')}>{nameOf(GUARDIANS_KNOW_NAMES, concern.guardiansKnow, language)}</Fact>
        <Fact label={t('concern.language')}>{concern.language ? languageName(concern.language, language) : null}</Fact>
        {concern.deadlines ? (
          <Fact label={t('concern.deadlines')}>
            {[
              `${t('concern.assessmentDeadline', { date: format.dateTime(concern.deadlines.protectionAssessment.dueAt) })}${concern.deadlines.protectionAssessment.doneAt ? ` – ${t('concern.done', { date: format.dateTime(concern.deadlines.protectionAssessment.doneAt) })}` : ''}`,
              `${t('concern.decisionDeadline', { date: format.date(concern.deadlines.decision.dueAt) })}${concern.deadlines.decision.doneAt ? ` – ${t('concern.done', { date: format.dateTime(concern.deadlines.decision.doneAt) })}` : ''}`,
            ].join('\n')}
          </Fact>
        ) : null}
      </dl>
    </section>
  );
}

/** "arabiska", "Arabic": the form's language by name, in the reader's language (the browser knows the names). */
function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const { t, i18n } = useTranslation('inbox');
  const format = useFormatters();
  const language = i18n.language;
  const text = (entry: TimelineEntry): string => {
    const details = entry.details as Record<string, string | undefined>;
    switch (entry.type) {
      case 'assigned':
        return t('timeline.assigned', { name: details.assigneeName ?? '–' });
      case 'assessed':
        return t('timeline.assessed', {
          value: nameOf(PROTECTION_ASSESSMENT_NAMES, details.result as ProtectionAssessment, language),
        });
      case 'decided':
        return t('timeline.decided', {
          value: nameOf(CONCERN_DECISION_NAMES, details.decision as ConcernDecision, language),
        });
      case 'closed':
        return t('timeline.closed', {
          value: nameOf(CLOSE_REASON_NAMES, details.reason as CloseReason, language),
        });
      case 'forwarded':
        return t('timeline.forwarded', {
          name: details.toOrganisationName ?? '–',
          basis: details.legalBasis ?? '–',
        });
      default:
        return t(`timeline.${entry.type}`);
    }
  };
  return (
    <section aria-labelledby="concern-timeline-heading" className="stack">
      <Heading level={2} data-size="sm" id="concern-timeline-heading">
        {t('timeline.heading')}
      </Heading>
      <ol>
        {entries.map((entry) => (
          <li key={entry.id}>
            <Paragraph data-size="sm">
              {format.dateTime(entry.at)} · {entry.actor?.name ?? t('timeline.public')} · {text(entry)}
            </Paragraph>
            {entry.note ? (
              <Paragraph data-size="sm" className="concern-text">
                {entry.note}
              </Paragraph>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
