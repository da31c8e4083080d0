import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading, Link, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { organisationInputSchema, organisationSchema, ORGANISATION_TYPES, type OrganisationInput } from '../../../shared/organisations';
import { organisationTypeName } from '../../app/role-names';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { adminKeys, adminPaths, organisationsQuery } from './queries';
import { SelectField } from './SelectField';
import { CheckboxField } from './CheckboxField';
import { TableRegion } from './TableRegion';

export function OrganisationsSection() {
  const { t, i18n } = useTranslation('admin');
  const organisations = useQuery(organisationsQuery());

  return (
    <section aria-labelledby="organisations-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="organisations-heading">
        {t('organisations.heading')}
      </Heading>
      {organisations.isPending ? (
        <PageLoading />
      ) : organisations.isError ? (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : (
        <>
          {organisations.data.organisations.length === 0 ? (
            <EmptyState title={t('organisations.emptyTitle')}>{t('organisations.empty')}</EmptyState>
          ) : (
            <TableRegion label={t('organisations.tableLabel')}>
              <Table zebra data-size="sm">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t('organisations.name')}</TableHeaderCell>
                    <TableHeaderCell>{t('organisations.type')}</TableHeaderCell>
                    <TableHeaderCell>{t('organisations.authority')}</TableHeaderCell>
                    <TableHeaderCell>{t('organisations.status')}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {organisations.data.organisations.map((organisation) => (
                    <TableRow key={organisation.id}>
                      <TableCell>
                        {organisation.abilities.update ? (
                          <Link asChild>
                            <RouterLink to={adminPaths.organisation(organisation.id)}>{organisation.name}</RouterLink>
                          </Link>
                        ) : (
                          organisation.name
                        )}
                      </TableCell>
                      <TableCell>{organisationTypeName(organisation.type, i18n.language)}</TableCell>
                      <TableCell>{organisation.isAuthority ? t('yes') : t('no')}</TableCell>
                      <TableCell>
                        <ActiveTag active={organisation.active} />
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableRegion>
          )}
          {organisations.data.abilities.create && <NewOrganisationForm />}
        </>
      )}
    </section>
  );
}

export function ActiveTag({ active }: { active: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <Tag data-color={active ? 'success' : 'neutral'} data-size="sm">
      {active ? t('active') : t('inactive')}
    </Tag>
  );
}

export function organisationTypeOptions(language: string) {
  return ORGANISATION_TYPES.map((type) => ({ value: type, label: organisationTypeName(type, language) }));
}

function NewOrganisationForm() {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const form = useAppForm(organisationInputSchema, { defaultValues: { name: '', type: 'skola', isAuthority: true } });
  const create = useMutation({
    mutationFn: (values: OrganisationInput) => api('/api/organisations', { method: 'POST', body: values, schema: organisationSchema }),
    onSuccess: async () => {
      form.reset();
      await queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  return (
    <div className="stack">
      <Heading level={3} data-size="xs" id="new-organisation-heading">
        {t('organisations.createHeading')}
      </Heading>
      <AppForm id="new-organisation" form={form} onSubmit={(values) => create.mutateAsync(values)} aria-labelledby="new-organisation-heading">
        <div className="form-row">
          <TextField name="name" label={t('organisations.name')} />
          <SelectField name="type" label={t('organisations.type')} options={organisationTypeOptions(i18n.language)} />
        </div>
        <CheckboxField name="isAuthority" label={t('organisations.isAuthority')} description={t('organisations.isAuthorityHelp')} />
        <SubmitButton>{t('organisations.create')}</SubmitButton>
      </AppForm>
      {create.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {t('organisations.created', { name: create.data.name })}
        </Paragraph>
      )}
    </div>
  );
}
