import { useLayoutEffect, type ReactNode } from 'react';
import { Field, Label, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { get, useFormContext } from 'react-hook-form';
import { fieldId } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';

/** A native select bound to the surrounding AppForm, like TextField: label, error, aria wiring by Field. */
export function SelectField({ name, label, options }: { name: string; label: string; options: { value: string; label: ReactNode }[] }) {
  const { register, formState } = useFormContext();
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, label);
    return () => void labels.delete(name);
  }, [labels, name, label]);
  const error = get(formState.errors, name) as { message?: string } | undefined;
  return (
    <Field>
      <Label htmlFor={fieldId(formId, name)}>{label}</Label>
      <Select id={fieldId(formId, name)} aria-invalid={error?.message ? true : undefined} {...register(name)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </Select>
      {error?.message && <ValidationMessage>{error.message}</ValidationMessage>}
    </Field>
  );
}
