import { useRef, useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Field, Heading, Label, Link as DsLink, Paragraph, Select, Textarea, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { FOLLOWUP_OUTCOMES, type FollowupOutcome, type OfficerContact } from '../../../shared/exchange-messages';
import type { ExchangeMatch } from '../../../shared/housing-exchange';
import { EXCHANGE_PATHS, exchangeKeys, matchQuery, matchStep, openSealed, recordFollowUp, recordMoved, scheduleMove, sendSealed } from './queries';
import { BackToStart, Facts, MatchStatusTag, sideLabel, swedishToday } from './parts';
import { MATCH_STEPS as STEPS, stepsDone } from './steps';
import './housing-exchange.css';

/** A match: where it stands, the step this side may take, then contacts, the sealed message and the move. */
export default function MatchPage() {
  const { t } = useTranslation('housingExchange');
  const { matchId = '' } = useParams();
  const match = useQuery(matchQuery(matchId));
  return (
    <Page title={match.data ? t('match.heading', { name: match.data.partner.name }) : t('match.title')}>
      <BackToStart />
      {match.isPending ? <PageLoading /> : null}
      {match.isError ? <QueryError error={match.error} /> : null}
      {match.data ? <MatchDetail match={match.data} /> : null}
    </Page>
  );
}

function MatchDetail({ match }: { match: ExchangeMatch }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const messageRef = useRef<HTMLDivElement>(null);
  const done = stepsDone(match.status);
  const closed = match.status === 'avbojd' || match.status === 'aterkallad';

  const act = async (work: () => Promise<unknown>, text: string): Promise<boolean> => {
    setBusy(true);
    setFailed(null);
    try {
      await work();
      await queryClient.invalidateQueries({ queryKey: exchangeKeys.all });
      setMessage(text);
      requestAnimationFrame(() => messageRef.current?.focus());
      return true;
    } catch (caught) {
      setFailed(isApiError(caught) ? caught.message : t('common.failed'));
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
        {sideLabel(match.side, t)} · <MatchStatusTag status={match.status} />
      </Paragraph>
      {match.side === 'sender' ? (
        <Paragraph>
          <DsLink asChild>
            <RouterLink to={EXCHANGE_PATHS.request(match.requestId)}>{t('match.request')}</RouterLink>
          </DsLink>
        </Paragraph>
      ) : (
        <Paragraph>
          <DsLink asChild>
            <RouterLink to={EXCHANGE_PATHS.incomingRequest(match.requestId)}>{t('match.request')}</RouterLink>
          </DsLink>
        </Paragraph>
      )}

      <section className="exchange-section" aria-labelledby="match-steps">
        <Heading level={2} data-size="sm" id="match-steps">
          {t('match.stepsTitle')}
        </Heading>
        <ol className="exchange-steps">
          {STEPS.map((step, i) => {
            const state = closed ? 'todo' : i < done ? 'done' : i === done ? 'current' : 'todo';
            return (
              <li key={step} data-state={state}>
                {t(`match.steps.${step}`)} ({t(`match.${state}`)})
              </li>
            );
          })}
        </ol>
      </section>

      {match.status === 'foreslagen' && match.side === 'receiver' ? (
        <div className="exchange-row">
          <Button disabled={busy} onClick={() => void act(() => matchStep(match.id, 'accept'), t('match.accepted'))}>
            {t('match.accept')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => void act(() => matchStep(match.id, 'decline'), t('match.declined'))}>
            {t('match.decline')}
          </Button>
        </div>
      ) : null}
      {match.status === 'accepterad' && match.side === 'sender' ? (
        <Button disabled={busy} onClick={() => void act(() => matchStep(match.id, 'confirm'), t('match.confirmed'))}>
          {t('match.confirm')}
        </Button>
      ) : null}
      {(match.status === 'foreslagen' && match.side === 'sender') || (match.status === 'accepterad' && match.side === 'receiver') ? (
        <Paragraph>{t('match.waitingForPartner', { name: match.partner.name })}</Paragraph>
      ) : null}

      {match.reference ? <Contacts match={match} /> : null}
      {match.reference ? <Sealed match={match} act={act} busy={busy} /> : null}
      {match.reference ? <Move match={match} act={act} busy={busy} /> : null}
      {match.followedUpOn && match.followUpOutcome ? (
        <Paragraph>{t('match.followedUp', { date: format.date(match.followedUpOn), outcome: t(`followUpOutcomes.${match.followUpOutcome}`) })}</Paragraph>
      ) : null}
    </>
  );
}

function ContactCard({ title, contact }: { title: string; contact: OfficerContact }) {
  const { t } = useTranslation('housingExchange');
  return (
    <Card data-color="neutral" className="exchange-item">
      <Heading level={3} data-size="2xs">
        {title}
      </Heading>
      <Paragraph>
        {contact.name}, {contact.organisation}
      </Paragraph>
      <Facts
        items={[
          [t('match.phone'), contact.phone ?? '–'],
          [t('match.email'), contact.email ?? '–'],
        ]}
      />
    </Card>
  );
}

function Contacts({ match }: { match: ExchangeMatch }) {
  const { t } = useTranslation('housingExchange');
  return (
    <section className="exchange-section" aria-labelledby="match-contacts">
      <Heading level={2} data-size="sm" id="match-contacts">
        {t('match.contactsTitle')}
      </Heading>
      <Paragraph>{t('match.contactsIntro')}</Paragraph>
      <Paragraph>
        {t('match.reference')}: <strong data-testid="exchange-reference">{match.reference}</strong>
      </Paragraph>
      <div className="exchange-list">
        {match.partnerContact ? <ContactCard title={t('match.partnerContact', { name: match.partner.name })} contact={match.partnerContact} /> : null}
        {match.ownContact ? <ContactCard title={t('match.ownContact')} contact={match.ownContact} /> : null}
      </div>
    </section>
  );
}

type Act = (work: () => Promise<unknown>, text: string) => Promise<boolean>;

function Sealed({ match, act, busy }: { match: ExchangeMatch; act: Act; busy: boolean }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const [text, setText] = useState('');
  const [opening, setOpening] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const shownRef = useRef<HTMLDivElement>(null);
  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    void act(() => sendSealed(match.id, text), t('match.sealedSent')).then((ok) => ok && setText(''));
  };
  const open = async () => {
    setOpenError(null);
    try {
      const result = await openSealed(match.id);
      setOpened(result.text);
      setOpening(false);
    } catch (caught) {
      setOpenError(isApiError(caught) ? caught.message : t('common.failed'));
    }
  };
  return (
    <section className="exchange-section" aria-labelledby="match-sealed">
      <Heading level={2} data-size="sm" id="match-sealed">
        {t('match.sealedTitle')}
      </Heading>
      <Paragraph>{t('match.sealedIntro')}</Paragraph>
      <div ref={shownRef} tabIndex={-1}>
        {opened !== null ? (
          <Card data-color="warning">
            <Heading level={3} data-size="2xs">
              {t('match.sealedShown')}
            </Heading>
            <p className="exchange-sealed">{opened}</p>
          </Card>
        ) : null}
      </div>
      {match.sealed.waitingForUs && opened === null ? (
        <>
          <Paragraph>{t('match.sealedWaiting')}</Paragraph>
          <Button ref={openRef} onClick={() => setOpening(true)}>
            {t('match.sealedOpen')}
          </Button>
        </>
      ) : null}
      {match.sealed.sentByUs ? <Paragraph>{match.sealed.openedAt ? t('match.sealedOpenedByPartner', { date: format.dateTime(match.sealed.openedAt) }) : t('match.sealedSent')}</Paragraph> : null}
      {!match.sealed.sentByUs ? (
        <form className="exchange-form" onSubmit={send} noValidate>
          <Field>
            <Label htmlFor="sealed-text">{t('match.sealedText')}</Label>
            <Textarea id="sealed-text" rows={4} maxLength={4000} value={text} onChange={(event) => setText(event.target.value)} />
          </Field>
          <div>
            <Button type="submit" disabled={busy || !text.trim()}>
              {t('match.sealedSend')}
            </Button>
          </div>
        </form>
      ) : null}
      <ConfirmDialog
        open={opening}
        title={t('match.sealedOpenTitle')}
        confirmLabel={t('match.sealedOpen')}
        cancelLabel={t('common.cancel')}
        danger={false}
        error={openError}
        onConfirm={() => void open()}
        onCancel={() => setOpening(false)}
        focusAfterClose={() => (opened !== null ? shownRef.current : openRef.current)}
      >
        {t('match.sealedOpenBody')}
      </ConfirmDialog>
    </section>
  );
}

function Move({ match, act, busy }: { match: ExchangeMatch; act: Act; busy: boolean }) {
  const { t } = useTranslation('housingExchange');
  const format = useFormatters();
  const [moveOn, setMoveOn] = useState(match.moveOn ?? '');
  const [movedOn, setMovedOn] = useState(swedishToday());
  const [outcome, setOutcome] = useState<FollowupOutcome>('bor_kvar');
  const today = swedishToday();
  return (
    <section className="exchange-section" aria-labelledby="match-move">
      <Heading level={2} data-size="sm" id="match-move">
        {t('match.scheduleTitle')}
      </Heading>
      {match.moveOn ? <Paragraph>{t('match.scheduled', { date: format.date(match.moveOn) })}</Paragraph> : null}
      {match.status === 'bekraftad' || match.status === 'flytt_planerad' ? (
        <form
          className="exchange-row"
          onSubmit={(event) => {
            event.preventDefault();
            if (moveOn) void act(() => scheduleMove(match.id, moveOn), t('match.scheduled', { date: format.date(moveOn) }));
          }}
        >
          <Textfield id="match-moveOn" type="date" label={t('match.moveOn')} value={moveOn} onChange={(event) => setMoveOn(event.target.value)} />
          <Button type="submit" variant="secondary" disabled={busy || !moveOn}>
            {t('match.schedule')}
          </Button>
        </form>
      ) : null}
      {match.status === 'flytt_planerad' ? (
        <form
          className="exchange-row"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => recordMoved(match.id, movedOn), t('match.movedDone', { date: format.date(movedOn) }));
          }}
        >
          <Textfield id="match-movedOn" type="date" label={t('match.movedOn')} value={movedOn} max={today} onChange={(event) => setMovedOn(event.target.value)} />
          <Button type="submit" disabled={busy || !movedOn}>
            {t('match.moved')}
          </Button>
        </form>
      ) : null}
      {match.movedOn ? <Paragraph>{t('match.movedDone', { date: format.date(match.movedOn) })}</Paragraph> : null}
      {match.status === 'flyttad' && match.followUpDue ? <Paragraph>{t('match.followUpDue', { date: format.date(match.followUpDue) })}</Paragraph> : null}
      {match.status === 'flyttad' && match.side === 'sender' ? (
        <form
          className="exchange-row"
          onSubmit={(event) => {
            event.preventDefault();
            void act(() => recordFollowUp(match.id, outcome), t('match.followedUp', { date: format.date(today), outcome: t(`followUpOutcomes.${outcome}`) }));
          }}
        >
          <Field>
            <Label htmlFor="match-outcome">{t('match.followUpOutcome')}</Label>
            <Select id="match-outcome" value={outcome} onChange={(event) => setOutcome(event.target.value as FollowupOutcome)}>
              {FOLLOWUP_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {t(`followUpOutcomes.${value}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Button type="submit" variant="secondary" disabled={busy}>
            {t('match.followUp')}
          </Button>
        </form>
      ) : null}
    </section>
  );
}
