import { useEffect, useMemo, useState } from 'react';
import { Link as RouterLink, useSearchParams } from 'react-router';
import { Button, Checkbox, Field, Heading, Label, Link, Paragraph, Select, Tag } from '@digdir/designsystemet-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { EVENT_CATEGORY_ADMIN_ROLES, EVENT_SOURCES, type EventReport } from '../../../shared/event-reports';
import { EVENT_IMPORT_ROLES } from '../../../shared/event-import';
import type { Role } from '../../../shared/roles';
import { addDays, isoWeekOf, localDateOf, mondayOfIsoWeek } from '../../../shared/stockholm-time';
import { categoryName, formatWindow } from './labels';
import { areasQuery, categoriesQuery, EVENT_PAGES, eventListQuery, PAGE_SIZE, type EventListFilters } from './queries';
import './events.css';

const FILTERS = ['week', 'areaId', 'category', 'source', 'status', 'mine', 'offset'] as const;

/** This and the eleven weeks before it, newest first (Stockholm's calendar). */
function recentWeeks(): string[] {
  let monday = mondayOfIsoWeek(isoWeekOf(localDateOf(new Date())));
  const weeks: string[] = [];
  for (let i = 0; i < 12; i++) {
    weeks.push(isoWeekOf(monday));
    monday = addDays(monday, -7);
  }
  return weeks;
}

/**
 * A checkbox whose truth lives in the address. React Router applies a new address inside a
 * transition, so a box controlled by the address alone springs back until that transition commits;
 * under load the tick visibly failed to appear (and a CI journey saw the click change nothing). The
 * box answers the click at once and follows the address whenever the address changes.
 */
function AddressCheckbox({ label, on, onToggle }: { label: string; on: boolean; onToggle: (on: boolean) => void }) {
  const [checked, setChecked] = useState(on);
  useEffect(() => setChecked(on), [on]);
  return (
    <Checkbox
      label={label}
      checked={checked}
      onChange={(event) => {
        setChecked(event.target.checked);
        onToggle(event.target.checked);
      }}
    />
  );
}

/**
 * "Händelser": the tenant's event reports, newest first, without descriptions (those are on each
 * event's page, where reading one is audited). Filters live in the address, so a filtered list can
 * be shared and the back button returns to it.
 */
