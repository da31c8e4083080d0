import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { archiveOffer, OFFER_PATHS, offerKeys, offerQuery } from './queries';
import { OfferFacts } from './OfferFacts';
import { OfferReferralFigures } from '../referrals/OfferReferralFigures';
import './offers.css';

/** One offer: what it is, for whom, where and when, whether it has room, and how to refer. */
export default function OfferPage() {
  const { t } = useTranslation('offers');
  const { offerId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const offer = useQuery(offerQuery(offerId));
  const [failed, setFailed] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const archive = async () => {
    setFailed(null);
    try {
      await archiveOffer(offerId);
      await queryClient.invalidateQueries({ queryKey: offerKeys.all });
      void navigate(OFFER_PATHS.list);
    } catch (caught) {
      setFailed(isApiError(caught) ? caught.message : t('offer.archiveFailed'));
    }
  };

  return (
    <Page title={offer.data?.title ?? t('offer.title')}>
      <Paragraph>
        <Link asChild>
          <RouterLink to={OFFER_PATHS.list}>{t('offer.back')}</RouterLink>
        </Link>
      </Paragraph>
      {params.get('sparad') === '1' ? (
        <Alert data-color="success" role="status">
          {t('offer.saved')}
        </Alert>
      ) : null}
      {offer.isPending ? <PageLoading /> : null}
      {offer.isError ? <QueryError error={offer.error} onRetry={() => void offer.refetch()} /> : null}
      {offer.data ? (
        <div className="stack">
          <Paragraph>
            <Tag data-color="neutral">{t(`kinds.${offer.data.kind}`)}</Tag>{' '}
            <Tag data-color={offer.data.hasRoom ? 'success' : 'warning'}>{offer.data.hasRoom ? t('room.yes') : t('room.no')}</Tag>{' '}
            <Tag data-color={offer.data.public ? 'info' : 'neutral'}>{offer.data.public ? t('offer.public') : t('offer.internal')}</Tag>
            {offer.data.ended ? (
              <>
                {' '}
                <Tag data-color="warning">{t('period.ended')}</Tag>
              </>
            ) : null}
          </Paragraph>
          {offer.data.description ? <Paragraph className="offers-description">{offer.data.description}</Paragraph> : null}
          <OfferFacts offer={offer.data} />
          <Heading level={2} data-size="xs">
            {t('offer.capacityHeading')}
          </Heading>
          <Paragraph>{offer.data.capacity !== null ? t('room.count', { taken: offer.data.taken + offer.data.referred, capacity: offer.data.capacity }) : t('room.unlimited')}</Paragraph>
          {offer.data.contactPerson ? <Paragraph>{t('offer.contactPerson', { name: offer.data.contactPerson })}</Paragraph> : null}
          <OfferReferralFigures offer={offer.data} />
          {offer.data.abilities.update ? (
            <div className="offers-time-row">
              <Button asChild variant="secondary">
                <RouterLink to={OFFER_PATHS.edit(offer.data.id)}>{t('offer.edit')}</RouterLink>
              </Button>
              {offer.data.abilities.archive && !confirming ? (
                <Button variant="tertiary" onClick={() => setConfirming(true)}>
                  {t('offer.archive')}
                </Button>
              ) : null}
            </div>
          ) : null}
          {confirming ? (
            <Alert data-color="warning">
              <Paragraph>{t('offer.archiveConfirm')}</Paragraph>
              <div className="offers-time-row">
                <Button data-color="danger" onClick={() => void archive()}>
                  {t('offer.archiveYes')}
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(false)}>
                  {t('offer.archiveNo')}
                </Button>
              </div>
            </Alert>
          ) : null}
          {failed ? (
            <Alert data-color="danger" role="alert">
              {failed}
            </Alert>
          ) : null}
        </div>
      ) : null}
    </Page>
  );
}
