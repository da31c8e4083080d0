import { useQuery } from '@tanstack/react-query';
import { Button, Field, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { TableRegion } from '../admin/TableRegion';
import { OFFER_KINDS, PUBLIC_OFFERS_PATH } from '../../../shared/offers';
import { OFFER_PATHS, offersQuery } from './queries';
import { PERIOD_KEYS, periodKey } from './labels';
import './offers.css';

/** Insatser: what the partners offer young people and parents, with who provides it and whether it has room. */
export default function OffersPage() {
  const { t, i18n } = useTranslation('offers');
  const [params, setParams] = useSearchParams();
  const kind = params.get('typ') ?? '';
  const room = params.get('plats') === '1';
  const query = { ...(kind ? { kind } : {}), ...(room ? { room: 'true' } : {}) };
  const offers = useQuery(offersQuery(query));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page title={t('list.title')} width="wide">
      <Paragraph>{t('list.intro')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={PUBLIC_OFFERS_PATH}>{t('list.publicLink')}</RouterLink>
        </Link>
      </Paragraph>
      {offers.data?.abilities.create ? (
        <Paragraph>
          <Button asChild>
            <RouterLink to={OFFER_PATHS.create}>{t('list.create')}</RouterLink>
          </Button>
        </Paragraph>
      ) : null}
      <div className="offers-filters">
        <Field>
          <Label htmlFor="offers-kind">{t('list.filterKind')}</Label>
          <Select id="offers-kind" value={kind} onChange={(event) => set('typ', event.target.value)}>
            <option value="">{t('list.allKinds')}</option>
            {OFFER_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`kinds.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="offers-room">{t('list.filterRoom')}</Label>
          <Select id="offers-room" value={room ? '1' : ''} onChange={(event) => set('plats', event.target.value)}>
            <option value="">{t('list.roomAll')}</option>
            <option value="1">{t('list.roomOnly')}</option>
          </Select>
        </Field>
      </div>
      {offers.isPending ? <PageLoading /> : null}
      {offers.isError ? <QueryError error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      {offers.data && offers.data.offers.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} headingLevel={2}>
          {kind || room ? t('list.emptyFiltered') : t('list.empty')}
        </EmptyState>
      ) : null}
      {offers.data && offers.data.offers.length > 0 ? (
        <TableRegion label={t('list.region')}>
          <Table data-size="sm" className="offers-table">
            <caption>{t('list.caption', { count: offers.data.offers.length })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('list.columns.title')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.provider')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.target')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.period')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.room')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.public')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {offers.data.offers.map((offer) => (
                <Table.Row key={offer.id}>
                  <Table.HeaderCell scope="row">
                    <Link asChild>
                      <RouterLink to={OFFER_PATHS.offer(offer.id)}>{offer.title}</RouterLink>
                    </Link>
                    <span className="offers-muted"> · {t(`kinds.${offer.kind}`)}</span>
                  </Table.HeaderCell>
                  <Table.Cell>{offer.providerName}</Table.Cell>
                  <Table.Cell>{t(`targets.${offer.targetGroup}`)}</Table.Cell>
                  <Table.Cell>
                    <PeriodCell offer={offer} language={i18n.language} />
                  </Table.Cell>
                  <Table.Cell>
                    <Tag data-color={offer.hasRoom ? 'success' : 'warning'}>{offer.hasRoom ? t('room.yes') : t('room.no')}</Tag>{' '}
                    {offer.capacity !== null ? t('room.count', { taken: offer.taken + offer.referred, capacity: offer.capacity }) : t('room.unlimited')}
                  </Table.Cell>
                  <Table.Cell>{offer.public ? t('list.publicYes') : t('list.publicNo')}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      ) : null}
    </Page>
  );
}

/** The period in words, and a mark when it has passed (the offer stays in the list; the public page drops it). */
function PeriodCell({ offer, language }: { offer: { availableFrom: string | null; availableUntil: string | null; ended: boolean }; language: string }) {
  const { t } = useTranslation('offers');
  const period = periodKey(offer, language);
  return (
    <>
      {period ? t(PERIOD_KEYS[period.key], period.values) : '–'}
      {offer.ended ? (
        <>
          {' '}
          <Tag data-color="warning">{t('period.ended')}</Tag>
        </>
      ) : null}
    </>
  );
}
