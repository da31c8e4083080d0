import { useRef, useState } from 'react';
import { Button, Dialog, Heading, Paragraph, Tag, Field, Label, Select, Textarea, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import {
  CASE_CLOSE_REASONS,
  CASE_CLOSE_REASON_NAMES,
  CASE_OUTCOMES,
  CASE_OUTCOME_NAMES,
  CASE_STATUSES,
  CASE_STATUS_NAMES,
  type CaseCloseReason,
  type CaseDetail,
  type CaseOutcome,
  type CaseStatus,
} from '../../../shared/cases';
import { nameOf } from './queries';
import { ActionError } from './parts';
import { useCaseMutation } from './useCaseMutation';

/** Who, how old, where the case is among the seven statuses, and the moves the server allows now. */
export function CaseHeader({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const statusRef = useRef<HTMLParagraphElement>(null);
  const current = CASE_STATUSES.indexOf(detail.status);
  const move = useCaseMutation(
    (to: CaseStatus) =>
      api(`/api/cases/${detail.id}/transitions`, {
        method: 'POST',
        body: { to },
      }),
    // The buttons change after a move: put focus on the new status, which is announced.
    () => requestAnimationFrame(() => statusRef.current?.focus()),
  );
  // Only the director moves a case; for everyone else every move is blocked, which is no news to show.
  const moves = detail.abilities.transition ? detail.transitions.filter((transition) => transition.to !== 'avslutad') : [];
  const reason = (code: string) => (i18n.exists(`cases:case.blockedReasons.${code}`) ? t(`case.blockedReasons.${code}` as never) : code);

  return (
    <section aria-labelledby="case-status-heading" className="stack case-header">
      <Paragraph>
        {t('case.about', {
          age: detail.personAge,
          director: detail.directorName,
        })}{' '}
        · {t('case.openedAt', { date: format.date(detail.openedAt) })}
      </Paragraph>
      <Heading level={2} data-size="xs" id="case-status-heading">
        {t('case.statusHeading')}
      </Heading>
      <ol className="case-steps" aria-label={t('case.steps')}>
        {CASE_STATUSES.map((status, index) => (
          <li
            key={status}
            className={`case-step case-step--${index < current ? 'done' : index === current ? 'current' : 'todo'}`}
            aria-current={index === current ? 'step' : undefined}
          >
            <span className="case-step__number" aria-hidden="true">
              {index + 1}
            </span>
            <span>{nameOf(CASE_STATUS_NAMES, status, language)}</span>
            <span className="visually-hidden">{index < current ? t('case.stepDone') : index === current ? t('case.stepCurrent') : ''}</span>
          </li>
        ))}
      </ol>
      <Paragraph ref={statusRef} tabIndex={-1} aria-live="polite">
        {t('case.statusNow')}{' '}
        <Tag data-color={detail.status === 'avslutad' ? 'neutral' : 'info'} data-size="sm">
          {nameOf(CASE_STATUS_NAMES, detail.status, language)}
        </Tag>
        {detail.closedAt
          ? ` ${t('case.closedAt', { date: format.date(detail.closedAt), reason: nameOf(CASE_CLOSE_REASON_NAMES, detail.closeReason, language), outcome: nameOf(CASE_OUTCOME_NAMES, detail.outcome, language) })}`
          : null}
      </Paragraph>
      {moves.length > 0 || detail.abilities.close ? (
        <div className="stack">
          <div className="case-buttons">
            {moves.map((transition) => (
              <Button
                key={transition.to}
                variant="secondary"
                data-size="sm"
                disabled={!transition.allowed}
                aria-describedby={transition.blockedBy ? `blocked-${transition.to}` : undefined}
                aria-busy={(move.isPending && move.variables === transition.to) || undefined}
                onClick={() => move.mutate(transition.to)}
              >
                {t('case.moveTo', {
                  status: nameOf(CASE_STATUS_NAMES, transition.to, language),
                })}
              </Button>
            ))}
            {detail.abilities.close ? <CloseDialog detail={detail} /> : null}
          </div>
          {moves
            .filter((transition) => !transition.allowed && transition.blockedBy)
            .map((transition) => (
              <Paragraph key={transition.to} id={`blocked-${transition.to}`} data-size="sm">
                {t('case.blocked', {
                  status: nameOf(CASE_STATUS_NAMES, transition.to, language),
                  reason: reason(transition.blockedBy!),
                })}
              </Paragraph>
            ))}
          <ActionError error={move.error} />
        </div>
      ) : null}
    </section>
  );
}

function CloseDialog({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<CaseCloseReason | ''>('');
  const [outcome, setOutcome] = useState<CaseOutcome | ''>('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const close = useCaseMutation(
    () =>
      api(`/api/cases/${detail.id}/close`, {
        method: 'POST',
        body: { reason, outcome, note: note.trim() || undefined },
      }),
    () => dialogRef.current?.close(),
  );
  return (
    <>
      <Button variant="secondary" data-color="danger" data-size="sm" onClick={() => dialogRef.current?.showModal()}>
        {t('close.open')}
      </Button>
      <Dialog ref={dialogRef} closeButton={t('close.cancel')} aria-labelledby="close-case-heading">
        <form
          className="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            setTried(true);
            if (reason && outcome) close.mutate(undefined);
          }}
        >
          <Heading level={2} data-size="xs" id="close-case-heading">
            {t('close.heading')}
          </Heading>
          <Field>
            <Label htmlFor="close-reason">{t('close.reason')}</Label>
            <Select id="close-reason" value={reason} aria-invalid={tried && !reason ? true : undefined} onChange={(event) => setReason(event.target.value as CaseCloseReason)}>
              <Select.Option value="">{t('choose')}</Select.Option>
              {CASE_CLOSE_REASONS.map((value) => (
                <Select.Option key={value} value={value}>
                  {nameOf(CASE_CLOSE_REASON_NAMES, value, language)}
                </Select.Option>
              ))}
            </Select>
            {tried && !reason ? <ValidationMessage>{t('close.required')}</ValidationMessage> : null}
          </Field>
          <Field>
            <Label htmlFor="close-outcome">{t('close.outcome')}</Label>
            <Select id="close-outcome" value={outcome} aria-invalid={tried && !outcome ? true : undefined} onChange={(event) => setOutcome(event.target.value as CaseOutcome)}>
              <Select.Option value="">{t('choose')}</Select.Option>
              {CASE_OUTCOMES.map((value) => (
                <Select.Option key={value} value={value}>
                  {nameOf(CASE_OUTCOME_NAMES, value, language)}
                </Select.Option>
              ))}
            </Select>
            {tried && !outcome ? <ValidationMessage>{t('close.required')}</ValidationMessage> : null}
          </Field>
          <Field>
            <Label htmlFor="close-note">{t('close.note')}</Label>
            <Textarea id="close-note" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
          </Field>
          <ActionError error={close.error} />
          <div className="case-buttons">
            <Button type="submit" data-color="danger" aria-busy={close.isPending || undefined}>
              {t('close.confirm')}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
