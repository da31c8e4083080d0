import { useQuery } from '@tanstack/react-query';
import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { myMentorshipsQuery } from './queries';
import { MeetingForm, MeetingList } from './MeetingLog';
import { VettingTag } from './VettingTag';
import './mentors.css';

/** The mentor's own page: the young people they are matched with (as the case shows them) and the meeting log of each. */
export default function MyMentorMeetingsPage() {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  const mine = useQuery(myMentorshipsQuery());
  const data = mine.data;
  return (
    <Page title={t('mine.title')}>
      <Paragraph>{t('mine.intro')}</Paragraph>
      {mine.isPending ? <PageLoading /> : null}
      {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
      {data && !data.mentor ? (
        <EmptyState title={t('mine.notRegisteredTitle')} headingLevel={2}>
          {t('mine.notRegistered')}
        </EmptyState>
      ) : null}
      {data?.mentor ? (
        <Paragraph>
          {t('mine.vetting')} <VettingTag status={data.mentor.vettingStatus} /> {data.mentor.validThrough ? t('list.validThrough', { date: format.date(data.mentor.validThrough) }) : null}
        </Paragraph>
      ) : null}
      {data?.mentor && data.matches.length === 0 ? (
        <EmptyState title={t('mine.emptyTitle')} headingLevel={2}>
          {t('mine.empty')}
        </EmptyState>
      ) : null}
      {data?.matches.map((match) => (
        <Card key={match.actionId} className="mentors-card" data-color="neutral">
          <Heading level={2} data-size="xs">
            {match.personName}
          </Heading>
          <Paragraph data-size="sm">
            {t('mine.period', { from: format.date(match.startOn), to: format.date(match.dueOn) })} ·{' '}
            <Link asChild>
              <RouterLink to={`/samverkan/${match.caseId}`}>{t('mine.openCase')}</RouterLink>
            </Link>
          </Paragraph>
          <Heading level={3} data-size="2xs">
            {t('log.heading')}
          </Heading>
          <MeetingList meetings={match.meetings} />
          <Heading level={3} data-size="2xs">
            {t('log.add')}
          </Heading>
          <MeetingForm caseId={match.caseId} actionId={match.actionId} idPrefix={`meeting-${match.actionId}`} />
        </Card>
      ))}
    </Page>
  );
}
