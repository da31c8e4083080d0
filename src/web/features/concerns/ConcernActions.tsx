import { useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Heading, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api, isApiError } from '../../api/client';
import {
  CONCERN_PATHS,
  CLOSE_REASONS,
  CLOSE_REASON_NAMES,
  CONCERN_DECISIONS,
  CONCERN_DECISION_NAMES,
  PROTECTION_ASSESSMENTS,
  PROTECTION_ASSESSMENT_NAMES,
} from '../../../shared/concerns';
import type { ConcernDetail } from '../../../shared/concerns-triage';
import { assigneesQuery, concernKeys, forwardTargetsQuery, nameOf } from './queries';
import { LinkPersonSection } from './LinkPersonSection';

/** One action: a small form that posts, then refreshes the concern and the inbox. */
function ActionForm({
  id,
  title,
  children,
  submit,
  label,
  onDone,
}: {
  id: string;
  title: string;
  label: string;
  children: ReactNode;
  submit: () => Promise<unknown>;
  onDone?: () => void;
}) {
  const queryClient = useQueryClient();
  const mutation = useMutation({
    mutationFn: submit,
    onSuccess: async () => {
      // After a forward the report belongs to another organisation: leave before refetching what we may no longer read.
      onDone?.();
      await queryClient.invalidateQueries({ queryKey: concernKeys.all });
    },
  });
  const error = mutation.error;
  return (
    <form
      aria-labelledby={`${id}-heading`}
      className="stack"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate();
      }}
    >
      <Heading level={3} data-size="2xs" id={`${id}-heading`}>
        {title}
      </Heading>
      {children}
      {error ? (
        <Alert data-color="danger" role="alert">
          {isApiError(error) ? [error.message, ...Object.values(error.fields)].filter(Boolean).join(' ') : String(error)}
        </Alert>
      ) : null}
      <div>
        <Button type="submit" aria-busy={mutation.isPending || undefined}>
          {label}
        </Button>
      </div>
    </form>
  );
}

