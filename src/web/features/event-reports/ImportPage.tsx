import { useState, type ChangeEvent } from 'react';
import { Link as RouterLink } from 'react-router';
import { Alert, Button, Card, Field, Fieldset, Heading, Label, Link, Paragraph, Radio, Table } from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { CSV_TEMPLATE_HEADER, EVENT_IMPORT_FORMATS, EVENT_IMPORT_MAX_BYTES, type EventImportFormat, type EventImportPreview, type EventImportResult } from '../../../shared/event-import';
import { EVENT_PAGES, previewImport, runImport } from './queries';
import './events.css';

interface LoadedFile {
  name: string;
  format: EventImportFormat;
  content: string;
}

/** The format a file's name and first character suggest: `.json` or a leading `[`/`{` is the police feed. */
function guessFormat(name: string, content: string): EventImportFormat {
  return /\.json$/i.test(name) || /^\s*[[{]/.test(content) ? 'police_json' : 'csv';
}

/**
 * Importing a log or the police feed (issue 14 §1): choose the file, read the preview (each bad row's
 * error in words, nothing stored), try a dry run, then import the good rows. The same file is sent
 * each time: the server keeps nothing between the steps.
 */
export default function ImportPage() {
  const { t } = useTranslation('events');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [preview, setPreview] = useState<EventImportPreview | null>(null);
  const [dryRun, setDryRun] = useState<EventImportResult | null>(null);
  const [result, setResult] = useState<EventImportResult | null>(null);

  const check = useMutation({ mutationFn: (loaded: LoadedFile) => previewImport(loaded.format, loaded.content), onSuccess: setPreview });
  const tryRun = useMutation({ mutationFn: (loaded: LoadedFile) => runImport(loaded.format, loaded.content, true), onSuccess: setDryRun });
  const store = useMutation({ mutationFn: (loaded: LoadedFile) => runImport(loaded.format, loaded.content, false), onSuccess: setResult });
  const failure = check.error ?? tryRun.error ?? store.error;

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    setPreview(null);
    setDryRun(null);
    setResult(null);
    setFileError(null);
    check.reset();
    tryRun.reset();
    store.reset();
    if (!chosen) {
      setFile(null);
      return;
    }
    if (chosen.size > EVENT_IMPORT_MAX_BYTES) {
      setFile(null);
      setFileError(t('import.tooLarge'));
      return;
    }
    const content = await chosen.text();
    setFile({ name: chosen.name, format: guessFormat(chosen.name, content), content });
  };

  const shown = result ?? dryRun ?? preview;
  return (
    <Page title={t('import.title')}>
      <Paragraph>{t('import.intro')}</Paragraph>
      <Card data-color="neutral" variant="tinted" className="stack">
        <Heading level={2} data-size="2xs">
          {t('import.templateHeading')}
        </Heading>
        <Paragraph data-size="sm">{t('import.templateBody')}</Paragraph>
        <code className="event-import__template">{CSV_TEMPLATE_HEADER}</code>
      </Card>

      <div className="stack event-import__steps">
        <Field>
          <Label htmlFor="event-import-file">{t('import.file')}</Label>
          <Paragraph data-size="sm" id="event-import-file-hint">
            {t('import.fileHint')}
          </Paragraph>
          <input id="event-import-file" type="file" accept=".csv,.txt,.json,text/csv,application/json" aria-describedby="event-import-file-hint" onChange={(event) => void choose(event)} className="event-import__file" />
        </Field>
        {fileError ? <Alert data-color="danger">{fileError}</Alert> : null}
        {file ? (
          <Fieldset>
            <Fieldset.Legend>{t('import.format')}</Fieldset.Legend>
            {EVENT_IMPORT_FORMATS.map((format) => (
              <Radio
                key={format}
                name="import-format"
                value={format}
                label={t(`import.formats.${format}`)}
                checked={file.format === format}
                onChange={() => {
                  setFile({ ...file, format });
                  setPreview(null);
                  setDryRun(null);
                  setResult(null);
                }}
              />
            ))}
          </Fieldset>
        ) : null}
        <div className="event-actions">
          <Button disabled={!file || check.isPending} aria-busy={check.isPending || undefined} onClick={() => file && check.mutate(file)}>
            {t('import.preview')}
          </Button>
          <Button variant="secondary" disabled={!file || !preview || preview.summary.valid === 0 || tryRun.isPending || result !== null} onClick={() => file && tryRun.mutate(file)}>
            {t('import.dryRun')}
          </Button>
          <Button variant="primary" disabled={!file || !preview || preview.summary.valid === 0 || store.isPending || result !== null} onClick={() => file && store.mutate(file)}>
            {t('import.run')}
          </Button>
        </div>
      </div>

      <div role="status" aria-live="polite" className="stack">
        {failure ? <Alert data-color="danger">{isApiError(failure) ? [failure.message, ...Object.values(failure.fields)].filter(Boolean).join(' ') : t('import.failed')}</Alert> : null}
        {result ? (
          <Alert data-color="success" data-testid="import-result">
            {t('import.imported', { count: result.inserted })} {result.duplicates > 0 ? t('import.duplicates', { count: result.duplicates }) : ''}{' '}
            {result.summary.errors > 0 ? t('import.notImported', { count: result.summary.errors }) : ''}
          </Alert>
        ) : dryRun ? (
          <Alert data-color="info" data-testid="import-dry-run">
            {t('import.dryRunResult', { count: dryRun.summary.valid - dryRun.summary.alreadyImported })} {dryRun.summary.errors > 0 ? t('import.notImported', { count: dryRun.summary.errors }) : ''}
          </Alert>
        ) : null}
      </div>

      {shown ? <PreviewView preview={shown} /> : null}
      {result ? (
        <Paragraph>
          <Link asChild>
            <RouterLink to={`${EVENT_PAGES.list}?source=import`}>{t('import.seeImported')}</RouterLink>
          </Link>
        </Paragraph>
      ) : null}
    </Page>
  );
}

function PreviewView({ preview }: { preview: EventImportPreview }) {
  const { t } = useTranslation('events');
  const { summary } = preview;
  const problems = preview.rows.filter((row) => row.errors.length > 0 || row.notes.length > 0);
  return (
    <section aria-labelledby="event-import-preview-heading" className="stack">
      <Heading level={2} data-size="xs" id="event-import-preview-heading">
        {t('import.previewHeading')}
      </Heading>
      <Paragraph data-testid="import-summary">{t('import.summary', { rows: summary.rows, valid: summary.valid, errors: summary.errors, skipped: summary.skipped, already: summary.alreadyImported })}</Paragraph>
      {preview.fileErrors.length > 0 ? (
        <Alert data-color="danger">
          <Heading level={3} data-size="2xs">
            {t('import.fileErrors')}
          </Heading>
          <ul>
            {preview.fileErrors.map((issue, index) => (
              <li key={index}>{issue.message}</li>
            ))}
          </ul>
        </Alert>
      ) : null}
      {summary.errors > 0 ? <Alert data-color="warning">{t('import.fixAndRetry')}</Alert> : null}
      {problems.length > 0 ? (
        <div className="event-import__table">
          <Table data-size="sm">
            <caption>{t('import.problemsCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t('import.row')}</Table.HeaderCell>
                <Table.HeaderCell>{t('import.status')}</Table.HeaderCell>
                <Table.HeaderCell>{t('import.problem')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {problems.map((row) => (
                <Table.Row key={row.row}>
                  <Table.Cell>{row.row}</Table.Cell>
                  <Table.Cell>{t(`import.rowStatus.${row.status}`)}</Table.Cell>
                  <Table.Cell>
                    <ul className="event-import__issues">
                      {[...row.errors, ...row.notes].map((issue, index) => (
                        <li key={index}>
                          {issue.field ? <strong>{issue.field}: </strong> : null}
                          {issue.message}
                        </li>
                      ))}
                    </ul>
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      ) : null}
      {preview.truncated ? <Paragraph data-size="sm">{t('import.truncated')}</Paragraph> : null}
    </section>
  );
}
