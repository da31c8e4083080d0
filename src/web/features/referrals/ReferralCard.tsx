import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Details, Field, Heading, Label, Paragraph, Select, Tag, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { REFERRAL_OUTCOMES, type Referral, type ReferralOutcome } from '../../../shared/referrals';
import { answerReferral, recordOutcome, recordProgress, referralKeys } from './queries';

const STATUS_COLOURS = { vantelista: 'warning', vantar_svar: 'info', accepterad: 'accent', avbojd: 'neutral', paborjad: 'accent', avslutad: 'success' } as const;

const todayIso = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Stockholm' }).format(new Date());

/** A write on a referral: afterwards every referral list and the cases are read again (the plan follows). */
function useReferralMutation<V>(run: (variables: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: referralKeys.all });
      await queryClient.invalidateQueries({ queryKey: ['cases'] });
      await queryClient.invalidateQueries({ queryKey: ['offers'] });
    },
  });
}

function MutationError({ error }: { error: unknown }) {
  const { t } = useTranslation('referrals');
  if (!error) return null;
  const fields = isApiError(error) ? Object.values(error.fields) : [];
  return (
    <Alert data-color="danger" role="alert" data-size="sm">
      {fields.length > 0 ? fields.join(' ') : isApiError(error) ? error.message : t('answer.failed')}
    </Alert>
  );
}

/** What the person behind a referral is, as far as the provider is told. */
export function PersonFacts({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const { person } = referral;
  const name = person.parentName ?? person.firstName;
  return (
    <>
      <Paragraph data-size="sm">
        <strong>{t('card.person')}: </strong>
        {t(`subjects.${referral.subject}`)} · {name ?? t('card.noName')}
        {person.ageBand ? ` · ${t('card.ageBand', { band: person.ageBand })}` : ''}
        {person.parentPhone ? ` · ${t('card.phone', { phone: person.parentPhone })}` : ''}
      </Paragraph>
      {person.what ? (
        <Paragraph data-size="sm">
          <strong>{t('card.what')}: </strong>
          {person.what}
        </Paragraph>
      ) : null}
      {person.withheldSv ? <Paragraph data-size="sm">{person.withheldSv}</Paragraph> : null}
    </>
  );
}

/** The status line: status, response time (overdue stands out), waiting place. */
export function ReferralStatus({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const format = useFormatters();
  return (
    <div className="referrals-row">
      <Tag data-color={STATUS_COLOURS[referral.status]} data-size="sm">
        {t(`statuses.${referral.status}`)}
      </Tag>
      {referral.overdue ? (
        <Tag data-color="danger" data-size="sm">
          {t('card.overdue')}
        </Tag>
      ) : null}
      {referral.respondBy ? <span>{t('card.respondBy', { date: format.date(referral.respondBy) })}</span> : null}
      {referral.waitingPosition ? <span>{t('card.waiting', { position: referral.waitingPosition })}</span> : null}
    </div>
  );
}

/** One incoming referral in the provider's inbox, with the steps the provider may take now. */
export function ReferralCard({ referral, headingLevel = 2 }: { referral: Referral; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('referrals');
  const format = useFormatters();
  return (
    <article className="referrals-card" aria-labelledby={`referral-${referral.id}`}>
      <Heading level={headingLevel} data-size="2xs" id={`referral-${referral.id}`}>
        {referral.offerTitle}
      </Heading>
      <Paragraph data-size="sm">
        {t('card.from', { organisation: referral.referringOrganisationName })} · {t('card.to', { provider: referral.providerName })}
      </Paragraph>
      <ReferralStatus referral={referral} />
      <PersonFacts referral={referral} />
      {referral.answerNote ? <Paragraph data-size="sm">{t('card.answerNote', { note: referral.answerNote })}</Paragraph> : null}
      {referral.startedOn ? <Paragraph data-size="sm">{t('card.started', { date: format.date(referral.startedOn) })} · {t('card.sessions', { count: referral.sessionsAttended })}</Paragraph> : null}
      {referral.outcome && referral.outcomeOn ? <Paragraph data-size="sm">{t('card.outcome', { outcome: t(`outcomes.${referral.outcome}`), date: format.date(referral.outcomeOn) })}</Paragraph> : null}
      {referral.parentConsent ? (
        <Paragraph data-size="sm">{t('card.consent', { who: referral.parentConsent.givenBy, date: format.date(referral.parentConsent.on), method: t(`methods.${referral.parentConsent.method}`) })}</Paragraph>
      ) : null}
      {referral.abilities.answer ? <AnswerForm referral={referral} /> : null}
      {referral.abilities.progress ? <ProgressForm referral={referral} /> : null}
      {referral.abilities.reportOutcome ? <OutcomeForm referral={referral} /> : null}
    </article>
  );
}

function AnswerForm({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const [declining, setDeclining] = useState(false);
  const [note, setNote] = useState('');
  const answer = useReferralMutation((body: { decision: 'accept' | 'decline'; note?: string }) => answerReferral(referral.id, body));
  const id = `decline-${referral.id}`;
  const noteError = isApiError(answer.error) ? answer.error.fields.note : undefined;
  return (
    <div className="referrals-actions">
      <div className="referrals-row">
        <Button data-size="sm" onClick={() => answer.mutate({ decision: 'accept' })} aria-busy={answer.isPending || undefined}>
          {t('answer.accept')}
        </Button>
        {!declining ? (
          <Button data-size="sm" variant="secondary" onClick={() => setDeclining(true)}>
            {t('answer.decline')}
          </Button>
        ) : null}
      </div>
      {declining ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            answer.mutate({ decision: 'decline', note });
          }}
        >
          <Field data-size="sm">
            <Label htmlFor={id}>{t('answer.declineReason')}</Label>
            <Textarea id={id} rows={2} value={note} onChange={(event) => setNote(event.target.value)} aria-invalid={noteError ? true : undefined} />
            {noteError ? <ValidationMessage>{noteError}</ValidationMessage> : null}
          </Field>
          <Button type="submit" data-size="sm" variant="secondary">
            {t('answer.declineSend')}
          </Button>
        </form>
      ) : null}
      {noteError ? null : <MutationError error={answer.error} />}
    </div>
  );
}

function ProgressForm({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const [startedOn, setStartedOn] = useState(referral.startedOn ?? todayIso());
  const [sessions, setSessions] = useState(String(referral.sessionsAttended));
  const save = useReferralMutation(() => recordProgress(referral.id, { startedOn, sessionsAttended: Number.parseInt(sessions, 10) || 0 }));
  return (
    <Details>
      <Details.Summary>{t('progress.heading')}</Details.Summary>
      <Details.Content>
        <form
          noValidate
          className="referrals-form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(undefined);
          }}
        >
          <Textfield id={`started-${referral.id}`} data-size="sm" type="date" label={t('progress.startedOn')} value={startedOn} onChange={(event) => setStartedOn(event.target.value)} />
          <Textfield id={`sessions-${referral.id}`} data-size="sm" inputMode="numeric" label={t('progress.sessions')} value={sessions} onChange={(event) => setSessions(event.target.value)} size={4} />
          <Button type="submit" data-size="sm" variant="secondary" aria-busy={save.isPending || undefined}>
            {t('progress.save')}
          </Button>
          <MutationError error={save.error} />
        </form>
      </Details.Content>
    </Details>
  );
}

