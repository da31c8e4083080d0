import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Button, Checkbox, Field, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { useFormatters } from '../../i18n/format';
import { CONCERN_CATEGORY_NAMES, CONCERN_KIND_NAMES, CONCERN_PATHS, CONCERN_STATUSES, CONCERN_STATUS_NAMES, PLACE_EVENT_TYPE_NAMES } from '../../../shared/concerns';
import { INBOX_SORTS, type InboxRow } from '../../../shared/concerns-triage';
import { inboxQuery, nameOf, type InboxFilter } from './queries';
import './concerns.css';

const DEADLINE_COLOURS = {
  ok: 'success',
  near: 'warning',
  overdue: 'danger',
} as const;

/** /mottagning: the receiving roles' list of concerns and place reports. Filters live in the URL. */
export default function InboxPage() {
  const { t, i18n } = useTranslation('inbox');
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const filter: InboxFilter = {
    status: params.get('status') ?? undefined,
    kind: params.get('kind') ?? undefined,
    assigned: params.get('assigned') ?? undefined,
    overdue: params.get('overdue') === 'true',
    sort: params.get('sort') ?? 'received_desc',
    page: Number(params.get('page') ?? '1') || 1,
  };
  const inbox = useQuery(inboxQuery(filter));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const language = i18n.language;

  const select = (key: string, label: string, options: { value: string; label: string }[]) => (
    <Field>
      <Label htmlFor={`inbox-${key}`}>{label}</Label>
      <Select id={`inbox-${key}`} value={params.get(key) ?? ''} onChange={(event) => set(key, event.target.value)}>
        {options.map((option) => (
          <Select.Option key={option.value} value={option.value}>
            {option.label}
          </Select.Option>
        ))}
      </Select>
    </Field>
  );

  const about = (row: InboxRow) =>
    row.kind === 'place'
      ? nameOf(PLACE_EVENT_TYPE_NAMES, row.eventType, language)
      : row.categories.map((category) => nameOf(CONCERN_CATEGORY_NAMES, category, language)).join(', ');

  return (
    <Page title={t('title')} width="wide">
      <Paragraph>{t('intro')}</Paragraph>
      <section aria-label={t('filters')} className="inbox-filters">
        {select('status', t('status'), [
          { value: '', label: t('statusOpen') },
          ...CONCERN_STATUSES.map((status) => ({
            value: status,
            label: nameOf(CONCERN_STATUS_NAMES, status, language),
          })),
        ])}
        {select('kind', t('kind'), [
          { value: '', label: t('kindAll') },
          {
            value: 'person',
            label: nameOf(CONCERN_KIND_NAMES, 'person', language),
          },
          {
            value: 'place',
            label: nameOf(CONCERN_KIND_NAMES, 'place', language),
          },
        ])}
        {select('assigned', t('assigned'), [
          { value: '', label: t('assignedAll') },
          { value: 'me', label: t('assignedMe') },
          { value: 'none', label: t('assignedNone') },
        ])}
        {select(
          'sort',
          t('sort'),
          INBOX_SORTS.map((sort) => ({
            value: sort,
            label: t(`sorts.${sort}`),
          })),
        )}
        <Checkbox label={t('overdue')} checked={filter.overdue ?? false} onChange={(event) => set('overdue', event.target.checked ? 'true' : '')} />
      </section>
      {inbox.isPending ? <PageLoading /> : null}
      {inbox.isError ? <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
      {inbox.data && inbox.data.concerns.length === 0 ? <EmptyState title={t('empty')}>{t('intro')}</EmptyState> : null}
      {inbox.data && inbox.data.concerns.length > 0 ? (
        <>
          <Paragraph data-size="sm" aria-live="polite">
            {t('count', { count: inbox.data.total })}
          </Paragraph>
          <div className="inbox-table-wrap">
            <Table>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t('columns.reference')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('columns.received')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('columns.kind')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('columns.about')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('columns.status')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('columns.deadline')}</Table.HeaderCell>
                  <Table.HeaderCell>{t('columns.assignee')}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {inbox.data.concerns.map((row) => (
                  <Table.Row key={row.id}>
                    <Table.Cell>
                      <Link asChild>
                        <RouterLink to={CONCERN_PATHS.concern(row.id)}>{row.reference}</RouterLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{format.dateTime(row.receivedAt)}</Table.Cell>
                    <Table.Cell>{nameOf(CONCERN_KIND_NAMES, row.kind, language)}</Table.Cell>
                    <Table.Cell>
                      <div>{about(row)}</div>
                      {/* Plain text from the public: rendered as text, never as HTML. */}
                      <Paragraph data-size="xs" className="concern-text">
                        {row.excerpt}
                      </Paragraph>
                    </Table.Cell>
                    <Table.Cell>{nameOf(CONCERN_STATUS_NAMES, row.status, language)}</Table.Cell>
                    <Table.Cell>
                      {row.deadlines ? (
                        <Tag data-color={DEADLINE_COLOURS[row.deadlineState]} data-size="sm">
                          {t(`deadline.${row.deadlineState}`)}
                        </Tag>
                      ) : (
                        t('deadline.none')
                      )}
                    </Table.Cell>
                    <Table.Cell>{row.assignee?.name ?? t('unassigned')}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
          <Pager t={t} page={inbox.data.page} pages={Math.max(1, Math.ceil(inbox.data.total / inbox.data.pageSize))} onPage={(page) => set('page', String(page))} />
        </>
      ) : null}
    </Page>
  );
}

function Pager({
  t,
  page,
  pages,
  onPage,
}: {
  t: (key: 'previous' | 'next' | 'page', values?: Record<string, number>) => string;
  page: number;
  pages: number;
  onPage: (page: number) => void;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={t('page', { page, pages })} className="inbox-filters">
      <Button variant="secondary" data-size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('previous')}
      </Button>
      <Paragraph data-size="sm">{t('page', { page, pages })}</Paragraph>
      <Button variant="secondary" data-size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('next')}
      </Button>
    </nav>
  );
}
