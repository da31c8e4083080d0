import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Button, Dialog, Field, Heading, Label, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { roleName } from '../../app/role-names';
import { ROLES, type Role } from '../../../shared/roles';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { TableRegion } from '../admin/TableRegion';
import { addMemberInputSchema, type CaseDetail } from '../../../shared/cases';
import { AddPanel } from './AddPanel';
import { sectionHeadingId, useConfirmDialog } from './dialog-focus';
import { candidatesQuery, organisationsQuery } from './queries';
import { SelectField } from './fields';
import { ActionError, HiddenNotice, SectionCard, accessOf, sees } from './parts';
import { useCaseMutation } from './useCaseMutation';
import { organisationsToSuggest, rankCandidates } from './team-suggestions';

/** Översikt och team: who works on the case, from which organisation and in what role; the guardians' part. */
export function TeamSection({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const [removing, setRemoving] = useState<CaseDetail['members'][number] | null>(null);
  const dialog = useConfirmDialog();
  const remove = useCaseMutation(
    (memberId: string) => api(`/api/cases/${detail.id}/members/${memberId}`, { method: 'DELETE' }),
    // The removed member's row (and its button) is gone: focus the team's heading.
    () => dialog.finish(sectionHeadingId('case-team')),
  );
  const guardian = useCaseMutation((body: { guardianId: string; participates: boolean }) => api(`/api/cases/${detail.id}/guardians`, { method: 'PUT', body }));

  if (!sees(detail, 'summary')) {
    return (
      <SectionCard id="case-team" title={t('team.heading')}>
        <HiddenNotice access={accessOf(detail, 'summary')} what={t('team.what')} />
      </SectionCard>
    );
  }
  return (
    <SectionCard id="case-team" title={t('team.heading')}>
      {detail.members.length === 0 ? (
        <Paragraph>{t('team.none')}</Paragraph>
      ) : (
        <TableRegion label={t('team.heading')}>
          <Table data-size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('team.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('team.caseRole')}</Table.HeaderCell>
                <Table.HeaderCell>{t('team.organisation')}</Table.HeaderCell>
                {detail.abilities.removeMember ? <Table.HeaderCell>{t('team.actions')}</Table.HeaderCell> : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {detail.members.map((member) => (
                <Table.Row key={member.id}>
                  <Table.Cell>
                    {member.name} {member.userId === detail.directorUserId ? <Tag data-size="sm">{t('team.director')}</Tag> : null}
                  </Table.Cell>
                  <Table.Cell>{member.caseRole}</Table.Cell>
                  <Table.Cell>{member.organisationName}</Table.Cell>
                  {detail.abilities.removeMember ? (
                    <Table.Cell>
                      {member.userId !== detail.directorUserId ? (
                        <Button
                          variant="tertiary"
                          data-size="sm"
                          onClick={() => {
                            remove.reset();
                            setRemoving(member);
                            dialog.open();
                          }}
                        >
                          {t('team.remove', { name: member.name })}
                        </Button>
                      ) : null}
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      )}
      {detail.abilities.removeMember ? (
        <Dialog ref={dialog.ref} onClose={dialog.onClose} closeButton={t('team.removeCancel')} aria-labelledby="remove-member-heading">
          <div className="stack">
            <Heading level={2} data-size="xs" id="remove-member-heading">
              {t('team.removeHeading', { name: removing?.name ?? '' })}
            </Heading>
            <Paragraph>
              <strong>{t('team.removeConsequence', { name: removing?.name ?? '', organisation: removing?.organisationName ?? '' })}</strong>
            </Paragraph>
            <ActionError error={remove.error} />
            <div className="case-buttons">
              <Button data-color="danger" aria-busy={remove.isPending || undefined} onClick={() => removing && !remove.isPending && remove.mutate(removing.id)}>
                {t('team.removeConfirm')}
              </Button>
            </div>
          </div>
        </Dialog>
      ) : null}
      {detail.abilities.addMember ? <TeamSuggestions detail={detail} /> : null}
      {detail.abilities.addMember ? (
        <AddPanel labelId="add-member-heading" label={t('team.add')}>
          <AddMemberForm detail={detail} />
        </AddPanel>
      ) : null}
      <Heading level={3} data-size="2xs">
        {t('guardians.heading')}
      </Heading>
      {detail.guardians.length === 0 ? (
        <Paragraph data-size="sm">{t('guardians.none')}</Paragraph>
      ) : (
        <ul className="cases-plain-list">
          {detail.guardians.map((entry) => (
            <li key={entry.guardianId} className="cases-row">
              <span>
                {entry.name}: {entry.participates === null ? t('guardians.unknown') : entry.participates ? t('guardians.participates') : t('guardians.declines')}
              </span>
              {detail.abilities.setGuardians ? (
                <span className="case-buttons">
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    onClick={() =>
                      guardian.mutate({
                        guardianId: entry.guardianId,
                        participates: true,
                      })
                    }
                  >
                    {t('guardians.markParticipates', { name: entry.name })}
                  </Button>
                  <Button
                    variant="tertiary"
                    data-size="sm"
                    onClick={() =>
                      guardian.mutate({
                        guardianId: entry.guardianId,
                        participates: false,
                      })
                    }
                  >
                    {t('guardians.markDeclines', { name: entry.name })}
                  </Button>
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <ActionError error={guardian.error} />
    </SectionCard>
  );
}

/** Invite a colleague from an organisation. The server asks the engine; its "no" lands on the field. */
function AddMemberForm({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const organisations = useQuery(organisationsQuery());
  const form = useAppForm(addMemberInputSchema, {
    defaultValues: { organisationId: '', userId: '', caseRole: '' },
  });
  const add = useCaseMutation((values: { organisationId: string; userId: string; caseRole: string }) => api(`/api/cases/${detail.id}/members`, { method: 'POST', body: values }));
  return (
    <AppForm
      id="add-member"
      form={form}
      aria-labelledby="add-member-heading"
      onSubmit={async (values) => {
        await add.mutateAsync(values);
        form.reset({ organisationId: '', userId: '', caseRole: '' });
      }}
    >
      <SelectField
        name="organisationId"
        label={t('team.organisation')}
        options={[
          { value: '', label: t('choose') },
          ...(organisations.data?.organisations ?? []).map((organisation) => ({
            value: organisation.id,
            label: organisation.name,
          })),
        ]}
      />
      <CandidateField caseId={detail.id} />
      <TextField name="caseRole" label={t('team.caseRole')} description={t('team.caseRoleHelp')} />
      <SubmitButton variant="secondary">{t('team.addSubmit')}</SubmitButton>
    </AppForm>
  );
}

function CandidateField({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation('cases');
  const organisationId = useWatch({ name: 'organisationId' }) as string;
  const candidates = useQuery({ ...candidatesQuery(caseId, organisationId), enabled: Boolean(organisationId) });
  const options = (candidates.data?.candidates ?? []).map((candidate) => ({
    value: candidate.userId,
    label: `${candidate.name} (${candidate.roles.map((role) => (isRole(role) ? roleName(role, i18n.language) : role)).join(', ')})`,
  }));
  return (
    <>
      <SelectField name="userId" label={t('team.person')} options={[{ value: '', label: organisationId ? t('choose') : t('team.chooseOrganisationFirst') }, ...options]} />
      {organisationId && candidates.isSuccess && options.length === 0 ? <Paragraph data-size="sm">{t('team.noCandidates')}</Paragraph> : null}
      {candidates.isError ? <ActionError error={candidates.error} /> : null}
    </>
  );
}

const isRole = (value: string): value is Role => value in ROLES;

/**
 * "Förslag från samtycket": each organisation the consent in force names and nobody on the team is
 * from, with the colleague who usually does the work there chosen already (another is one choice away)
 * and their role as the role in the case. One click invites them; the engine still decides.
 * Before the consent is in force, the section says the team waits for it.
 */
function TeamSuggestions({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation('cases');
  const organisations = organisationsToSuggest(detail);
  if (!detail.consent || detail.consent.status === 'awaiting_parties' || detail.consent.status === 'not_yet_valid') {
    return <Paragraph data-size="sm">{t('team.waitsForConsent')}</Paragraph>;
  }
  if (organisations.length === 0) return null;
  return (
    <section aria-labelledby="team-suggestions-heading" className="stack" data-testid="team-suggestions">
      <Heading level={3} data-size="2xs" id="team-suggestions-heading">
        {t('team.suggestions')}
      </Heading>
      <ul className="cases-plain-list">
        {organisations.map((organisation) => (
          <li key={organisation.id}>
            <Suggestion caseId={detail.id} organisation={organisation} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function Suggestion({ caseId, organisation }: { caseId: string; organisation: { id: string; name: string } }) {
  const { t, i18n } = useTranslation('cases');
  const candidates = useQuery(candidatesQuery(caseId, organisation.id));
  const ranked = rankCandidates(candidates.data?.candidates ?? []);
  const [chosen, setChosen] = useState('');
  const add = useCaseMutation((body: { organisationId: string; userId: string; caseRole: string }) => api(`/api/cases/${caseId}/members`, { method: 'POST', body }));
  if (candidates.isPending) return null;
  if (candidates.isError) return <ActionError error={candidates.error} />;
  if (ranked.length === 0) return <Paragraph data-size="sm">{t('team.suggestionNone', { organisation: organisation.name })}</Paragraph>;
  const pick = ranked.find((entry) => entry.candidate.userId === chosen) ?? ranked[0]!;
  const selectId = `suggestion-${organisation.id}`;
  return (
    <div className="cases-row">
      <Field>
        <Label htmlFor={selectId}>{t('team.suggestionPerson', { organisation: organisation.name })}</Label>
        <Select id={selectId} value={pick.candidate.userId} onChange={(event) => setChosen(event.target.value)}>
          {ranked.map((entry) => (
            <Select.Option key={entry.candidate.userId} value={entry.candidate.userId}>
              {`${entry.candidate.name} (${roleName(entry.role, i18n.language)})`}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <Button
        variant="secondary"
        data-size="sm"
        aria-busy={add.isPending || undefined}
        onClick={() => !add.isPending && add.mutate({ organisationId: organisation.id, userId: pick.candidate.userId, caseRole: roleName(pick.role, i18n.language) })}
      >
        {t('team.suggestionAdd', { name: pick.candidate.name })}
      </Button>
      <ActionError error={add.error} />
    </div>
  );
}
