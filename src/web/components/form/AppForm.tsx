import { createContext, useContext, useRef, type FormEvent, type ReactNode } from 'react';
import { FormProvider, type FieldValues, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { FormErrorSummary } from './FormErrorSummary';

interface FormMeta {
  formId: string;
  /** Field name -> visible label, so the error summary can say which field is wrong. */
  labels: Map<string, string>;
}

const FormMetaContext = createContext<FormMeta | null>(null);

export function useFormMeta(): FormMeta {
  const meta = useContext(FormMetaContext);
  if (!meta) throw new Error('Form fields must be inside <AppForm>');
  return meta;
}

/** The id a field's input gets: stable, so error-summary links and tests can point at it. */
export const fieldId = (formId: string, name: string) => `${formId}-${name.replace(/\./g, '-')}`;

export interface AppFormProps<Input extends FieldValues, Output> {
  /** A stable, page-unique id; field ids derive from it (`sign-in-email`). */
  id: string;
  form: UseFormReturn<Input, unknown, Output>;
  onSubmit: (values: Output) => Promise<unknown> | unknown;
  /**
   * Overrides how a failed submit is shown: a string is one message for the whole form, `{ field, message }`
   * puts it on a field (e.g. a wrong current password). Return undefined for the default: the server's
   * `fields` on their fields, its message for the form. Field errors from `fields` are always placed.
   */
  describeError?: (error: unknown) => string | { field: string; message: string } | undefined;
  /** The error summary's heading when the failure is about the whole form, e.g. "Sign-in did not succeed". */
  failedHeading?: string;
  children: ReactNode;
  'aria-labelledby'?: string;
}

/**
 * A form with the house behaviour: client validation with the zod schema, server field errors on
 * their fields, and on any failed submit an error summary that takes focus and links to each field.
 */
export function AppForm<Input extends FieldValues, Output>({ id, form, onSubmit, describeError, failedHeading, children, ...rest }: AppFormProps<Input, Output>) {
  const { t } = useTranslation();
  const labels = useRef(new Map<string, string>()).current;

  const submit = form.handleSubmit(async (values) => {
    try {
      await onSubmit(values);
    } catch (error) {
      const described = describeError?.(error);
      const fields = { ...(isApiError(error) ? error.fields : {}) };
      if (typeof described === 'object') fields[described.field] = described.message;
      let unplaced = false;
      for (const [path, message] of Object.entries(fields)) {
        if (labels.has(path)) form.setError(path as never, { type: 'server', message });
        else unplaced = true;
      }
      const hasFieldErrors = Object.keys(fields).length > 0 && !unplaced;
      if (typeof described === 'string' || !hasFieldErrors) {
        const fallback = isApiError(error) && error.message ? error.message : t('errors.generic');
        form.setError('root.server' as never, { type: 'server', message: typeof described === 'string' ? described : fallback });
      }
    }
  });

  const handle = (event: FormEvent<HTMLFormElement>) => {
    if (form.formState.isSubmitting) {
      event.preventDefault(); // one request at a time
      return;
    }
    void submit(event);
  };

  return (
    <FormMetaContext.Provider value={{ formId: id, labels }}>
      <FormProvider {...form}>
        <form id={id} noValidate onSubmit={handle} className="app-form" {...rest}>
          <FormErrorSummary failedHeading={failedHeading} />
          {children}
        </form>
      </FormProvider>
    </FormMetaContext.Provider>
  );
}
