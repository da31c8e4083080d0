import { useState, type FormEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Fieldset, Field, Label, Link, Paragraph, Select, Table, Tag, Textfield } from '@digdir/designsystemet-react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { TableRegion } from '../admin/TableRegion';
import { isApiError } from '../../api/client';
import { FORUM_TYPES, type ForumList, type ForumMemberInput, type ForumType } from '../../../shared/forums';
import { createForum, FORUM_PATHS, forumKeys, forumsQuery } from './queries';
import './forums.css';

/** Samverkansforum: every forum of the tenant with its member organisations; members open theirs. */
export default function ForumsPage() {
  const { t } = useTranslation('forums');
  const forums = useQuery(forumsQuery());
  const [creating, setCreating] = useState(false);

  return (
    <Page title={t('list.title')} width="wide">
      <Paragraph>{t('list.intro')}</Paragraph>
      {forums.isPending ? <PageLoading /> : null}
      {forums.isError ? <QueryError error={forums.error} onRetry={() => void forums.refetch()} /> : null}
      {forums.data?.abilities.create && !creating ? (
        <Paragraph>
          <Button onClick={() => setCreating(true)}>{t('list.create')}</Button>
        </Paragraph>
      ) : null}
      {forums.data && creating ? <CreateForumForm list={forums.data} onCancel={() => setCreating(false)} /> : null}
      {forums.data && forums.data.forums.length === 0 ? (
        <EmptyState title={t('list.emptyTitle')} headingLevel={2}>
          {t('list.empty')}
        </EmptyState>
      ) : null}
      {forums.data && forums.data.forums.length > 0 ? (
        <TableRegion label={t('list.region')}>
          <Table data-size="sm" className="forums-table">
            <caption>{t('list.caption', { count: forums.data.forums.length })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('list.columns.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.type')}</Table.HeaderCell>
                <Table.HeaderCell>{t('list.columns.organisations')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {forums.data.forums.map((forum) => (
                <Table.Row key={forum.id}>
                  <Table.HeaderCell scope="row">
                    {forum.member ? (
                      <Link asChild>
                        <RouterLink to={FORUM_PATHS.forum(forum.id)}>{forum.name}</RouterLink>
                      </Link>
                    ) : (
                      <>
                        {forum.name} <Tag data-color="neutral">{t('list.notMember')}</Tag>
                      </>
                    )}
                  </Table.HeaderCell>
                  <Table.Cell>{t(`types.${forum.type}`)}</Table.Cell>
                  <Table.Cell>{forum.memberOrganisations.map((o) => o.name).join(', ') || '–'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      ) : null}
    </Page>
  );
}

function CreateForumForm({ list, onCancel }: { list: ForumList; onCancel: () => void }) {
  const { t } = useTranslation('forums');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [type, setType] = useState<ForumType>('styrgrupp');
  const [chair, setChair] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const toggle = (key: string) => setChosen((before) => new Set(before.has(key) ? [...before].filter((k) => k !== key) : [...before, key]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors({});
    setFailed(null);
    setSaving(true);
    const members: ForumMemberInput[] = [...chosen].map((key) => {
      const [kind, id] = key.split(':') as [string, string];
      return kind === 'organisation' ? { kind, organisationId: id } : kind === 'user' ? { kind: 'user', userId: id } : { kind: 'key_person', keyPersonId: id };
    });
    try {
      const forum = await createForum({ name, type, chairUserId: chair, members });
      await queryClient.invalidateQueries({ queryKey: forumKeys.all });
      void navigate(FORUM_PATHS.forum(forum.id));
    } catch (caught) {
      if (isApiError(caught)) setErrors(caught.fields);
      setFailed(isApiError(caught) ? caught.message : t('form.failed'));
    } finally {
      setSaving(false);
    }
  };

  const group = (legend: string, kind: string, options: { id: string; name: string; organisationName?: string }[]) => (
    <Fieldset className="forums-choices">
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.length === 0 ? <Paragraph data-size="sm">{t('form.noneToChoose')}</Paragraph> : null}
      {options.map((option) => (
        <Checkbox
          key={option.id}
          label={option.organisationName ? `${option.name} (${option.organisationName})` : option.name}
          checked={chosen.has(`${kind}:${option.id}`)}
          onChange={() => toggle(`${kind}:${option.id}`)}
        />
      ))}
    </Fieldset>
  );

  return (
    <form className="forums-form" onSubmit={(event) => void submit(event)} noValidate>
      <Textfield label={t('form.name')} value={name} onChange={(event) => setName(event.target.value)} error={errors.name} required />
      <Field>
        <Label htmlFor="forum-type">{t('form.type')}</Label>
        <Select id="forum-type" value={type} onChange={(event) => setType(event.target.value as ForumType)}>
          {FORUM_TYPES.map((value) => (
            <option key={value} value={value}>
              {t(`types.${value}`)}
            </option>
          ))}
        </Select>
      </Field>
      <Field>
        <Label htmlFor="forum-chair">{t('form.chair')}</Label>
        <Select id="forum-chair" value={chair} onChange={(event) => setChair(event.target.value)} aria-invalid={errors.chairUserId ? true : undefined}>
          <option value="">{t('form.choose')}</option>
          {list.candidates.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name} ({u.organisationName})
            </option>
          ))}
        </Select>
        {errors.chairUserId ? <Paragraph data-size="sm">{errors.chairUserId}</Paragraph> : null}
      </Field>
      {group(t('form.organisations'), 'organisation', list.candidates.organisations)}
      {group(t('form.users'), 'user', list.candidates.users)}
      {group(t('form.keyPersons'), 'key_person', list.candidates.keyPersons)}
      {failed ? (
        <Alert data-color="danger" role="alert">
          {failed}
        </Alert>
      ) : null}
      <div className="forums-row">
        <Button type="submit" disabled={saving}>
          {t('form.save')}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel}>
          {t('form.cancel')}
        </Button>
      </div>
    </form>
  );
}
