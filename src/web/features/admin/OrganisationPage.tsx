import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { paths } from '../../app/paths';
import { organisationInputSchema, organisationSchema, type Organisation, type OrganisationInput } from '../../../shared/organisations';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { adminKeys, organisationQuery } from './queries';
import { SelectField } from './SelectField';
import { CheckboxField } from './CheckboxField';
import { ActiveTag, organisationTypeOptions } from './OrganisationsSection';
import './admin.css';

/** Edit one organisation: its name, type and authority flag; deactivate or reactivate it. */
export default function OrganisationPage() {
  const { t } = useTranslation('admin');
  const { organisationId = '' } = useParams();
  const organisation = useQuery(organisationQuery(organisationId));
  const title = organisation.data?.name ?? t('organisation.title');
  return (
    <Page title={title} width="narrow">
      <Link asChild>
        <RouterLink to={paths.admin}>{t('back')}</RouterLink>
      </Link>
      {organisation.isPending ? (
        <PageLoading />
      ) : organisation.isError ? (
        <QueryError error={organisation.error} onRetry={() => void organisation.refetch()} />
      ) : (
        <OrganisationEditor organisation={organisation.data} />
      )}
    </Page>
  );
}

function OrganisationEditor({ organisation }: { organisation: Organisation }) {
  const { t, i18n } = useTranslation('admin');
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: adminKeys.all });
  const form = useAppForm(organisationInputSchema, {
    defaultValues: { name: organisation.name, type: organisation.type, isAuthority: organisation.isAuthority },
  });
  const save = useMutation({
    mutationFn: (values: OrganisationInput) => api(`/api/organisations/${organisation.id}`, { method: 'PATCH', body: values, schema: organisationSchema }),
    onSuccess: refresh,
  });
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<'deactivate' | 'reactivate' | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const toggle = useMutation({
    mutationFn: (action: 'deactivate' | 'reactivate') => api(`/api/organisations/${organisation.id}/${action}`, { method: 'POST', schema: organisationSchema }),
    onSuccess: async (_result, action) => {
      setDone(action);
      setConfirming(false);
      await refresh();
      // The button pressed is replaced by its opposite: focus goes to the line that says what was done.
      requestAnimationFrame(() => {
        if (document.activeElement === document.body || !document.activeElement?.isConnected) status.current?.focus();
      });
    },
  });

  return (
    <>
      <Paragraph>
        {t('organisations.status')}: <ActiveTag active={organisation.active} />
      </Paragraph>
      {organisation.abilities.update && (
        <AppForm id="edit-organisation" form={form} onSubmit={(values) => save.mutateAsync(values)}>
          <TextField name="name" label={t('organisations.name')} />
          <SelectField name="type" label={t('organisations.type')} options={organisationTypeOptions(i18n.language)} />
          <CheckboxField name="isAuthority" label={t('organisations.isAuthority')} description={t('organisations.isAuthorityHelp')} />
          <SubmitButton>{t('save')}</SubmitButton>
          {save.isSuccess && !form.formState.isDirty && (
            <Paragraph role="status" data-size="sm">
              {t('saved')}
            </Paragraph>
          )}
        </AppForm>
      )}
      <section aria-labelledby="organisation-status-heading" className="admin-section">
        <Heading level={2} data-size="xs" id="organisation-status-heading">
          {t('organisation.statusHeading')}
        </Heading>
        <Paragraph data-size="sm">{organisation.active ? t('organisation.deactivateHelp') : t('organisation.reactivateHelp')}</Paragraph>
        {organisation.active && organisation.abilities.deactivate && (
          <div>
            <Button
              ref={opener}
              variant="secondary"
              data-color="danger"
              onClick={() => {
                toggle.reset();
                setConfirming(true);
              }}
            >
              {t('organisation.deactivate')}
            </Button>
          </div>
        )}
        {!organisation.active && organisation.abilities.reactivate && (
          <div>
            <Button variant="secondary" aria-busy={toggle.isPending || undefined} onClick={() => toggle.mutate('reactivate')}>
              {t('organisation.reactivate')}
            </Button>
          </div>
        )}
        {toggle.isError && !confirming && <QueryError error={toggle.error} />}
        <Paragraph ref={status} role="status" tabIndex={-1} data-size="sm">
          {done === 'deactivate'
            ? t('organisation.deactivatedStatus', { name: organisation.name })
            : done === 'reactivate'
              ? t('organisation.reactivatedStatus', { name: organisation.name })
              : null}
        </Paragraph>
        <ConfirmDialog
          open={confirming}
          title={t('organisation.deactivateConfirm.title', { name: organisation.name })}
          confirmLabel={t('organisation.deactivateConfirm.confirm')}
          cancelLabel={t('organisation.deactivateConfirm.cancel')}
          pending={toggle.isPending}
          error={toggle.isError ? <QueryError error={toggle.error} /> : null}
          onConfirm={() => toggle.mutate('deactivate')}
          onCancel={() => setConfirming(false)}
          focusAfterClose={() => (done === 'deactivate' ? status.current : opener.current)}
        >
          <Paragraph>{t('organisation.deactivateConfirm.consequence', { name: organisation.name })}</Paragraph>
        </ConfirmDialog>
      </section>
    </>
  );
}
