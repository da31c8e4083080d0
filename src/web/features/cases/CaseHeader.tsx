import { useMemo, useRef } from 'react';
import { Button, Dialog, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { z } from 'zod';
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
  type CaseDetail,
  type CaseStatus,
} from '../../../shared/cases';
import { nameOf } from './queries';
import { ActionError } from './parts';
import { useCaseMutation } from './useCaseMutation';
import { AppForm, useAppForm } from '../../components/form';
import { SelectField, TextareaField } from './fields';
import { useConfirmDialog } from './dialog-focus';

/** The status line: focus lands here after a move or after closing the case, and it is announced. */
const STATUS_NOW_ID = 'case-status-now';

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
      <Paragraph ref={statusRef} id={STATUS_NOW_ID} tabIndex={-1} aria-live="polite">
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

/**
 * "Avsluta ärendet", confirmed in a dialog that says what closing means. The choices are the house form:
 * an empty submit puts an error summary in front of the user (it takes focus), each error on its field.
 */
function CloseDialog({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const dialog = useConfirmDialog();
  const schema = useMemo(
    () =>
      z.object({
        reason: z.enum(CASE_CLOSE_REASONS, { error: t('close.required') }),
        outcome: z.enum(CASE_OUTCOMES, { error: t('close.required') }),
        note: z.string().trim().max(4000),
      }),
    [t],
  );
  type CloseInput = z.input<typeof schema>;
  const empty = { reason: '', outcome: '', note: '' } as unknown as CloseInput;
  const form = useAppForm(schema, { defaultValues: empty });
  const close = useCaseMutation(
    (values: z.infer<typeof schema>) =>
      api(`/api/cases/${detail.id}/close`, {
        method: 'POST',
        body: { reason: values.reason, outcome: values.outcome, note: values.note || undefined },
      }),
    // The close button is gone from a closed case: focus the status line, which now says "Avslutad".
    () => dialog.finish(STATUS_NOW_ID),
  );
  return (
    <>
      <Button
        variant="secondary"
        data-color="danger"
        data-size="sm"
        onClick={() => {
          form.reset(empty);
          dialog.open();
        }}
      >
        {t('close.open')}
      </Button>
      <Dialog ref={dialog.ref} onClose={dialog.onClose} closeButton={t('close.cancel')} aria-labelledby="close-case-heading">
        <Heading level={2} data-size="xs" id="close-case-heading">
          {t('close.heading')}
        </Heading>
        <AppForm id="close-case" form={form} aria-labelledby="close-case-heading" onSubmit={(values) => close.mutateAsync(values)}>
          <Paragraph>
            <strong>{t('close.consequence')}</strong>
          </Paragraph>
          <SelectField
            name="reason"
            label={t('close.reason')}
            options={[{ value: '', label: t('choose') }, ...CASE_CLOSE_REASONS.map((value) => ({ value, label: nameOf(CASE_CLOSE_REASON_NAMES, value, language) }))]}
          />
          <SelectField
            name="outcome"
            label={t('close.outcome')}
            options={[{ value: '', label: t('choose') }, ...CASE_OUTCOMES.map((value) => ({ value, label: nameOf(CASE_OUTCOME_NAMES, value, language) }))]}
          />
          <TextareaField name="note" label={t('close.note')} optional rows={3} />
          <div className="case-buttons">
            <Button type="submit" data-color="danger" aria-busy={close.isPending || undefined}>
              {t('close.confirm')}
            </Button>
          </div>
        </AppForm>
      </Dialog>
    </>
  );
}
