import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { SelectField } from '../admin/SelectField';
import { TextareaField } from '../cases/fields';
import { DEFAULT_LEGAL_BASIS, KEY_PERSON_ROLES, keyPersonSchema, type KeyPerson, type KeyPersonInput, type KeyPersonRole } from '../../../shared/directory';
import { directoryKeys, directoryQuery } from './queries';
import { DIRECTORY_PATHS, directoryOrganisationPath } from './paths';
import './directory.css';

/** Adds (`/katalog/ny`) or edits (`/katalog/nyckelperson/:id`) a key person; administrators and coordinators only. */
export default function KeyPersonPage() {
  const { t } = useTranslation('directory');
  const { keyPersonId } = useParams();
  const [params] = useSearchParams();
  const isNew = keyPersonId === undefined;
  const directory = useQuery(directoryQuery({}));
  const person = directory.data?.organisations.flatMap((org) => org.keyPersons).find((p) => p.id === keyPersonId) ?? null;
  const title = isNew ? t('form.newTitle') : (person?.name ?? t('form.editTitle'));
  const allowed = isNew ? directory.data?.abilities.create : person?.abilities.update;

  return (
    <Page title={title} width="narrow">
      <Link asChild>
        <RouterLink to={DIRECTORY_PATHS.list}>{t('back')}</RouterLink>
      </Link>
      {directory.isPending ? (
        <PageLoading />
      ) : directory.isError ? (
        <QueryError error={directory.error} onRetry={() => void directory.refetch()} />
      ) : (!isNew && !person) || !allowed ? (
        <Alert data-color="warning">{t('form.notAllowed')}</Alert>
      ) : (
        <KeyPersonForm key={person?.updatedAt ?? 'new'} person={person} organisations={directory.data.allOrganisations} organisationId={params.get('organisation') ?? ''} />
      )}
    </Page>
  );
}

const formSchema = z.object({
  organisationId: z.string().min(1),
  name: z.string().trim().min(2).max(200),
  role: z.string(),
  roleOther: z.string(),
  phone: z.string(),
  email: z.string(),
  forums: z.string(),
  legalBasis: z.string().trim().min(5).max(500),
});
type FormValues = z.infer<typeof formSchema>;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

function inputOf(values: FormValues): KeyPersonInput {
  return {
    organisationId: values.organisationId,
    name: values.name.trim(),
    role: values.role as KeyPersonRole,
    roleOther: values.role === 'annan' ? orNull(values.roleOther) : null,
    phone: orNull(values.phone),
    email: orNull(values.email),
    forums: values.forums
      .split(/[\n,]/)
      .map((forum) => forum.trim())
      .filter((forum) => forum !== ''),
    legalBasis: values.legalBasis.trim(),
  };
}

function KeyPersonForm({ person, organisations, organisationId }: { person: KeyPerson | null; organisations: { id: string; name: string }[]; organisationId: string }) {
  const { t } = useTranslation('directory');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useAppForm(formSchema, {
    defaultValues: {
      organisationId: person?.organisationId ?? organisationId,
      name: person?.name ?? '',
      role: person?.role ?? 'anmalningsansvarig',
      roleOther: person?.roleOther ?? '',
      phone: person?.phone ?? '',
      email: person?.email ?? '',
      forums: person?.forums.join('\n') ?? '',
      legalBasis: person?.legalBasis ?? DEFAULT_LEGAL_BASIS,
    },
  });
  const role = form.watch('role');
  const save = useMutation({
    mutationFn: (values: FormValues) => {
      const body = inputOf(values);
      return person
        ? api(`/api/directory/key-persons/${person.id}`, { method: 'PUT', body, schema: keyPersonSchema })
        : api('/api/directory/key-persons', { method: 'POST', body, schema: keyPersonSchema });
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: directoryKeys.all });
      void navigate(directoryOrganisationPath(saved.organisationId));
    },
  });
  const remove = useMutation({
    mutationFn: () => api(`/api/directory/key-persons/${person!.id}`, { method: 'DELETE' }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: directoryKeys.all });
      void navigate(DIRECTORY_PATHS.list);
    },
  });

  return (
    <>
      <Paragraph data-size="sm">{t('form.intro')}</Paragraph>
      <AppForm id="key-person" form={form} onSubmit={(values) => save.mutateAsync(values)}>
        <SelectField name="organisationId" label={t('form.organisation')} options={[{ value: '', label: t('form.chooseOrganisation') }, ...organisations.map((org) => ({ value: org.id, label: org.name }))]} />
        <TextField name="name" label={t('person.name')} autoComplete="off" />
        <SelectField name="role" label={t('person.role')} options={KEY_PERSON_ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))} />
        {role === 'annan' && <TextField name="roleOther" label={t('form.roleOther')} />}
        <TextField name="phone" type="tel" label={t('form.phone')} optional />
        <TextField name="email" type="email" label={t('form.email')} description={t('form.contactHelp')} optional />
        <TextareaField name="forums" label={t('form.forums')} optional rows={2} />
        <Paragraph data-size="sm">{t('form.forumsHelp')}</Paragraph>
        <TextareaField name="legalBasis" label={t('person.legalBasis')} rows={3} />
        <SubmitButton>{person ? t('form.save') : t('form.add')}</SubmitButton>
      </AppForm>
      {person && (
        <div className="directory-actions">
          <Button variant="secondary" data-color="danger" onClick={() => remove.mutate()} aria-busy={remove.isPending || undefined}>
            {t('form.remove', { name: person.name })}
          </Button>
          {remove.isError && <Alert data-color="danger">{t('form.removeFailed')}</Alert>}
        </div>
      )}
    </>
  );
}
