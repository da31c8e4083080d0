import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Details, Field, Label, Link, Paragraph, Select, Table, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { TableRegion } from '../admin/TableRegion';
import { isApiError } from '../../api/client';
import { useFormatters } from '../../i18n/format';
import { VETTING_STATUSES, type MentorList } from '../../../shared/mentors';
import { createMentor, MENTOR_PATHS, mentorKeys, mentorsQuery } from './queries';
import { VettingTag } from './VettingTag';
import './mentors.css';

/** Mentorer: the register of volunteer mentors, with each one's vetting status, filterable by status and organisation. */
export default function MentorsPage() {
  const { t } = useTranslation('mentors');
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const organisation = params.get('organisation') ?? '';
  const query = { ...(status ? { status } : {}), ...(organisation ? { organisation } : {}) };
  const mentors = useQuery(mentorsQuery(query));
  const all = useQuery(mentorsQuery());
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const organisations = [...new Map((all.data?.mentors ?? []).map((m) => [m.organisationId, m.organisationName])).entries()].sort((a, b) => a[1].localeCompare(b[1], 'sv'));

  return (
    <Page title={t('list.title')} width="wide">
      <Paragraph>{t('list.intro')}</Paragraph>
      {all.data?.abilities.create ? <AddMentor data={all.data} /> : null}
      <div className="mentors-filters">
        <Field>
          <Label htmlFor="mentors-status">{t('list.filterStatus')}</Label>
          <Select id="mentors-status" value={status} onChange={(event) => set('status', event.target.value)}>
            <option value="">{t('list.allStatuses')}</option>
            {VETTING_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`status.${value}`)}
              </option>
            ))}
          </Select>
        </Field>
        {organisations.length > 1 ? (
          <Field>
            <Label htmlFor="mentors-organisation">{t('list.filterOrganisation')}</Label>
            <Select id="mentors-organisation" value={organisation} onChange={(event) => set('organisation', event.target.value)}>
              <option value="">{t('list.allOrganisations')}</option>
              {organisations.map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
      </div>
      {mentors.isPending ? <PageLoading /> : null}
      {mentors.isError ? <QueryError error={mentors.error} onRetry={() => void mentors.refetch()} /> : null}
      {mentors.data && mentors.data.mentors.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} headingLevel={2}>
          {status || organisation ? t('list.emptyFiltered') : t('list.empty')}
        </EmptyState>
      ) : null}
      {mentors.data && mentors.data.mentors.length > 0 ? (
        <div className="mentors-table">
          <TableRegion label={t('list.region')}>
            <Table data-size="sm">
              <caption>{t('list.caption', { count: mentors.data.mentors.length })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('list.columns.name')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('list.columns.organisation')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('list.columns.vetting')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('list.columns.account')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('list.columns.matches')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {mentors.data.mentors.map((mentor) => (
                  <Table.Row key={mentor.id}>
                    <Table.HeaderCell scope="row">
                      <Link asChild>
                        <RouterLink to={MENTOR_PATHS.mentor(mentor.id)}>{mentor.name}</RouterLink>
                      </Link>
                      {mentor.active ? null : <span className="mentors-muted"> · {t('list.inactive')}</span>}
                    </Table.HeaderCell>
                    <Table.Cell>{mentor.organisationName}</Table.Cell>
                    <Table.Cell>
                      <VettingTag status={mentor.vettingStatus} />{' '}
                      {mentor.validThrough ? <span className="mentors-muted">{t('list.validThrough', { date: format.date(mentor.validThrough) })}</span> : null}
                    </Table.Cell>
                    <Table.Cell>{mentor.userName ?? t('list.noAccount')}</Table.Cell>
                    <Table.Cell>{mentor.matchCount}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </TableRegion>
        </div>
      ) : null}
    </Page>
  );
}

/** Register a mentor for an organisation the actor may keep mentors for, optionally linked to a mentor account there. */
function AddMentor({ data }: { data: MentorList }) {
  const { t } = useTranslation('mentors');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [organisationId, setOrganisationId] = useState(data.organisations[0]?.id ?? '');
  const [name, setName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [userId, setUserId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const accounts = data.mentorUsers.filter((u) => u.organisationId === organisationId);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!organisationId) local.organisationId = t('form.organisationRequired');
    if (name.trim().length < 2) local.name = t('form.nameRequired');
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    setFailed(null);
    try {
      const created = await createMentor({ organisationId, name: name.trim(), phone: phone.trim() || null, email: email.trim() || null, userId: userId || null, active: true });
      await queryClient.invalidateQueries({ queryKey: mentorKeys.all });
      void navigate(MENTOR_PATHS.mentor(created.id));
    } catch (caught) {
      if (isApiError(caught) && Object.keys(caught.fields).length > 0) setErrors(caught.fields);
      else setFailed(isApiError(caught) ? caught.message : t('form.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Details>
      <Details.Summary>{t('form.open')}</Details.Summary>
      <Details.Content>
        <form className="mentors-form" noValidate onSubmit={(event) => void submit(event)}>
          <Field>
            <Label htmlFor="mentor-organisation">{t('form.organisation')}</Label>
            <Select
              id="mentor-organisation"
              value={organisationId}
              onChange={(event) => {
                setOrganisationId(event.target.value);
                setUserId('');
              }}
              aria-invalid={errors.organisationId ? true : undefined}
            >
              {data.organisations.map((org) => (
                <option key={org.id} value={org.id}>
                  {org.name}
                </option>
              ))}
            </Select>
          </Field>
          <Textfield id="mentor-name" label={t('form.name')} value={name} onChange={(event) => setName(event.target.value)} error={errors.name} maxLength={200} autoComplete="off" />
          <Textfield id="mentor-phone" label={`${t('form.phone')} ${t('form.optional')}`} type="tel" value={phone} onChange={(event) => setPhone(event.target.value)} error={errors.phone} />
          <Textfield id="mentor-email" label={`${t('form.email')} ${t('form.optional')}`} type="email" value={email} onChange={(event) => setEmail(event.target.value)} error={errors.email} />
          <Field>
            <Label htmlFor="mentor-account">{t('form.account')}</Label>
            <Field.Description>{t('form.accountHelp')}</Field.Description>
            <Select id="mentor-account" value={userId} onChange={(event) => setUserId(event.target.value)} aria-invalid={errors.userId ? true : undefined}>
              <option value="">{t('form.noAccount')}</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </Select>
            {errors.userId ? <Alert data-color="danger">{errors.userId}</Alert> : null}
          </Field>
          <div>
            <Button type="submit" aria-busy={busy || undefined}>
              {t('form.save')}
            </Button>
          </div>
          {failed ? <Alert data-color="danger">{failed}</Alert> : null}
        </form>
      </Details.Content>
    </Details>
  );
}
