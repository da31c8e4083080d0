import { useMemo, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { api, isApiError } from '../../api/client';
import { normaliseReceiptCode } from '../../../shared/concerns';
import { publicConcernStatusSchema } from '../../../shared/concerns-public';
import { useOroText } from './oro-text';
import { EmergencyBox, LanguageChooser, StepErrors, type FieldErrors } from './PublicParts';
import { statusCodeMessage } from './status-code-message';
import { useFormLanguage } from './OroFormPage';
import './public.css';

/**
 * /oro/status: the receipt code in, the channel status out (and, for a reporter with the duty to report,
 * the lawful feedback). The code travels in a POST body, never in the URL.
 */
export default function StatusPage() {
  const [language, setLanguage] = useFormLanguage();
  const { t, ready } = useOroText(language);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // Stable between renders: the summary takes focus when its errors change, not on every keystroke.
  const errors = useMemo((): FieldErrors => (fieldError ? { 'status.code': fieldError } : ({} as FieldErrors)), [fieldError]);
  const lookup = useMutation({
    mutationFn: (receiptCode: string) =>
      api('/api/public/concerns/status', {
        method: 'POST',
        body: { receiptCode },
        schema: publicConcernStatusSchema,
      }),
  });
  if (!ready) return <PageLoading />;

  const submit = () => {
    const normalised = normaliseReceiptCode(code);
    if (!normalised) {
      // Each failed try remounts the summary (key), so it takes focus and is announced every time.
      setFieldError(statusCodeMessage(code, t) ?? t('status.invalid'));
      setAttempt((n) => n + 1);
      lookup.reset();
      return;
    }
    setFieldError(null);
    lookup.mutate(normalised);
  };

  const notFound = lookup.isError && isApiError(lookup.error) && lookup.error.status === 404;
  const dateFormat = new Intl.DateTimeFormat(language === 'sv' ? 'sv-SE' : language, { dateStyle: 'long' });
  return (
    <Page title={t('status.title')} width="narrow">
      <LanguageChooser t={t} language={language} onChange={setLanguage} />
      <Paragraph>{t('status.intro')}</Paragraph>
      <StepErrors key={attempt} t={t} errors={errors} labelOf={() => t('status.code')} />
      <form
        noValidate
        className="stack"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <Textfield
          id="oro-status-code"
          label={t('status.code')}
          value={code}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          error={fieldError ?? undefined}
          onChange={(event) => setCode(event.target.value)}
        />
        <div>
          <Button type="submit" aria-busy={lookup.isPending || undefined}>
            {t('status.check')}
          </Button>
        </div>
      </form>
      <div aria-live="polite">
        {notFound ? <Alert data-color="warning">{t('status.notFound')}</Alert> : null}
        {lookup.isError && !notFound ? <Alert data-color="danger">{isApiError(lookup.error) && lookup.error.status === 429 ? t('rateLimited') : t('loadFailed')}</Alert> : null}
        {lookup.data ? (
          <Card data-color="neutral" variant="tinted" className="stack">
            <Heading level={2} data-size="sm">
              {t('status.current', {
                status: t(`status.statuses.${lookup.data.status}`),
              })}
            </Heading>
            <Paragraph data-size="sm">
              {t('status.updated', {
                date: dateFormat.format(new Date(lookup.data.updatedAt)),
              })}
            </Paragraph>
            {lookup.data.feedback ? (
              <>
                <Heading level={3} data-size="2xs">
                  {t('status.feedbackHeading')}
                </Heading>
                <Paragraph>{t(`status.feedback.${lookup.data.feedback}`)}</Paragraph>
              </>
            ) : null}
            <Paragraph data-size="sm">{t('status.privacy')}</Paragraph>
          </Card>
        ) : null}
      </div>
      <EmergencyBox t={t} />
    </Page>
  );
}