function OutcomeForm({ referral }: { referral: Referral }) {
  const { t } = useTranslation('referrals');
  const [outcome, setOutcome] = useState<ReferralOutcome>(referral.startedOn ? 'genomford' : 'paborjades_inte');
  const [on, setOn] = useState(todayIso());
  const [note, setNote] = useState('');
  const save = useReferralMutation(() => recordOutcome(referral.id, { outcome, on, note }));
  const id = `outcome-${referral.id}`;
  return (
    <Details>
      <Details.Summary>{t('outcome.heading')}</Details.Summary>
      <Details.Content>
        <form
          noValidate
          className="referrals-form"
          onSubmit={(event) => {
            event.preventDefault();
            save.mutate(undefined);
          }}
        >
          <Field data-size="sm">
            <Label htmlFor={id}>{t('outcome.label')}</Label>
            <Select id={id} value={outcome} onChange={(event) => setOutcome(event.target.value as ReferralOutcome)}>
              {REFERRAL_OUTCOMES.map((value) => (
                <option key={value} value={value}>
                  {t(`outcomes.${value}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Textfield id={`outcome-on-${referral.id}`} data-size="sm" type="date" label={t('outcome.on')} value={on} onChange={(event) => setOn(event.target.value)} />
          <Field data-size="sm">
            <Label htmlFor={`outcome-note-${referral.id}`}>{t('outcome.note')}</Label>
            <Textarea id={`outcome-note-${referral.id}`} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
          </Field>
          <Button type="submit" data-size="sm" variant="secondary" aria-busy={save.isPending || undefined}>
            {t('outcome.save')}
          </Button>
          <MutationError error={save.error} />
        </form>
      </Details.Content>
    </Details>
  );
}