export default function EventsPage() {
  const { t, i18n } = useTranslation('events');
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const value: EventListFilters = {};
    for (const key of FILTERS) {
      const text = params.get(key);
      if (text) value[key] = text;
    }
    return value;
  }, [params]);
  const session = useSession();
  const role = session.data?.active?.role as Role | undefined;
  const mayImport = role !== undefined && (EVENT_IMPORT_ROLES as readonly Role[]).includes(role);
  const mayManageCategories = role !== undefined && (EVENT_CATEGORY_ADMIN_ROLES as readonly Role[]).includes(role);
  const list = useQuery(eventListQuery(filters));
  const categories = useQuery(categoriesQuery());
  const areas = useQuery(areasQuery());
  const weeks = useMemo(recentWeeks, []);

  const set = (key: (typeof FILTERS)[number], value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'offset') next.delete('offset');
    setParams(next, { replace: true });
  };
  const offset = Number(filters.offset ?? 0);

  return (
    <Page title={t('list.title')} width="wide">
      <Paragraph>{t('list.intro')}</Paragraph>
      <div className="event-actions">
        <Button asChild>
          <RouterLink to={EVENT_PAGES.report}>{t('list.report')}</RouterLink>
        </Button>
        {mayImport ? (
          <Button asChild variant="secondary">
            <RouterLink to={EVENT_PAGES.import}>{t('list.import')}</RouterLink>
          </Button>
        ) : null}
        {mayManageCategories ? (
          <Button asChild variant="secondary">
            <RouterLink to={EVENT_PAGES.categories}>{t('list.categories')}</RouterLink>
          </Button>
        ) : null}
      </div>

      <section role="search" className="event-filters" aria-labelledby="event-filters-heading">
        <Heading level={2} data-size="xs" id="event-filters-heading">
          {t('list.filters')}
        </Heading>
        <div className="event-filters__grid">
          <Field>
            <Label htmlFor="event-filter-week">{t('list.week')}</Label>
            <Select id="event-filter-week" value={filters.week ?? ''} onChange={(event) => set('week', event.target.value)}>
              <option value="">{t('list.allWeeks')}</option>
              {weeks.map((week) => (
                <option key={week} value={week}>
                  {t('list.weekOption', { number: Number(week.slice(6)), year: week.slice(0, 4) })}
                </option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="event-filter-area">{t('list.area')}</Label>
            <Select id="event-filter-area" value={filters.areaId ?? ''} onChange={(event) => set('areaId', event.target.value)}>
              <option value="">{t('list.allAreas')}</option>
              {(areas.data?.areas ?? []).map((area) => (
                <option key={area.id} value={area.id}>
                  {area.name}
                </option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="event-filter-category">{t('list.category')}</Label>
            <Select id="event-filter-category" value={filters.category ?? ''} onChange={(event) => set('category', event.target.value)}>
              <option value="">{t('list.allCategories')}</option>
              {(categories.data?.categories ?? []).map((category) => (
                <option key={category.code} value={category.code}>
                  {i18n.language === 'en' ? category.nameEn : category.nameSv}
                </option>
              ))}
            </Select>
          </Field>
          <Field>
            <Label htmlFor="event-filter-source">{t('list.source')}</Label>
            <Select id="event-filter-source" value={filters.source ?? ''} onChange={(event) => set('source', event.target.value)}>
              <option value="">{t('list.allSources')}</option>
              {EVENT_SOURCES.map((source) => (
                <option key={source} value={source}>
                  {t(`source.${source}`)}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="event-filters__checks">
          <AddressCheckbox label={t('list.unverifiedOnly')} on={filters.status === 'unverified'} onToggle={(on) => set('status', on ? 'unverified' : '')} />
          <AddressCheckbox label={t('list.mineOnly')} on={filters.mine === 'true'} onToggle={(on) => set('mine', on ? 'true' : '')} />
        </div>
      </section>

      <section aria-labelledby="event-list-heading" className="stack">
        <Heading level={2} data-size="xs" id="event-list-heading">
          {t('list.results')}
        </Heading>
        {list.isPending ? (
          <PageLoading />
        ) : list.isError ? (
          <QueryError error={list.error} onRetry={() => void list.refetch()} />
        ) : list.data.reports.length === 0 ? (
          <EmptyState title={t('list.emptyTitle')}>{Object.keys(filters).length > 0 ? t('list.emptyFiltered') : t('list.empty')}</EmptyState>
        ) : (
          <>
            <Paragraph data-size="sm" role="status" data-testid="event-count">
              {t('list.count', { count: list.data.total, from: offset + 1, to: offset + list.data.reports.length })}
            </Paragraph>
            <ul className="event-list">
              {list.data.reports.map((report) => (
                <EventItem key={report.id} report={report} categoryLabel={categoryName(categories.data?.categories, report.category, i18n.language)} />
              ))}
            </ul>
            <div className="event-actions">
              {offset > 0 ? (
                <Button variant="secondary" onClick={() => set('offset', String(Math.max(0, offset - PAGE_SIZE)))}>
                  {t('list.previous')}
                </Button>
              ) : null}
              {offset + list.data.reports.length < list.data.total ? (
                <Button variant="secondary" onClick={() => set('offset', String(offset + PAGE_SIZE))}>
                  {t('list.next')}
                </Button>
              ) : null}
            </div>
          </>
        )}
      </section>
    </Page>
  );
}

function EventItem({ report, categoryLabel }: { report: EventReport; categoryLabel: string }) {
  const { t, i18n } = useTranslation('events');
  const where = report.place?.name ?? report.area?.name ?? (report.latitude !== null ? t('event.point') : t('event.noPlace'));
  return (
    <li className="event-list__item">
      <Link asChild>
        <RouterLink to={EVENT_PAGES.event(report.id)}>
          {categoryLabel} · {where}
        </RouterLink>
      </Link>
      <Paragraph data-size="sm">{formatWindow(report.occurredFrom, report.occurredTo, i18n.language)}</Paragraph>
      <div className="event-list__tags">
        <Tag data-color="neutral" data-size="sm">
          {t(`source.${report.source}`)}
        </Tag>
        {report.status !== 'verified' ? (
          <Tag data-color={report.status === 'unverified' ? 'warning' : 'danger'} data-size="sm">
            {t(`status.${report.status}`)}
          </Tag>
        ) : null}
        <Tag data-color="neutral" data-size="sm">
          {t(`severity.${report.severity}` as never)}
        </Tag>
        {report.mine ? (
          <Tag data-color="info" data-size="sm">
            {t('event.mine')}
          </Tag>
        ) : null}
      </div>
      {report.organisation ? <Paragraph data-size="sm">{t('event.reportedBy', { name: report.organisation.name })}</Paragraph> : null}
    </li>
  );
}
