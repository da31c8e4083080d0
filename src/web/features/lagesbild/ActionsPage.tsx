import { useQuery } from '@tanstack/react-query';
import { Field, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { TableRegion } from '../admin/TableRegion';
import { useFormatters } from '../../i18n/format';
import { ACTION_KIND_NAMES, ACTION_STATUS_NAMES, ACTION_STATUSES, type PlaceAction } from '../../../shared/place-actions';
import { actionsQuery, currentWeek, currentYear, LAGESBILD_PATHS } from './queries';
import { lang } from './Figure';
import './lagesbild.css';

/** Where an action is: its place, else its area, else "a hot-spot". */
export const actionWhere = (action: PlaceAction, hotspot: string) => action.placeName ?? action.areaName ?? hotspot;

/** Åtgärder: the place actions decided at the weekly meetings, with who owns them, when they are due and how far they have come. */
export default function ActionsPage() {
  const { t, i18n } = useTranslation('lagesbild');
  const language = lang(i18n.language);
  const format = useFormatters();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const overdue = params.get('forsenade') === '1';
  const query = { ...(status ? { status } : {}), ...(overdue ? { overdue: 'true' } : {}) };
  const actions = useQuery(actionsQuery(query));
  const set = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Page title={t('actions.title')} width="wide">
      <Paragraph>{t('actions.intro')}</Paragraph>
      <nav aria-label={t('week.linksLabel')} className="lagesbild-links">
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.weekOf(currentWeek())}>{t('actions.weekLink')}</RouterLink>
        </Link>
        <Link asChild>
          <RouterLink to={LAGESBILD_PATHS.plan(currentYear())}>{t('week.planLink', { year: currentYear() })}</RouterLink>
        </Link>
      </nav>
      <div className="lagesbild-pickers">
        <Field>
          <Label htmlFor="actions-status">{t('actions.filterStatus')}</Label>
          <Select id="actions-status" value={status} onChange={(event) => set('status', event.target.value)}>
            <option value="">{t('actions.allStatuses')}</option>
            {ACTION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {ACTION_STATUS_NAMES[value][language]}
              </option>
            ))}
          </Select>
        </Field>
        <Field>
          <Label htmlFor="actions-overdue">{t('actions.filterOverdue')}</Label>
          <Select id="actions-overdue" value={overdue ? '1' : ''} onChange={(event) => set('forsenade', event.target.value)}>
            <option value="">{t('actions.overdueAll')}</option>
            <option value="1">{t('actions.overdueOnly')}</option>
          </Select>
        </Field>
      </div>
      {actions.isPending ? <PageLoading /> : null}
      {actions.isError ? <QueryError error={actions.error} onRetry={() => void actions.refetch()} /> : null}
      {actions.data && actions.data.actions.length === 0 ? (
        <EmptyState title={t('actions.emptyTitle')} headingLevel={2}>
          {status || overdue ? t('actions.emptyFiltered') : t('actions.empty')}
        </EmptyState>
      ) : null}
      {actions.data && actions.data.actions.length > 0 ? (
        <TableRegion label={t('actions.region')}>
          <Table data-size="sm" className="lagesbild-table lagesbild-actions-table">
            <caption>{t('actions.caption', { count: actions.data.actions.length })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('actions.columns.title')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.where')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.owner')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.due')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('actions.columns.week')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {actions.data.actions.map((action) => (
                <Table.Row key={action.id}>
                  <Table.HeaderCell scope="row">
                    <Link asChild>
                      <RouterLink to={LAGESBILD_PATHS.action(action.id)}>{action.title}</RouterLink>
                    </Link>
                    <span className="lagesbild-muted"> · {ACTION_KIND_NAMES[action.kind][language]}</span>
                  </Table.HeaderCell>
                  <Table.Cell>{actionWhere(action, t('actions.cell'))}</Table.Cell>
                  <Table.Cell>
                    {action.ownerOrganisationName ?? '–'}
                    {action.ownerName ? `, ${action.ownerName}` : ''}
                  </Table.Cell>
                  <Table.Cell>
                    {action.dueDate ? format.date(`${action.dueDate}T12:00:00Z`) : '–'}
                    {action.overdue ? <strong className="lagesbild-overdue"> {t('actions.overdue')}</strong> : null}
                  </Table.Cell>
                  <Table.Cell>{ACTION_STATUS_NAMES[action.status][language]}</Table.Cell>
                  <Table.Cell>{action.week}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      ) : null}
    </Page>
  );
}
