import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table, Textarea, Textfield, ValidationMessage } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { PlaceMap } from '../../components/map/PlaceMap';
import { TableRegion } from '../admin/TableRegion';
import { PLACES_PATHS, areaImportResultSchema, areaSchema, type Area, type AreaKind } from '../../../shared/places';
import { areasQuery, placeKeys } from './queries';
import { areaKindName, areaKindOptions } from './labels';
import './places.css';

/** Områden: the areas on a map and in a table, and a GeoJSON import (a file or pasted text). */
export default function AreasPage() {
  const { t } = useTranslation('places');
  const areas = useQuery(areasQuery());
  return (
    <Page title={t('areas.title')} width="wide">
      <Link asChild>
        <RouterLink to={PLACES_PATHS.places}>{t('back')}</RouterLink>
      </Link>
      <Paragraph>{t('areas.intro')}</Paragraph>
      {areas.isPending ? (
        <PageLoading />
      ) : areas.isError ? (
        <QueryError error={areas.error} onRetry={() => void areas.refetch()} />
      ) : (
        <>
          <div className="places-layout">
            <PlaceMap label={t('areas.mapLabel')} places={[]} areas={areas.data.areas} />
            <div>{areas.data.areas.length === 0 ? <EmptyState title={t('areas.empty.title')} headingLevel={2}>{t('areas.empty.body')}</EmptyState> : <AreasTable areas={areas.data.areas} />}</div>
          </div>
          {areas.data.abilities.import && <AreaImport />}
        </>
      )}
    </Page>
  );
}

function AreasTable({ areas }: { areas: Area[] }) {
  const { t, i18n } = useTranslation('places');
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: (id: string) => api(`/api/areas/${id}/archive`, { method: 'POST', schema: areaSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placeKeys.all }),
  });
  return (
    <TableRegion label={t('areas.tableLabel')}>
      <Table data-size="sm">
        <caption className="visually-hidden">{t('areas.tableLabel')}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('areas.name')}</Table.HeaderCell>
            <Table.HeaderCell>{t('areas.kind')}</Table.HeaderCell>
            <Table.HeaderCell>{t('areas.places')}</Table.HeaderCell>
            <Table.HeaderCell>
              <span className="visually-hidden">{t('areas.archive')}</span>
            </Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {areas.map((area) => (
            <Table.Row key={area.id}>
              <Table.Cell>
                <Link asChild>
                  <RouterLink to={`${PLACES_PATHS.places}?omrade=${area.id}`}>{area.name}</RouterLink>
                </Link>
              </Table.Cell>
              <Table.Cell>{areaKindName(area.kind, i18n.language)}</Table.Cell>
              <Table.Cell>{area.placeCount}</Table.Cell>
              <Table.Cell>
                {area.abilities.archive && (
                  <Button variant="tertiary" data-size="sm" aria-label={t('areas.archiveLabel', { name: area.name })} onClick={() => archive.mutate(area.id)}>
                    {t('areas.archive')}
                  </Button>
                )}
              </Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {archive.isError && <QueryError error={archive.error} />}
    </TableRegion>
  );
}

function AreaImport() {
  const { t, i18n } = useTranslation('places');
  const queryClient = useQueryClient();
  const id = useId();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<AreaKind>('stadsdel');
  const [name, setName] = useState('');
  const [localError, setLocalError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (geojson: unknown) => api('/api/areas/import', { method: 'POST', body: { kind, name: name.trim() || null, geojson }, schema: areaImportResultSchema }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: placeKeys.all }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setLocalError(null);
    let geojson: unknown;
    try {
      geojson = JSON.parse(text);
    } catch {
      setLocalError(t('areas.import.notJson'));
      return;
    }
    run.mutate(geojson);
  };

  const fields = run.isError && isApiError(run.error) ? Object.entries(run.error.fields) : [];
  const nameError = fields.find(([path]) => path === 'name')?.[1];
  const geojsonErrors = fields.filter(([path]) => path !== 'name' && path !== 'kind');

  return (
    <section className="place-section areas-import" aria-labelledby={`${id}-heading`}>
      <Heading level={2} data-size="sm" id={`${id}-heading`}>
        {t('areas.import.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('areas.import.help')}</Paragraph>
      <form onSubmit={submit} noValidate>
        <Field>
          <Label htmlFor={`${id}-file`}>{t('areas.import.file')}</Label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".geojson,.json,application/geo+json,application/json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void file.text().then(setText);
            }}
          />
        </Field>
        <Field>
          <Label htmlFor={`${id}-text`}>{t('areas.import.paste')}</Label>
          <Textarea id={`${id}-text`} rows={8} value={text} onChange={(event) => setText(event.target.value)} aria-invalid={localError || geojsonErrors.length > 0 ? true : undefined} spellCheck={false} />
          {localError && <ValidationMessage>{localError}</ValidationMessage>}
        </Field>
        <Field>
          <Label htmlFor={`${id}-kind`}>{t('areas.import.kind')}</Label>
          <Select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as AreaKind)}>
            {areaKindOptions(i18n.language).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </Select>
        </Field>
        <Textfield id={`${id}-name`} label={t('areas.import.name')} value={name} onChange={(event) => setName(event.target.value)} error={nameError} />
        <div className="place-section">
          <Button type="submit" aria-busy={run.isPending || undefined}>
            {t('areas.import.submit')}
          </Button>
        </div>
      </form>
      <div role="status" aria-live="polite">
        {run.isSuccess && (
          <Alert data-color="success">
            <Paragraph>{t('areas.import.done', { count: run.data.areas.length, places: run.data.placesAssigned })}</Paragraph>
          </Alert>
        )}
      </div>
      {run.isError && (
        <Alert data-color="danger" role="alert">
          <Paragraph>{t('areas.import.failed')}</Paragraph>
          {geojsonErrors.length > 0 ? (
            <ul>
              {geojsonErrors.map(([path, message]) => (
                <li key={path}>
                  <code>{path}</code>: {message}
                </li>
              ))}
            </ul>
          ) : (
            !nameError && <Paragraph>{isApiError(run.error) ? run.error.message : ''}</Paragraph>
          )}
        </Alert>
      )}
    </section>
  );
}
