import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Label, Select } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { concernKeys } from './queries';
import { useAnnounce, useAnnouncement } from './announcement';

/** The message of a failed action: the server's sentence and its field messages. */
export function errorText(error: unknown): string {
  return isApiError(error) ? [error.message, ...Object.values(error.fields)].filter(Boolean).join(' ') : String(error);
}

/** The id of the status line an action confirms itself in (see ActionStatus). */
export const statusId = (slot: string) => `concern-status-${slot}`;

/**
 * Says what was done, where it was done. A role="status" region must be on the page before its text
 * changes for a screen reader to announce it, so it is always rendered, empty until something is done.
 * It can take focus: when the action made its own form go away, focus lands here, not on <body>.
 */
export function ActionStatus({ slot }: { slot: string }) {
  const text = useAnnouncement(slot);
  return (
    <p id={statusId(slot)} role="status" tabIndex={-1} className="concern-status ds-paragraph" data-size="sm">
      {text}
    </p>
  );
}

/** After a refresh removed the focused control, give focus to the action's status line. */
export function keepFocusNear(slot: string) {
  requestAnimationFrame(() => {
    const active = document.activeElement;
    if (!active || active === document.body || !active.isConnected) document.getElementById(statusId(slot))?.focus();
  });
}

/**
 * One action: a small form that posts, says so in its status line, then refreshes the concern and the
 * inbox. `announce` runs before the refresh, so a status line that outlives the form (the next-step
 * card's) already holds its text when the form is replaced.
 */
export function ActionForm({
  title,
  slot,
  children,
  submit,
  label,
  doneText,
  onDone,
  status = true,
}: {
  title: string;
  slot: string;
  label: string;
  children: ReactNode;
  submit: () => Promise<unknown>;
  doneText: string;
  onDone?: () => void;
  /** False when the status line lives outside the form (it would go with it). */
  status?: boolean;
}) {
  const queryClient = useQueryClient();
  const announce = useAnnounce();
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: async () => {
      announce(slot, doneText);
      // After a forward the report belongs to another organisation: leave before refetching what we may no longer read.
      onDone?.();
      await queryClient.invalidateQueries({ queryKey: concernKeys.all });
      keepFocusNear(slot);
    },
  });
  return (
    <form
      aria-label={title}
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      {children}
      {mutation.error ? (
        <Alert data-color="danger" role="alert">
          {errorText(mutation.error)}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" aria-busy={mutation.isPending || undefined}>
          {label}
        </Button>
      </div>
      {status ? <ActionStatus slot={slot} /> : null}
    </form>
  );
}

export function Choice({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
}) {
  const { t } = useTranslation('inbox');
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
        <Select.Option value="">{t('actions.choose')}</Select.Option>
        {options.map((option) => (
          <Select.Option key={option.value} value={option.value}>
            {option.label}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );
}
