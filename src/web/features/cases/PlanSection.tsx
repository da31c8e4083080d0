import { useState } from 'react';
import { Button, Details, Field, Heading, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { TableRegion } from '../admin/TableRegion';
import { ACTION_STATUSES, ACTION_STATUS_NAMES, ACTION_TYPE_NAMES, type ActionStatus, type CaseAction, type CaseDetail } from '../../../shared/cases';
import { nameOf } from './queries';
import { ActionError, HiddenNotice, SectionCard, accessOf, sees } from './parts';
import { useCaseMutation } from './useCaseMutation';
import { ActionForm, GoalForm } from './PlanForms';
import { AddPanel } from './AddPanel';
import { ActionMentor } from '../mentors/ActionMentor';
import { ActionReferrals } from '../referrals/ActionReferrals';

const STATUS_COLOURS = {
  planerad: 'info',
  pagar: 'accent',
  klar: 'success',
  avbruten: 'neutral',
} as const;

/**
 * Åtagandeplan: goals and who does what by when. A member whose organisation may not see the plan
 * (an association mentor) sees only the actions assigned to them, as "Mina insatser".
 */
export function PlanSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const fullPlan = sees(detail, 'plan');
  const ownOnly = !fullPlan && sees(detail, 'actions_own');
  if (!fullPlan && !ownOnly) {
    return (
      <SectionCard id="case-plan" title={t('plan.heading')}>
        <HiddenNotice access={accessOf(detail, 'plan')} what={t('plan.what')} />
      </SectionCard>
    );
  }
  return (
    <SectionCard
      id="case-plan"
      title={fullPlan ? t('plan.heading') : t('plan.ownHeading')}
      actions={
        detail.abilities.exportPlan ? (
          <Link href={`/api/cases/${detail.id}/plan.pdf`} target="_blank" rel="noopener">
            {t('plan.pdf')}
          </Link>
        ) : null
      }
    >
      {ownOnly ? <HiddenNotice access={accessOf(detail, 'plan')} what={t('plan.what')} /> : null}
      {fullPlan ? (
        <>
          <Heading level={3} data-size="2xs">
            {t('plan.goals')}
          </Heading>
          {detail.goals.length === 0 ? (
            <Paragraph data-size="sm">{t('plan.noGoals')}</Paragraph>
          ) : (
            <ol>
              {detail.goals.map((goal) => (
                <li key={goal.id} className="case-text">
                  {goal.text}
                </li>
              ))}
            </ol>
          )}
          {detail.abilities.addGoal ? (
            // The plan's first step is open when the plan has no goal yet.
            <AddPanel labelId="goal-form-heading" label={t('plan.addGoal')} defaultOpen={detail.goals.length === 0}>
              <GoalForm detail={detail} />
            </AddPanel>
          ) : null}
        </>
      ) : null}
      <Heading level={3} data-size="2xs">
        {t('plan.actions')}
      </Heading>
      {detail.actions.length === 0 ? <Paragraph data-size="sm">{t('plan.noActions')}</Paragraph> : <ActionsTable detail={detail} />}
      {fullPlan && detail.abilities.addAction ? (
        // Open once the plan has its goal and no action yet (mounted anew when the goal comes, to open then).
        <AddPanel key={detail.goals.length} labelId="action-form-heading" label={t('plan.addAction')} defaultOpen={detail.goals.length > 0 && detail.actions.length === 0}>
          {/* Mounted anew with it, so the plan's only goal is chosen already. */}
          <ActionForm detail={detail} />
        </AddPanel>
      ) : null}
    </SectionCard>
  );
}

function ActionsTable({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  return (
    <TableRegion label={t('plan.actions')}>
      <Table data-size="sm">
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('plan.whatColumn')}</Table.HeaderCell>
            <Table.HeaderCell>{t('plan.responsible')}</Table.HeaderCell>
            <Table.HeaderCell>{t('plan.period')}</Table.HeaderCell>
            <Table.HeaderCell>{t('plan.status')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {detail.actions.map((action) => (
            <Table.Row key={action.id}>
              <Table.Cell>
                <strong>{nameOf(ACTION_TYPE_NAMES, action.type, language)}</strong>
                <div className="case-text">{action.what}</div>
                {action.type === 'mentorskap' ? <ActionMentor caseId={detail.id} actionId={action.id} /> : null}
                {/* Referrals to offers (issue 15 §4) belong to the plan: shown to those who see it. */}
                {sees(detail, 'plan') ? <ActionReferrals detail={detail} action={action} /> : null}
              </Table.Cell>
              <Table.Cell>{[action.responsibleOrganisationName, action.responsibleUserName].filter(Boolean).join(', ')}</Table.Cell>
              <Table.Cell>
                {t('plan.range', {
                  from: format.date(action.startOn),
                  to: format.date(action.dueOn),
                })}
              </Table.Cell>
              <Table.Cell>
                <div className="cases-row">
                  <Tag data-color={STATUS_COLOURS[action.status]} data-size="sm">
                    {nameOf(ACTION_STATUS_NAMES, action.status, language)}
                  </Tag>
                  {action.overdue ? (
                    <Tag data-color="danger" data-size="sm">
                      {t('plan.overdue')}
                    </Tag>
                  ) : null}
                </div>
                {action.abilities.updateStatus ? (
                  <Details className="case-add case-add--inline">
                    <Details.Summary>
                      {t('plan.changeStatusOpen')}
                      <span className="visually-hidden"> {t('plan.changeStatusFor', { what: nameOf(ACTION_TYPE_NAMES, action.type, language) })}</span>
                    </Details.Summary>
                    <Details.Content>
                      <StatusChanger caseId={detail.id} action={action} />
                    </Details.Content>
                  </Details>
                ) : null}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </TableRegion>
  );
}

/** A member reports progress on an action they are responsible for. */
function StatusChanger({ caseId, action }: { caseId: string; action: CaseAction }) {
  const { t, i18n } = useTranslation('cases');
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const save = useCaseMutation((next: ActionStatus) =>
    api(`/api/cases/${caseId}/actions/${action.id}`, {
      method: 'PATCH',
      body: { status: next },
    }),
  );
  const id = `action-status-${action.id}`;
  return (
    <form
      className="case-inline-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(status);
      }}
    >
      <Field data-size="sm">
        <Label htmlFor={id}>
          {t('plan.changeStatus', {
            what: nameOf(ACTION_TYPE_NAMES, action.type, i18n.language),
          })}
        </Label>
        <Select id={id} value={status} onChange={(event) => setStatus(event.target.value as ActionStatus)}>
          {ACTION_STATUSES.map((value) => (
            <Select.Option key={value} value={value}>
              {nameOf(ACTION_STATUS_NAMES, value, i18n.language)}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Button type="submit" variant="secondary" data-size="sm" aria-busy={save.isPending || undefined}>
        {t('plan.saveStatus')}
      </Button>
      <ActionError error={save.error} />
    </form>
  );
}
