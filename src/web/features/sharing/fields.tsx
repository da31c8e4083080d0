import { useLayoutEffect } from 'react';
import { Fieldset, Radio, ValidationMessage } from '@digdir/designsystemet-react';
import { get, useFormContext } from 'react-hook-form';
import { fieldId } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';

/** One choice among a few, as radios under a legend, so the whole set of choices is read out together. */
export function RadioGroupField({ name, legend, options }: { name: string; legend: string; options: readonly { value: string; label: string }[] }) {
  const { register, formState } = useFormContext();
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, legend);
    return () => void labels.delete(name);
  }, [labels, name, legend]);
  const error = (get(formState.errors, name) as { message?: string } | undefined)?.message;
  return (
    <Fieldset id={fieldId(formId, name)} tabIndex={-1}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((option) => (
        <Radio key={option.value} id={`${fieldId(formId, name)}-${option.value}`} label={option.label} value={option.value} aria-invalid={error ? true : undefined} {...register(name)} />
      ))}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}
