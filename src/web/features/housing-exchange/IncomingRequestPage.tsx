import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Fieldset, Heading, Paragraph, Tag, Textarea, Field, Label } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { IncomingRequest } from '../../../shared/housing-exchange';
import { EXCHANGE_PATHS, exchangeKeys, incomingRequestQuery, markUnsuitable, offersQuery } from './queries';
import { areasLabel, BackToStart, Facts, householdLabel, OfferLine } from './parts';
import './housing-exchange.css';

/** A request another municipality published to us: what it needs, making an offer for it, and marking our offers unsuitable for it privately. */
export default function IncomingRequestPage() {
  const { t } = useTranslation('housingExchange');
  const { requestId = '' } = useParams();
  const request = useQuery(incomingRequestQuery(requestId));
  return (
    <Page title={request.data ? t('incoming.title', { name: request.data.from.name }) : t('request.title')}>
      <BackToStart />
      {request.isPending ? <PageLoading /> : null}
      {request.isError ? <QueryError error={request.error} /> : null}
      {request.data ? <Detail request={request.data} /> : null}
    </Page>
  );
}

function Detail({ request }: { request: IncomingRequest }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const labels = householdLabel(t, request.householdSize, request.rooms);
  if (request.status === 'aterkallad') return <Alert data-color="info">{t('incoming.withdrawn')}</Alert>;
  return (
    <>
      <Paragraph>{t('incoming.intro')}</Paragraph>
      <Facts
        items={[
          [t('newRequest.householdSize'), labels.household],
          [t('newRequest.ageBands'), request.ageBands.map((b) => t(`ageBands.${b}`)).join(', ')],
          [t('newRequest.rooms'), labels.rooms],
          [t('newRequest.accessibility'), request.accessibility.length ? request.accessibility.map((a) => t(`accessibility.${a}`)).join(', ') : t('common.none')],
          [t('newRequest.schoolNeeds'), request.schoolNeeds.map((s) => t(`schoolNeeds.${s}`)).join(', ')],
          [t('request.acceptable'), areasLabel(request.acceptableCodes, t)],
          [t('request.avoid'), areasLabel(request.avoidCodes, t)],
          [t('newRequest.moveBy'), format.date(request.moveBy)],
        ]}
      />
      <Paragraph>
        <Button asChild>
          <RouterLink to={EXCHANGE_PATHS.newOffer(request.id)}>{t('incoming.makeOffer')}</RouterLink>
        </Button>
      </Paragraph>
      <Unsuitable request={request} />
    </>
  );
}

function Unsuitable({ request }: { request: IncomingRequest }) {
  const { t } = useTranslation('housingExchange');
  const queryClient = useQueryClient();
  const offers = useQuery(offersQuery());
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  const live = (offers.data?.offers ?? []).filter((o) => o.status === 'publicerad' && (o.requestId === null || o.requestId === request.id));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (chosen.length === 0) return;
    setBusy(true);
    setFailed(null);
    try {
      await markUnsuitable(request.id, chosen, reason.trim() || null);
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      setChosen([]);
      setReason('');
      setDone(true);
      requestAnimationFrame(() => doneRef.current?.focus());
    } catch (caught) {
      setFailed(isApiError(caught) ? caught.message : t('common.failed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="exchange-section" aria-labelledby="incoming-unsuitable">
      <Heading level={2} data-size="sm" id="incoming-unsuitable">
        {t('incoming.unsuitableTitle')}
      </Heading>
      <Paragraph>{t('incoming.unsuitableIntro')}</Paragraph>
      <div ref={doneRef} tabIndex={-1}>
        {done ? <Alert data-color="success">{t('incoming.marked')}</Alert> : null}
      </div>
      {offers.isPending ? <PageLoading /> : null}
      {offers.isError ? <QueryError error={offers.error} onRetry={() => void offers.refetch()} /> : null}
      {offers.data && live.length === 0 ? <Paragraph>{t('incoming.noOffers')}</Paragraph> : null}
      {live.length > 0 ? (
        <form className="exchange-form" onSubmit={(event) => void submit(event)} noValidate>
          <Fieldset>
            <Fieldset.Legend>{t('incoming.unsuitableOffers')}</Fieldset.Legend>
            {live.map((offer) =>
              request.unsuitableOfferIds.includes(offer.id) ? (
                <Paragraph key={offer.id}>
                  <OfferLine offer={offer} /> <Tag data-color="neutral">{t('incoming.alreadyUnsuitable')}</Tag>
                </Paragraph>
              ) : (
                <Checkbox
                  key={offer.id}
                  label={
                    <>
                      {offer.housingPartner.name}: <OfferLine offer={offer} />
                    </>
                  }
                  checked={chosen.includes(offer.id)}
                  onChange={() => setChosen((before) => (before.includes(offer.id) ? before.filter((id) => id !== offer.id) : [...before, offer.id]))}
                />
              ),
            )}
          </Fieldset>
          <Field>
            <Label htmlFor="unsuitable-reason">{t('incoming.unsuitableReason')}</Label>
            <Textarea id="unsuitable-reason" rows={2} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} />
          </Field>
          {failed ? (
            <Alert data-color="danger" role="alert">
              {failed}
            </Alert>
          ) : null}
          <div>
            <Button type="submit" variant="secondary" disabled={busy || chosen.length === 0}>
              {t('incoming.markUnsuitable')}
            </Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
