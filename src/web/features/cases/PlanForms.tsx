import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { ACTION_TYPES, ACTION_TYPE_NAMES, actionInputSchema, actionTypeSchema, goalInputSchema, type CaseDetail } from '../../../shared/cases';
import { FOLLOW_UP_DAYS, daysAfter, isoToday, nameOf } from './queries';
import { SelectField, TextareaField } from './fields';
import { useCaseMutation } from './useCaseMutation';

export function GoalForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const form = useAppForm(goalInputSchema, { defaultValues: { text: '' } });
  const add = useCaseMutation((values: unknown) => api(`/api/cases/${detail.id}/goals`, { method: 'POST', body: values }));
  return (
    <AppForm
      id="goal-form"
      form={form}
      aria-labelledby="goal-form-heading"
      onSubmit={async (values) => {
        await add.mutateAsync(values);
        form.reset({ text: '' });
      }}
    >
      <TextareaField name="text" label={t('plan.goalText')} rows={2} />
      <SubmitButton variant="secondary">{t('plan.addGoalSubmit')}</SubmitButton>
    </AppForm>
  );
}

/**
 * The form's own shape: selects give '' for "none", which the shared schema (uuid or null) would
 * refuse; the values are mapped to it, and checked by it, on submit.
 */
const actionFormSchema = z
  .object({
    goalId: z.string(),
    type: actionTypeSchema,
    responsible: z.string().min(1),
    what: z.string().trim().min(1).max(2000),
    startOn: z.iso.date(),
    dueOn: z.iso.date(),
  })
  .refine((value) => value.dueOn >= value.startOn, {
    path: ['dueOn'],
    message: 'before_start',
  });
type ActionFormValues = z.infer<typeof actionFormSchema>;

export function ActionForm({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const today = isoToday();
  // Defaults a coordinator would choose: the plan's goal when it has one, from today to the follow-up four weeks on.
  const empty: ActionFormValues = {
    goalId: detail.goals.length === 1 ? detail.goals[0]!.id : '',
    type: 'mentorskap',
    responsible: '',
    what: '',
    startOn: today,
    dueOn: daysAfter(today, FOLLOW_UP_DAYS),
  };
  const form = useAppForm(actionFormSchema, { defaultValues: empty });
  const add = useCaseMutation((values: unknown) => api(`/api/cases/${detail.id}/actions`, { method: 'POST', body: values }));
  // Responsible: a team member (their organisation goes with them), or an organisation of the team as a whole.
  const organisations = [...new Map(detail.members.map((member) => [member.organisationId, member.organisationName])).entries()];
  const responsibleOptions = [
    { value: '', label: t('choose') },
    ...detail.members.map((member) => ({
      value: `user:${member.userId}:${member.organisationId}`,
      label: `${member.name} (${member.organisationName})`,
    })),
    ...organisations.map(([id, name]) => ({
      value: `org:${id}`,
      label: t('plan.wholeOrganisation', { name }),
    })),
  ];
  return (
    <AppForm
      id="action-form"
      form={form}
      aria-labelledby="action-form-heading"
      onSubmit={async (values) => {
        const [kind, first, second] = values.responsible.split(':');
        const body = actionInputSchema.parse({
          goalId: values.goalId || null,
          type: values.type,
          responsibleOrganisationId: kind === 'user' ? second : first,
          responsibleUserId: kind === 'user' ? first : null,
          what: values.what,
          startOn: values.startOn,
          dueOn: values.dueOn,
        });
        await add.mutateAsync(body);
        form.reset(empty);
      }}
    >
      <div className="case-grid">
        <SelectField
          name="type"
          label={t('plan.type')}
          options={ACTION_TYPES.map((value) => ({
            value,
            label: nameOf(ACTION_TYPE_NAMES, value, language),
          }))}
        />
        <SelectField
          name="goalId"
          label={`${t('plan.goal')} ${t('optional')}`}
          options={[
            { value: '', label: t('plan.noGoal') },
            ...detail.goals.map((goal) => ({
              value: goal.id,
              label: goal.text,
            })),
          ]}
        />
      </div>
      <SelectField name="responsible" label={t('plan.responsible')} options={responsibleOptions} />
      <TextareaField name="what" label={t('plan.whatLabel')} rows={2} />
      <div className="case-grid">
        <TextField name="startOn" type="date" label={t('plan.startOn')} />
        <TextField name="dueOn" type="date" label={t('plan.dueOn')} description={t('plan.dueOnHelp')} />
      </div>
      <SubmitButton variant="secondary">{t('plan.addActionSubmit')}</SubmitButton>
    </AppForm>
  );
}
