import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { verificationQuery } from './queries';

/** Whether the log's hash chain is unbroken: said in words (and colour), with where it broke. */
export function VerificationStatus() {
  const { t } = useTranslation('auditLog');
  const format = useFormatters();
  const verification = useQuery(verificationQuery());
  return (
    <section aria-labelledby="verification-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="verification-heading">
        {t('verification.heading')}
      </Heading>
      {verification.isPending ? (
        <PageLoading />
      ) : verification.isError ? (
        <QueryError error={verification.error} onRetry={() => void verification.refetch()} />
      ) : (
        <Alert data-color={verification.data.intact ? 'success' : 'danger'}>
          <Heading level={3} data-size="xs">
            {verification.data.intact ? t('verification.intact') : t('verification.broken')}
          </Heading>
          <Paragraph data-size="sm">
            {t('verification.checked', { count: verification.data.eventsChecked, when: format.dateTime(verification.data.checkedAt) })}
          </Paragraph>
          {verification.data.firstBrokenLink && (
            <Paragraph data-size="sm">
              {t('verification.brokenAt', {
                lane: verification.data.firstBrokenLink.lane,
                seq: verification.data.firstBrokenLink.seq,
                reason: t(`verification.reasons.${verification.data.firstBrokenLink.reason}`),
              })}
            </Paragraph>
          )}
          <div>
            <Button variant="secondary" data-size="sm" aria-busy={verification.isFetching || undefined} onClick={() => void verification.refetch()}>
              {t('verification.again')}
            </Button>
          </div>
        </Alert>
      )}
    </section>
  );
}
