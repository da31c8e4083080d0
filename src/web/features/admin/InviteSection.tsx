import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { inviteInputSchema, inviteResultSchema, type InviteInput } from '../../../shared/users';
import { ROLE_KEYS } from '../../../shared/roles';
import { roleName } from '../../app/role-names';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { adminKeys, organisationsQuery } from './queries';
import { SelectField } from './SelectField';
import { InvitationSent } from './InvitationSent';

export function roleOptions(language: string) {
  return ROLE_KEYS.map((role) => ({ value: role, label: roleName(role, language) }));
}

/** Active organisations for a select; an inactive one cannot take new members. */
export function useOrganisationOptions() {
  const organisations = useQuery(organisationsQuery());
  const options = (organisations.data?.organisations ?? [])
    .filter((organisation) => organisation.active)
    .map((organisation) => ({ value: organisation.id, label: organisation.name }));
  return { options, query: organisations };
}

/** Invite a person: a new account (or an existing one from another tenant) and a membership here. */
export function InviteSection() {
  const { options, query } = useOrganisationOptions();
  if (query.isPending) return <PageLoading />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <InviteForm organisationOptions={options} />;
}

function InviteForm({ organisationOptions }: { organisationOptions: { value: string; label: string }[] }) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const form = useAppForm(inviteInputSchema, {
    defaultValues: { email: '', name: '', organisationId: organisationOptions[0]?.value ?? '', role: 'handlaggare' },
  });
  const invite = useMutation({
    mutationFn: (values: InviteInput) => api('/api/admin/users', { method: 'POST', body: values, schema: inviteResultSchema }),
    onSuccess: async () => {
      form.reset({ ...form.getValues(), email: '', name: '' });
      await queryClient.invalidateQueries({ queryKey: adminKeys.users() });
    },
  });

  return (
    <div className="stack">
      <Heading level={3} data-size="xs" id="invite-heading">
        {t('invite.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('invite.intro')}</Paragraph>
      <AppForm id="invite" form={form} onSubmit={(values) => invite.mutateAsync(values)} aria-labelledby="invite-heading">
        <div className="form-row">
          <TextField name="name" label={t('users.name')} autoComplete="off" />
          <TextField name="email" type="email" label={t('users.email')} autoComplete="off" spellCheck={false} />
        </div>
        <div className="form-row">
          <SelectField name="organisationId" label={t('users.organisation')} options={organisationOptions} />
          <SelectField name="role" label={t('users.role')} options={roleOptions(i18n.language)} />
        </div>
        <SubmitButton>{t('invite.submit')}</SubmitButton>
      </AppForm>
      {invite.isSuccess && <InvitationSent name={invite.data.user.name} email={invite.data.user.email} />}
    </div>
  );
}
