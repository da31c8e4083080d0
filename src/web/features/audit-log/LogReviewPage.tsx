import { useQuery } from '@tanstack/react-query';
import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LOG_REVIEW_FLAG_NAMES, type LogReviewFlag } from '../../../shared/log-review';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { paths } from '../../app/paths';
import { ReviewFlagItem } from './ReviewFlagItem';
import { ReviewSettingsForm } from './ReviewSettingsForm';
import { logReviewQuery } from './review-queries';
import '../admin/admin.css';

/**
 * Loggranskning: the systematic review (HSLF-FS 2016:40). What the server flagged in the last days of
 * the log, open first; each opens its events and is marked reviewed with a comment. The thresholds below.
 */
export default function LogReviewPage() {
  const { t, i18n } = useTranslation('auditLog');
  const format = useFormatters();
  const review = useQuery(logReviewQuery());
  const language = i18n.language === 'en' ? 'en' : 'sv';
  return (
    <Page title={t('review.title')} width="wide">
      <Paragraph>{t('review.intro')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={paths.auditLog}>{t('back')}</RouterLink>
        </Link>
      </Paragraph>
      {review.isPending ? (
        <PageLoading />
      ) : review.isError ? (
        <QueryError error={review.error} onRetry={() => void review.refetch()} />
      ) : (
        <>
          <Paragraph data-size="sm">{t('review.window', { since: format.dateTime(review.data.since), days: review.data.settings.lookbackDays })}</Paragraph>
          {review.data.truncated.length > 0 && (
            <Alert data-color="warning">
              <Paragraph data-size="sm">
                {t('review.truncated', { kinds: review.data.truncated.map((kind) => LOG_REVIEW_FLAG_NAMES[kind][language]).join(', ') })}
              </Paragraph>
            </Alert>
          )}
          <FlagSection id="open" title={t('review.openHeading')} flags={review.data.open} emptyTitle={t('review.emptyTitle')} empty={t('review.empty')} />
          <FlagSection id="reviewed" title={t('review.reviewedHeading')} flags={review.data.reviewed} emptyTitle={t('review.noneReviewedTitle')} empty={t('review.noneReviewed')} />
          <ReviewSettingsForm current={review.data.settings} />
        </>
      )}
    </Page>
  );
}

function FlagSection({ id, title, flags, emptyTitle, empty }: { id: string; title: string; flags: LogReviewFlag[]; emptyTitle: string; empty: string }) {
  const { t } = useTranslation('auditLog');
  const headingId = `review-${id}-heading`;
  return (
    <section aria-labelledby={headingId} className="admin-section">
      <Heading level={2} data-size="sm" id={headingId}>
        {title}
      </Heading>
      {flags.length === 0 ? (
        // Only when the server counted none: never while loading and never after an error.
        <EmptyState title={emptyTitle}>{empty}</EmptyState>
      ) : (
        <>
          <Paragraph data-size="sm">{t('review.count', { count: flags.length })}</Paragraph>
          <ul className="card-list">
            {flags.map((flag) => (
              <li key={flag.key}>
                <ReviewFlagItem flag={flag} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
