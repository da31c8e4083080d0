import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { TableRegion } from '../admin/TableRegion';
import { useFormatters } from '../../i18n/format';
import { schoolHolidayInputSchema, type SchoolHolidayInput } from '../../../shared/presence';
import { addHoliday, holidaysQuery, presenceKeys, PRESENCE_PATHS, removeHoliday } from './queries';
import './presence.css';

/** Skollov: the tenant's school holidays per term, which presence entries may skip. Coordinators and administrators keep them. */
export default function SchoolHolidaysPage() {
  const { t } = useTranslation('presence');
  const format = useFormatters();
  const queryClient = useQueryClient();
  const holidays = useQuery(holidaysQuery());
  const form = useAppForm<SchoolHolidayInput>(schoolHolidayInputSchema, { defaultValues: { name: '', startsOn: '', endsOn: '' } });
  const refresh = () => queryClient.invalidateQueries({ queryKey: presenceKeys.all });
  const add = async (values: SchoolHolidayInput) => {
    await addHoliday(values);
    form.reset({ name: '', startsOn: '', endsOn: '' });
    await refresh();
  };
  const day = (date: string) => format.date(`${date}T12:00:00Z`);

  return (
    <Page title={t('holidays.title')}>
      <Paragraph>{t('holidays.intro')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={PRESENCE_PATHS.week}>{t('entry.back')}</RouterLink>
        </Link>
      </Paragraph>
      {holidays.isPending ? <PageLoading /> : null}
      {holidays.isError ? <QueryError error={holidays.error} onRetry={() => void holidays.refetch()} /> : null}
      {holidays.data && holidays.data.holidays.length === 0 ? (
        <EmptyState title={t('holidays.emptyTitle')} headingLevel={2}>
          {t('holidays.empty')}
        </EmptyState>
      ) : null}
      {holidays.data && holidays.data.holidays.length > 0 ? (
        <TableRegion label={t('holidays.title')}>
          <Table data-size="sm">
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('holidays.name')}</Table.HeaderCell>
                <Table.HeaderCell>{t('holidays.startsOn')}</Table.HeaderCell>
                <Table.HeaderCell>{t('holidays.endsOn')}</Table.HeaderCell>
                {holidays.data.abilities.create ? <Table.HeaderCell>{t('holidays.actions')}</Table.HeaderCell> : null}
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {holidays.data.holidays.map((holiday) => (
                <Table.Row key={holiday.id}>
                  <Table.Cell>{holiday.name}</Table.Cell>
                  <Table.Cell>{day(holiday.startsOn)}</Table.Cell>
                  <Table.Cell>{day(holiday.endsOn)}</Table.Cell>
                  {holidays.data.abilities.create ? (
                    <Table.Cell>
                      <Button variant="tertiary" data-size="sm" onClick={() => void removeHoliday(holiday.id).then(refresh)}>
                        {t('holidays.remove', { name: holiday.name })}
                      </Button>
                    </Table.Cell>
                  ) : null}
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </TableRegion>
      ) : null}
      {holidays.data?.abilities.create ? (
        <section aria-labelledby="holidays-add" className="stack">
          <Heading level={2} data-size="sm" id="holidays-add">
            {t('holidays.add')}
          </Heading>
          <AppForm id="school-holiday" form={form} onSubmit={add}>
            <TextField name="name" label={t('holidays.name')} />
            <div className="presence-form__row">
              <TextField name="startsOn" label={t('holidays.startsOn')} type="date" />
              <TextField name="endsOn" label={t('holidays.endsOn')} type="date" />
            </div>
            <SubmitButton>{t('holidays.save')}</SubmitButton>
          </AppForm>
        </section>
      ) : null}
    </Page>
  );
}