function Choice({
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

const post = (path: string, body: unknown) => api(path, { method: 'POST', body });
const optional = (note: string) => (note.trim() ? note.trim() : undefined);

/** The actions the server allows on this concern (its `abilities`), nothing else. */
export function ConcernActions({ concern }: { concern: ConcernDetail }) {
  const { t, i18n } = useTranslation('inbox');
  const language = i18n.language;
  const can = concern.abilities;
  const navigate = useNavigate();
  // After a person is linked the link form is gone; focus returns to the top of the actions.
  const actionsHeading = useRef<HTMLHeadingElement>(null);
  const base = `/api/concerns/${concern.id}`;
  const [assignee, setAssignee] = useState('');
  const [assessment, setAssessment] = useState('');
  const [assessmentNote, setAssessmentNote] = useState('');
  const [decision, setDecision] = useState('');
  const [decisionNote, setDecisionNote] = useState('');
  const [note, setNote] = useState('');
  const [target, setTarget] = useState('');
  const [legalBasis, setLegalBasis] = useState('');
  const [reason, setReason] = useState('');
  const assignees = useQuery({
    ...assigneesQuery(concern.id),
    enabled: Boolean(can.assign),
  });
  const targets = useQuery({
    ...forwardTargetsQuery(concern.id),
    enabled: Boolean(can.forward),
  });

  return (
    <section aria-labelledby="concern-actions-heading" className="concern-actions">
      <Heading level={2} data-size="sm" id="concern-actions-heading" ref={actionsHeading} tabIndex={-1}>
        {t('actions.heading')}
      </Heading>
      {can.assign ? (
        <ActionForm
          id="assign"
          title={t('actions.assign')}
          label={t('actions.assign')}
          submit={() =>
            post(`${base}/assign`, {
              userId: assignee === 'none' || !assignee ? null : assignee,
            })
          }
        >
          <Choice
            id="assign-user"
            label={t('actions.assignTo')}
            value={assignee}
            onChange={setAssignee}
            options={[
              { value: 'none', label: t('actions.assignNone') },
              ...(assignees.data?.assignees ?? []).map((user) => ({
                value: user.userId,
                label: user.name ?? user.userId,
              })),
            ]}
          />
        </ActionForm>
      ) : null}
      {can.assess ? (
        <ActionForm
          id="assess"
          title={t('actions.assessment')}
          label={t('actions.save')}
          submit={() =>
            post(`${base}/assessment`, {
              result: assessment,
              note: optional(assessmentNote),
            })
          }
        >
          <Choice
            id="assess-result"
            label={t('actions.assessmentResult')}
            value={assessment}
            onChange={setAssessment}
            options={PROTECTION_ASSESSMENTS.map((value) => ({
              value,
              label: nameOf(PROTECTION_ASSESSMENT_NAMES, value, language),
            }))}
          />
          <Textfield id="assess-note" label={t('actions.noteOptional')} multiline rows={3} value={assessmentNote} onChange={(event) => setAssessmentNote(event.target.value)} />
        </ActionForm>
      ) : null}
      {can.decide ? (
        <ActionForm id="decide" title={t('actions.decision')} label={t('actions.save')} submit={() => post(`${base}/decision`, { decision, note: optional(decisionNote) })}>
          <Choice
            id="decide-value"
            label={t('actions.decisionValue')}
            value={decision}
            onChange={setDecision}
            options={CONCERN_DECISIONS.map((value) => ({
              value,
              label: nameOf(CONCERN_DECISION_NAMES, value, language),
            }))}
          />
          <Textfield id="decide-note" label={t('actions.noteOptional')} multiline rows={3} value={decisionNote} onChange={(event) => setDecisionNote(event.target.value)} />
        </ActionForm>
      ) : null}
      {can.linkPerson && !concern.person ? <LinkPersonSection concernId={concern.id} onLinked={() => actionsHeading.current?.focus()} /> : null}
      {can.unlinkPerson && concern.person ? (
        <ActionForm id="unlink" title={t('actions.unlink')} label={t('actions.unlink')} submit={() => api(`${base}/person`, { method: 'DELETE' })}>
          {null}
        </ActionForm>
      ) : null}
      {can.addNote ? (
        <ActionForm
          id="note"
          title={t('actions.addNote')}
          label={t('actions.addNote')}
          submit={async () => {
            await post(`${base}/notes`, { body: note });
            setNote('');
          }}
        >
          <Textfield id="note-body" label={t('actions.note')} multiline rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
        </ActionForm>
      ) : null}
      {can.forward ? (
        <ActionForm
          id="forward"
          title={t('actions.forward')}
          label={t('actions.forward')}
          submit={() => post(`${base}/forward`, { organisationId: target, legalBasis })}
          onDone={() => void navigate(CONCERN_PATHS.inbox)}
        >
          <Choice
            id="forward-target"
            label={t('actions.forwardTo')}
            value={target}
            onChange={setTarget}
            options={(targets.data?.organisations ?? []).map((org) => ({
              value: org.id,
              label: org.name,
            }))}
          />
          <Textfield
            id="forward-legal-basis"
            label={t('actions.legalBasis')}
            description={t('actions.legalBasisHelp')}
            value={legalBasis}
            onChange={(event) => setLegalBasis(event.target.value)}
          />
        </ActionForm>
      ) : null}
      {can.close ? (
        <ActionForm id="close" title={t('actions.close')} label={t('actions.close')} submit={() => post(`${base}/close`, { reason })}>
          <Choice
            id="close-reason"
            label={t('actions.closeReason')}
            value={reason}
            onChange={setReason}
            options={CLOSE_REASONS.map((value) => ({
              value,
              label: nameOf(CLOSE_REASON_NAMES, value, language),
            }))}
          />
        </ActionForm>
      ) : null}
    </section>
  );
}
