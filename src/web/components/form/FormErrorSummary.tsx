import { ErrorSummary, Paragraph } from '@digdir/designsystemet-react';
import { useFormContext, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId, useFormMeta } from './AppForm';

interface SummaryItem {
  name: string | null;
  message: string;
}

/**
 * Lists what is wrong after a failed submit. Designsystemet's <ds-error-summary> focuses itself when it
 * appears; keying it on the submit count makes every failed submit move focus here again.
 */
export function FormErrorSummary({ failedHeading }: { failedHeading?: string }) {
  const { t } = useTranslation();
  const { formState, setFocus } = useFormContext();
  const { formId, labels } = useFormMeta();
  if (formState.submitCount === 0) return null;
  const items = collect(formState.errors);
  if (items.length === 0) return null;
  const formMessages = items.filter((item) => item.name === null);
  const fieldItems = items.filter((item) => item.name !== null);

  return (
    <ErrorSummary key={formState.submitCount} className="app-form__summary">
      <ErrorSummary.Heading>{fieldItems.length > 0 ? t('form.summaryHeading') : (failedHeading ?? t('form.failedHeading'))}</ErrorSummary.Heading>
      {formMessages.map((item) => (
        <Paragraph key={item.message}>{item.message}</Paragraph>
      ))}
      {fieldItems.length > 0 && (
        <ErrorSummary.List>
          {fieldItems.map((item) => (
            <ErrorSummary.Item key={item.name ?? item.message}>
              {item.name ? (
                <ErrorSummary.Link
                  href={`#${fieldId(formId, item.name)}`}
                  onClick={(event) => {
                    event.preventDefault();
                    setFocus(item.name!);
                  }}
                >
                  {labels.get(item.name) ? `${labels.get(item.name)}: ${item.message}` : item.message}
                </ErrorSummary.Link>
              ) : (
                item.message
              )}
            </ErrorSummary.Item>
          ))}
        </ErrorSummary.List>
      )}
    </ErrorSummary>
  );
}

function collect(errors: FieldErrors, prefix = ''): SummaryItem[] {
  const items: SummaryItem[] = [];
  for (const [key, error] of Object.entries(errors)) {
    if (!error) continue;
    if (key === 'root') {
      const root = error as FieldErrors;
      for (const rootError of Object.values(root)) {
        if (rootError && typeof rootError.message === 'string') items.push({ name: null, message: rootError.message });
      }
      continue;
    }
    const name = prefix ? `${prefix}.${key}` : key;
    if (typeof error.message === 'string' && 'type' in error) items.push({ name, message: error.message });
    else if (typeof error === 'object' && !('type' in error)) items.push(...collect(error as FieldErrors, name));
  }
  // Form-level messages first: they explain the rest.
  return items.sort((a, b) => Number(a.name !== null) - Number(b.name !== null));
}
