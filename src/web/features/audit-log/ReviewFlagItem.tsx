import { useState } from 'react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { LOG_REVIEW_FLAG_NAMES, logReviewCommentSchema, type LogReviewFlag } from '../../../shared/log-review';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { TextareaField } from '../cases/fields';
import { EventsTable } from './EventsTable';
import { auditEventsQuery } from './queries';
import { logReviewKeys, markFlagReviewed } from './review-queries';

/** One flag: what it says, the events behind it on demand, and (while open) the mark with a comment. */
export function ReviewFlagItem({ flag }: { flag: LogReviewFlag }) {
  const { t, i18n } = useTranslation('auditLog');
  const format = useFormatters();
  const [showEvents, setShowEvents] = useState(false);
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const headingId = `flag-${flag.key.replace(/[^A-Za-z0-9-]/g, '-')}`;
  const who = flag.user ? (flag.user.name ?? flag.user.email ?? t('events.removedAccount')) : t('review.noUser');
  const summary = t(`review.summary.${flag.kind}`, {
    user: who,
    person: flag.person?.name ?? t('events.removedPerson'),
    count: flag.count,
    date: format.date(flag.day),
    from: format.dateTime(flag.firstAt),
    to: format.dateTime(flag.lastAt),
  });
  return (
    <Card data-color={flag.review ? 'neutral' : 'warning'} variant="tinted" id={encodeURIComponent(flag.key)} aria-labelledby={headingId} className="stack">
      <Heading level={3} data-size="2xs" id={headingId}>
        {`${LOG_REVIEW_FLAG_NAMES[flag.kind][language]}: ${who}`}
      </Heading>
      <Paragraph data-size="sm">{summary}</Paragraph>
      {flag.review && (
        <Paragraph data-size="sm">
          {t('review.reviewedBy', { name: flag.review.reviewedBy.name ?? t('events.removedAccount'), when: format.dateTime(flag.review.reviewedAt) })}{' '}
          <q>{flag.review.comment}</q>
        </Paragraph>
      )}
      <div>
        <Button variant="secondary" data-size="sm" aria-expanded={showEvents} onClick={() => setShowEvents(!showEvents)}>
          {showEvents ? t('review.hideEvents') : t('review.showEvents')}
        </Button>
      </div>
      {showEvents && <FlagEvents flag={flag} />}
      {!flag.review && <MarkReviewedForm flag={flag} headingId={headingId} />}
    </Card>
  );
}

/** The events behind the flag: Loggkontroll's search with the flag's filter (audited as a search). */
function FlagEvents({ flag }: { flag: LogReviewFlag }) {
  const { t } = useTranslation('auditLog');
  const events = useInfiniteQuery(auditEventsQuery(flag.events));
  if (events.isPending) return <PageLoading />;
  if (!events.data) return <QueryError error={events.error} onRetry={() => void events.refetch()} />;
  return (
    <EventsTable
      label={t('review.eventsLabel')}
      events={events.data.pages.flatMap((page) => page.events)}
      hasMore={events.hasNextPage}
      loadingMore={events.isFetchingNextPage}
      onLoadMore={() => void events.fetchNextPage()}
    />
  );
}

const commentSchema = z.object({ comment: logReviewCommentSchema });

function MarkReviewedForm({ flag, headingId }: { flag: LogReviewFlag; headingId: string }) {
  const { t } = useTranslation('auditLog');
  const queryClient = useQueryClient();
  const form = useAppForm(commentSchema, { defaultValues: { comment: '' } });
  const mark = useMutation({
    mutationFn: (comment: string) => markFlagReviewed({ kind: flag.kind, key: flag.key, comment }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: logReviewKeys.all }),
  });
  const formId = `mark-${headingId}`;
  return (
    <AppForm id={formId} form={form} onSubmit={(values) => mark.mutateAsync(values.comment)} aria-labelledby={headingId}>
      <TextareaField name="comment" label={t('review.comment')} rows={2} />
      <SubmitButton variant="secondary">{t('review.markReviewed')}</SubmitButton>
    </AppForm>
  );
}
