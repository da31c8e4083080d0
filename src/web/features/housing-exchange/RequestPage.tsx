import { useRef, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Link as DsLink, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import type { ExchangeRequestDetail } from '../../../shared/housing-exchange';
import { EXCHANGE_PATHS, exchangeKeys, proposeMatch, publishRequest, requestQuery, withdrawRequest } from './queries';
import { areasLabel, BackToStart, Facts, householdLabel, MatchStatusTag, OfferLine } from './parts';
import './housing-exchange.css';

/** One of our requests: what was sent, what stayed home, the offers that match it, and its matches. */
export default function RequestPage() {
  const { t } = useTranslation('housingExchange');
  const { requestId = '' } = useParams();
  const request = useQuery(requestQuery(requestId));
  const title = request.data ? t('request.heading', householdLabel(t, request.data.householdSize, request.data.rooms)) : t('request.title');
  return (
    <Page title={title} width="default">
      <BackToStart />
      {request.isPending ? <PageLoading /> : null}
      {request.isError ? <QueryError error={request.error} /> : null}
      {request.data ? <RequestDetail request={request.data} /> : null}
    </Page>
  );
}

function RequestDetail({ request }: { request: ExchangeRequestDetail }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [withdrawError, setWithdrawError] = useState<string | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const withdrawRef = useRef<HTMLButtonElement>(null);
  const closed = request.status === 'aterkallad';
  const openMatch = request.matches.find((m) => m.status !== 'avbojd' && m.status !== 'aterkallad');

  const act = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setFailed(null);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      setMessage(done);
      requestAnimationFrame(() => messageRef.current?.focus());
      return true;
    } catch (caught) {
      const text = isApiError(caught) ? caught.message : t('common.failed');
      setFailed(text);
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div ref={messageRef} tabIndex={-1}>
        {message ? <Alert data-color="success">{message}</Alert> : null}
      </div>
      {failed ? (
        <Alert data-color="danger" role="alert">
          {failed}
        </Alert>
      ) : null}
      <Paragraph>
        <strong>{t(`requestStatuses.${request.status}`)}</strong>
        {request.withdrawnAt ? ` · ${format.date(request.withdrawnAt)}` : ''}
      </Paragraph>

      <section className="exchange-section" aria-labelledby="request-facts">
        <Heading level={2} data-size="sm" id="request-facts">
          {t('request.facts')}
        </Heading>
        <Facts
          items={[
            [t('newRequest.householdSize'), t('common.household', { count: request.householdSize })],
            [t('newRequest.ageBands'), request.ageBands.map((b) => t(`ageBands.${b}`)).join(', ')],
            [t('newRequest.rooms'), t('common.rooms', { count: request.rooms })],
            [t('newRequest.accessibility'), request.accessibility.length ? request.accessibility.map((a) => t(`accessibility.${a}`)).join(', ') : t('common.none')],
            [t('newRequest.schoolNeeds'), request.schoolNeeds.map((s) => t(`schoolNeeds.${s}`)).join(', ')],
            [t('request.acceptable'), areasLabel(request.acceptableCodes, t)],
            [t('request.avoid'), areasLabel(request.avoidCodes, t)],
            [t('newRequest.moveBy'), format.date(request.moveBy)],
            [t('request.exitSupport'), request.exitSupportInPlace ? t('request.exitSupportYes') : t('request.exitSupportNo')],
          ]}
        />
      </section>

      <section className="exchange-section" aria-labelledby="request-internal">
        <Heading level={2} data-size="sm" id="request-internal">
          {t('request.internal')}
        </Heading>
        <Facts
          items={[
            [t('request.origin'), request.origin.kind === 'sspf' ? t('request.originSspf') : t('request.originAvhopp', { reference: request.origin.reference })],
            [t('newRequest.ownWish'), t('request.ownWish', { by: request.ownWish.recordedBy, date: format.date(request.ownWish.recordedOn) })],
            [t('request.note'), request.note ?? t('common.none')],
          ]}
        />
      </section>

      {request.status === 'utkast' ? (
        <Paragraph>
          <Button disabled={busy || !request.exitSupportInPlace} onClick={() => void act(() => publishRequest(request.id), t('request.published'))}>
            {t('request.publish')}
          </Button>
          {!request.exitSupportInPlace ? <span> {t('newRequest.errors.exitSupport')}</span> : null}
        </Paragraph>
      ) : null}

      {!closed ? (
        <section className="exchange-section" aria-labelledby="request-matches">
          <Heading level={2} data-size="sm" id="request-matches">
            {t('request.matchesTitle')}
          </Heading>
          {request.matches.length === 0 ? <Paragraph>{t('start.waitingEmpty')}</Paragraph> : null}
          <ul className="exchange-list">
            {request.matches.map((m) => (
              <li key={m.id} className="exchange-item">
                <DsLink asChild>
                  <RouterLink to={EXCHANGE_PATHS.match(m.id)}>{t('match.heading', { name: m.partner.name })}</RouterLink>
                </DsLink>
                <span>
                  <MatchStatusTag status={m.status} />
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!closed && request.status !== 'utkast' ? (
        <section className="exchange-section" aria-labelledby="request-matching">
          <Heading level={2} data-size="sm" id="request-matching">
            {t('request.matchingTitle')}
          </Heading>
          {request.matchingOffers.length === 0 ? <Paragraph>{t('request.matchingEmpty')}</Paragraph> : null}
          <ul className="exchange-list">
            {request.matchingOffers.map((offer) => (
              <li key={offer.id} className="exchange-item">
                <strong>{t('common.from', { name: offer.from.name })}</strong>
                <span>
                  <OfferLine offer={offer} />
                </span>
                {offer.conditions.length || offer.conditionsText ? (
                  <span>{[...offer.conditions.map((c) => t(`conditions.${c}`)), offer.conditionsText].filter(Boolean).join(', ')}</span>
                ) : null}
                {!openMatch ? (
                  <span>
                    <Button data-size="sm" disabled={busy} onClick={() => void act(() => proposeMatch(request.id, offer.id), t('request.proposed', { name: offer.from.name }))}>
                      {t('request.propose')}
                    </Button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {!closed ? (
        <Paragraph>
          <Button ref={withdrawRef} variant="secondary" data-color="danger" onClick={() => setWithdrawing(true)}>
            {t('request.withdraw')}
          </Button>
        </Paragraph>
      ) : null}
      <ConfirmDialog
        open={withdrawing}
        title={t('request.withdrawTitle')}
        confirmLabel={t('request.withdrawConfirm')}
        cancelLabel={t('common.cancel')}
        pending={busy}
        error={withdrawError}
        onConfirm={() =>
          void (async () => {
            setWithdrawError(null);
            const ok = await act(() => withdrawRequest(request.id), t('request.withdrawn'));
            if (ok) setWithdrawing(false);
            else setWithdrawError(t('common.failed'));
          })()
        }
        onCancel={() => setWithdrawing(false)}
        focusAfterClose={() => (closed || message ? messageRef.current : withdrawRef.current)}
      >
        {t('request.withdrawBody')}
      </ConfirmDialog>
    </>
  );
}
