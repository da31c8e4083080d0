import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { REFERRAL_PATHS, referralBoxQuery } from './queries';
import { ReferralCard } from './ReferralCard';
import './referrals.css';

/**
 * Hänvisningar: the provider organisation's inbox of incoming referrals (answer, start, attendance,
 * outcome). BVC/MVC also see the parents they referred without a case, and start a new one here.
 */
export default function ReferralsPage() {
  const { t } = useTranslation('referrals');
  const [params] = useSearchParams();
  const box = params.get('box') === 'skickade' ? 'skickade' : 'inkommande';
  const list = useQuery(referralBoxQuery(box));
  const mayReferParents = list.data?.abilities.createParent === true;

  return (
    <Page title={t('inbox.title')}>
      <Paragraph>{t('inbox.intro')}</Paragraph>
      {params.get('sparad') === '1' ? (
        <Alert data-color="success" role="status">
          {t('inbox.saved')}
        </Alert>
      ) : null}
      {mayReferParents ? (
        <Paragraph>
          <Button asChild>
            <RouterLink to={REFERRAL_PATHS.parent}>{t('inbox.newParent')}</RouterLink>
          </Button>
        </Paragraph>
      ) : null}
      {mayReferParents || box === 'skickade' ? (
        <nav aria-label={t('inbox.title')} className="referrals-row">
          <Link asChild>
            <RouterLink to={REFERRAL_PATHS.inbox} aria-current={box === 'inkommande' ? 'page' : undefined}>
              {t('inbox.incoming')}
            </RouterLink>
          </Link>
          <Link asChild>
            <RouterLink to={`${REFERRAL_PATHS.inbox}?box=skickade`} aria-current={box === 'skickade' ? 'page' : undefined}>
              {t('inbox.sent')}
            </RouterLink>
          </Link>
        </nav>
      ) : null}
      {list.isPending ? <PageLoading /> : null}
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.data && list.data.referrals.length === 0 ? (
        <EmptyState title={t('inbox.emptyTitle')} headingLevel={2}>
          {t('inbox.empty')}
        </EmptyState>
      ) : null}
      {list.data && list.data.referrals.length > 0 ? (
        <div className="referrals-list">
          {list.data.referrals.map((referral) => (
            <ReferralCard key={referral.id} referral={referral} />
          ))}
        </div>
      ) : null}
    </Page>
  );
}
