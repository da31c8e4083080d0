import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Link as DsLink, Paragraph, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { TableRegion } from '../admin/TableRegion';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { ExchangeOffer } from '../../../shared/housing-exchange';
import {
  EXCHANGE_PATHS,
  exchangeKeys,
  incomingOffersQuery,
  incomingRequestsQuery,
  matchesQuery,
  offersQuery,
  participationQuery,
  requestsQuery,
  withdrawOffer,
} from './queries';
import { areaLabel, householdLabel, MatchStatusTag, nextStepFor, OfferLine, swedishToday } from './parts';
import { ReciprocitySection } from './ReciprocitySection';
import './housing-exchange.css';

/** Bostadsutbyte: the exchange officer's start: what waits for them, our requests, offers to us, our offers, reciprocity. */
export default function ExchangeStartPage() {
  const { t } = useTranslation('housingExchange');
  const participation = useQuery(participationQuery());
  return (
    <Page title={t('start.title')} width="wide">
      <Paragraph>{t('start.intro')}</Paragraph>
      {participation.isPending ? <PageLoading /> : null}
      {participation.isError ? <QueryError error={participation.error} onRetry={() => void participation.refetch()} /> : null}
      {participation.data && !participation.data.participating ? <Alert data-color="info">{t('start.notParticipating')}</Alert> : null}
      {participation.data?.participating ? (
        <>
          <div className="exchange-row">
            <Button asChild>
              <RouterLink to={EXCHANGE_PATHS.newRequest}>{t('start.newRequest')}</RouterLink>
            </Button>
            <Button asChild variant="secondary">
              <RouterLink to={EXCHANGE_PATHS.newOffer()}>{t('start.newOffer')}</RouterLink>
            </Button>
          </div>
          <WaitingSection />
          <MyRequestsSection />
          <OffersToUsSection />
          <IncomingRequestsSection />
          <OurOffersSection />
          <ReciprocitySection />
        </>
      ) : null}
    </Page>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="exchange-section" aria-labelledby={id}>
      <Heading level={2} data-size="sm" id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

function WaitingSection() {
  const { t } = useTranslation('housingExchange');
  const matches = useQuery(matchesQuery());
  const today = swedishToday();
  const waiting = (matches.data?.matches ?? []).map((m) => ({ match: m, step: nextStepFor(m, today) })).filter((w) => w.step !== null);
  return (
    <Section id="exchange-waiting" title={t('start.waitingTitle')}>
      {matches.isPending ? <PageLoading /> : null}
      {matches.isError ? <QueryError error={matches.error} onRetry={() => void matches.refetch()} /> : null}
      {matches.data && waiting.length === 0 ? <Paragraph>{t('start.waitingEmpty')}</Paragraph> : null}
      {waiting.length > 0 ? (
        <ul className="exchange-list">
          {waiting.map(({ match, step }) => (
            <li key={match.id} className="exchange-item">
              <DsLink asChild>
                <RouterLink to={EXCHANGE_PATHS.match(match.id)}>
                  {t(`start.stepFor.${step!}`)}: {match.partner.name}
                </RouterLink>
              </DsLink>
              <span>
                <MatchStatusTag status={match.status} />
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function MyRequestsSection() {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const requests = useQuery(requestsQuery());
  return (
    <Section id="exchange-my-requests" title={t('start.myRequestsTitle')}>
      {requests.isPending ? <PageLoading /> : null}
      {requests.isError ? <QueryError error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      {requests.data && requests.data.requests.length === 0 ? (
        <EmptyState title={t('start.myRequestsTitle')} headingLevel={3}>
          {t('start.myRequestsEmpty')}
        </EmptyState>
      ) : null}
      {requests.data && requests.data.requests.length > 0 ? (
        <TableRegion label={t('start.myRequestsTitle')}>
          <Table data-size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('start.columns.household')}</Table.HeaderCell>
                <Table.HeaderCell>{t('start.columns.moveBy')}</Table.HeaderCell>
                <Table.HeaderCell>{t('start.columns.status')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {requests.data.requests.map((r) => {
                const labels = householdLabel(t, r.householdSize, r.rooms);
                return (
                  <Table.Row key={r.id}>
                    <Table.HeaderCell scope="row">
                      <DsLink asChild>
                        <RouterLink to={EXCHANGE_PATHS.request(r.id)} aria-label={t('start.openRequest', labels)}>
                          {labels.household}, {labels.rooms}
                        </RouterLink>
                      </DsLink>
                    </Table.HeaderCell>
                    <Table.Cell>{format.date(r.moveBy)}</Table.Cell>
                    <Table.Cell>{t(`requestStatuses.${r.status}`)}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </TableRegion>
      ) : null}
    </Section>
  );
}

function OffersToUsSection() {
  const { t } = useTranslation('housingExchange');
  const offers = useQuery(incomingOffersQuery());
  return (
    <Section id="exchange-offers-to-us" title={t('start.offersToMeTitle')}>
      {offers.isPending ? <PageLoading /> : null}
      {offers.isError ? <QueryError error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      {offers.data && offers.data.offers.length === 0 ? <Paragraph>{t('start.offersToMeEmpty')}</Paragraph> : null}
      {offers.data && offers.data.offers.length > 0 ? (
        <ul className="exchange-list">
          {offers.data.offers.map((offer) => (
            <li key={offer.id} className="exchange-item">
              <strong>{t('common.from', { name: offer.from.name })}</strong>
              <span>
                <OfferLine offer={offer} />
              </span>
              <span>
                {offer.requestId ? (
                  <DsLink asChild>
                    <RouterLink to={EXCHANGE_PATHS.request(offer.requestId)}>{t('start.forOneRequest')}</RouterLink>
                  </DsLink>
                ) : (
                  t('common.pool')
                )}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </Section>
  );
}

function IncomingRequestsSection() {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const requests = useQuery(incomingRequestsQuery());
  const open = (requests.data?.requests ?? []).filter((r) => r.status === 'publicerad');
  return (
    <Section id="exchange-incoming-requests" title={t('start.incomingRequestsTitle')}>
      {requests.isPending ? <PageLoading /> : null}
      {requests.isError ? <QueryError error={requests.error} onRetry={() => void requests.refetch()} /> : null}
      {requests.data && open.length === 0 ? <Paragraph>{t('start.incomingRequestsEmpty')}</Paragraph> : null}
      {open.length > 0 ? (
        <ul className="exchange-list">
          {open.map((r) => {
            const labels = householdLabel(t, r.householdSize, r.rooms);
            return (
              <li key={r.id} className="exchange-item">
                <DsLink asChild>
                  <RouterLink to={EXCHANGE_PATHS.incomingRequest(r.id)}>
                    {t('common.from', { name: r.from.name })}: {labels.household}, {labels.rooms}
                  </RouterLink>
                </DsLink>
                <span>{t('common.moveBy', { date: format.date(r.moveBy) })}</span>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Section>
  );
}

function OurOffersSection() {
  const { t } = useTranslation('housingExchange');
  const offers = useQuery(offersQuery());
  const queryClient = useQueryClient();
  const [withdrawing, setWithdrawing] = useState<ExchangeOffer | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const openers = useRef(new Map<string, HTMLButtonElement>());
  const confirm = async () => {
    if (!withdrawing) return;
    setPending(true);
    setError(null);
    try {
      await withdrawOffer(withdrawing.id);
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      setWithdrawing(null);
      setDone(true);
    } catch (caught) {
      setError(isApiError(caught) ? caught.message : t('common.failed'));
    } finally {
      setPending(false);
    }
  };
  const live = (offers.data?.offers ?? []).filter((o) => o.status !== 'aterkallad');
  return (
    <Section id="exchange-our-offers" title={t('start.poolTitle')}>
      {offers.isPending ? <PageLoading /> : null}
      {offers.isError ? <QueryError error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      <div ref={doneRef} tabIndex={-1}>
        {done ? <Alert data-color="success">{t('offer.withdrawn')}</Alert> : null}
      </div>
      {offers.data && live.length === 0 ? <Paragraph>{t('start.poolEmpty')}</Paragraph> : null}
      {live.length > 0 ? (
        <ul className="exchange-list">
          {live.map((offer) => (
            <li key={offer.id} className="exchange-item">
              <strong>{offer.housingPartner.name}</strong>
              <span>
                <OfferLine offer={offer} />
              </span>
              <span>
                {offer.requestId ? t('start.forOneRequest') : t('common.pool')} · {t(`offerStatuses.${offer.status}`)}
              </span>
              <span>
                <Button
                  variant="secondary"
                  data-size="sm"
                  ref={(el) => {
                    if (el) openers.current.set(offer.id, el);
                  }}
                  onClick={() => setWithdrawing(offer)}
                  aria-label={`${t('offer.withdraw')}: ${areaLabel(offer.municipalityCode, t)}, ${t('common.rooms', { count: offer.rooms })}`}
                >
                  {t('offer.withdraw')}
                </Button>
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={withdrawing !== null}
        title={t('offer.withdrawTitle')}
        confirmLabel={t('offer.withdraw')}
        cancelLabel={t('common.cancel')}
        pending={pending}
        error={error}
        onConfirm={() => void confirm()}
        onCancel={() => {
          setWithdrawing(null);
          setError(null);
        }}
        focusAfterClose={() => (done ? doneRef.current : withdrawing ? openers.current.get(withdrawing.id) : null)}
      >
        {t('offer.withdrawBody')}
      </ConfirmDialog>
    </Section>
  );
}
