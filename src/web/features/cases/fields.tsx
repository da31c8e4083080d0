import { useLayoutEffect } from 'react';
import { Checkbox, Fieldset, Radio, Textarea, Field, Label, ValidationMessage } from '@digdir/designsystemet-react';
import { get, useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';

export { SelectField } from '../admin/SelectField';
export { CheckboxField } from '../admin/CheckboxField';

/** Registers the field's visible label for the error summary, like TextField does. */
function useLabel(name: string, label: string) {
  const { labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, label);
    return () => void labels.delete(name);
  }, [labels, name, label]);
}

function useError(name: string): string | undefined {
  const { formState } = useFormContext();
  return (get(formState.errors, name) as { message?: string } | undefined)?.message;
}

/** A multi-line text bound to the surrounding AppForm. */
export function TextareaField({ name, label, optional, rows = 3 }: { name: string; label: string; optional?: boolean; rows?: number }) {
  const { t } = useTranslation();
  const { register } = useFormContext();
  const { formId } = useFormMeta();
  useLabel(name, label);
  const error = useError(name);
  const id = fieldId(formId, name);
  return (
    <Field>
      <Label htmlFor={id}>{optional ? `${label} ${t('form.optional')}` : label}</Label>
      <Textarea id={id} rows={rows} aria-invalid={error ? true : undefined} {...register(name)} />
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Field>
  );
}

/**
 * Several checkboxes under one legend whose checked values form one array field. Controlled, so a
 * group of one checkbox is still an array (react-hook-form would make it a boolean).
 */
export function CheckboxGroupField({ name, legend, options, description }: { name: string; legend: string; description?: string; options: { value: string; label: string }[] }) {
  const { control } = useFormContext();
  const { formId } = useFormMeta();
  useLabel(name, legend);
  const { field, fieldState } = useController({ name, control });
  const selected = (Array.isArray(field.value) ? field.value : []) as string[];
  const error = fieldState.error?.message;
  return (
    <Fieldset id={fieldId(formId, name)} tabIndex={-1} ref={field.ref}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description ? <Fieldset.Description>{description}</Fieldset.Description> : null}
      {options.map((option) => (
        <Checkbox
          key={option.value}
          id={`${fieldId(formId, name)}-${option.value}`}
          label={option.label}
          value={option.value}
          checked={selected.includes(option.value)}
          aria-invalid={error ? true : undefined}
          onBlur={field.onBlur}
          onChange={(event) => field.onChange(event.target.checked ? [...selected, option.value] : selected.filter((value) => value !== option.value))}
        />
      ))}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}

/** One choice among a few, as radios under a legend. */
export function RadioGroupField({ name, legend, options }: { name: string; legend: string; options: { value: string; label: string }[] }) {
  const { register } = useFormContext();
  const { formId } = useFormMeta();
  useLabel(name, legend);
  const error = useError(name);
  return (
    <Fieldset id={fieldId(formId, name)} tabIndex={-1}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((option) => (
        <Radio
          key={option.value}
          id={`${fieldId(formId, name)}-${option.value}`}
          label={option.label}
          value={option.value}
          aria-invalid={error ? true : undefined}
          {...register(name)}
        />
      ))}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}
