import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { organisationTypeName } from '../../app/role-names';
import type { DirectoryOrganisation } from '../../../shared/directory';
import { directoryKeys, directoryQuery } from './queries';
import { DIRECTORY_PATHS } from './paths';
import { KeyPersonList } from './KeyPersonList';
import './directory.css';

/** One organisation in the directory: its key persons and, for a business or association, its organisationsnummer. */
export default function DirectoryOrganisationPage() {
  const { t, i18n } = useTranslation('directory');
  const { organisationId = '' } = useParams();
  const directory = useQuery(directoryQuery({ organisationId }));
  const org = directory.data?.organisations[0];
  return (
    <Page title={org?.name ?? t('organisation.title')} width="default">
      <Link asChild>
        <RouterLink to={DIRECTORY_PATHS.list}>{t('back')}</RouterLink>
      </Link>
      {directory.isPending ? (
        <PageLoading />
      ) : directory.isError ? (
        <QueryError error={directory.error} onRetry={() => void directory.refetch()} />
      ) : !org ? (
        <Alert data-color="warning">{t('organisation.notFound')}</Alert>
      ) : (
        <>
          <Paragraph>
            {organisationTypeName(org.type, i18n.language)}
            {org.organisationNumber && ` · ${t('organisation.number')} ${org.organisationNumber}`}
          </Paragraph>
          <Heading level={2} data-size="xs">
            {t('organisation.keyPersons')}
          </Heading>
          <KeyPersonList persons={org.keyPersons} />
          {directory.data.abilities.create && (
            <Paragraph>
              <Link asChild>
                <RouterLink to={`${DIRECTORY_PATHS.newKeyPerson}?organisation=${encodeURIComponent(org.id)}`}>{t('organisation.addHere', { name: org.name })}</RouterLink>
              </Link>
            </Paragraph>
          )}
          {org.takesOrganisationNumber && org.abilities.update && <OrganisationNumberForm org={org} />}
        </>
      )}
    </Page>
  );
}

const numberFormSchema = z.object({ organisationNumber: z.string().trim().max(20) });

function OrganisationNumberForm({ org }: { org: DirectoryOrganisation }) {
  const { t } = useTranslation('directory');
  const queryClient = useQueryClient();
  const form = useAppForm(numberFormSchema, { defaultValues: { organisationNumber: org.organisationNumber ?? '' } });
  const save = useMutation({
    mutationFn: (values: z.infer<typeof numberFormSchema>) =>
      api(`/api/directory/organisations/${org.id}/organisation-number`, { method: 'PUT', body: { organisationNumber: values.organisationNumber === '' ? null : values.organisationNumber } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: directoryKeys.all }),
  });
  return (
    <AppForm id="organisation-number" form={form} onSubmit={(values) => save.mutateAsync(values)}>
      <Heading level={2} data-size="xs">
        {t('organisation.numberHeading')}
      </Heading>
      <TextField name="organisationNumber" label={t('organisation.number')} description={t('organisation.numberHelp')} inputMode="numeric" optional />
      {save.isSuccess && (
        <Paragraph role="status" data-size="sm">
          {t('organisation.numberSaved')}
        </Paragraph>
      )}
      <SubmitButton>{t('organisation.saveNumber')}</SubmitButton>
    </AppForm>
  );
}
