import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { CLOSE_REASONS, CLOSE_REASON_NAMES } from '../../../shared/concerns';
import type { ConcernDetail } from '../../../shared/concerns-triage';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { concernKeys, nameOf } from './queries';
import { errorText, statusId } from './ActionForm';
import { useAnnounce } from './announcement';

/**
 * Closing a concern ends it for good: the reporter sees "Avslutad" and it leaves the open list. So the
 * reason is an explicit choice (nothing preselected) and a dialog says what will happen before it is done.
 */
export function CloseConcern({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const select = useRef<HTMLSelectElement>(null);
  const closed = useRef(false);
  const close = useMutation({
    mutationFn: () =>
      api(`/api/concerns/${concern.id}/close`, {
        method: 'POST',
        body: { reason },
      }),
    onSuccess: async () => {
      closed.current = true;
      announce('general', t('actions.done.close', { reference: concern.reference }));
      setConfirming(false);
      await queryClient.invalidateQueries({ queryKey: concernKeys.all });
    },
  });
  const reasonName = reason ? nameOf(CLOSE_REASON_NAMES, reason as (typeof CLOSE_REASONS)[number], i18n.language) : '';
  return (
    <>
      <form
        aria-label={t('actions.close')}
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason) {
            setMissing(true);
            select.current?.focus();
            return;
          }
          close.reset();
          setConfirming(true);
        }}
      >
        <Field>
          <Label htmlFor="close-reason">{t('actions.closeReason')}</Label>
          <Select
            ref={select}
            id="close-reason"
            value={reason}
            aria-invalid={missing || undefined}
            onChange={(event) => {
              setReason(event.target.value);
              setMissing(false);
            }}
          >
            <Select.Option value="">{t('actions.choose')}</Select.Option>
            {CLOSE_REASONS.map((value) => (
              <Select.Option key={value} value={value}>
                {nameOf(CLOSE_REASON_NAMES, value, i18n.language)}
              </Select.Option>
            ))}
          </Select>
          {missing ? <ValidationMessage>{t('actions.closeConfirm.reasonRequired')}</ValidationMessage> : null}
        </Field>
        <div>
          <Button ref={opener} type="submit" variant="secondary" data-color="danger">
            {t('actions.closeConfirm.open')}
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title={t('actions.closeConfirm.title', {
          reference: concern.reference,
        })}
        confirmLabel={t('actions.closeConfirm.confirm')}
        cancelLabel={t('actions.closeConfirm.cancel')}
        pending={close.isPending}
        error={
          close.error ? (
            <Alert data-color="danger" role="alert">
              {errorText(close.error)}
            </Alert>
          ) : null
        }
        onConfirm={() => close.mutate()}
        onCancel={() => setConfirming(false)}
        // Closed: this form is gone, so focus goes to the line that says the concern is closed.
        focusAfterClose={() => (closed.current ? document.getElementById(statusId('general')) : opener.current)}
      >
        <Paragraph>{t('actions.closeConfirm.consequence', { reason: reasonName })}</Paragraph>
      </ConfirmDialog>
    </>
  );
}
