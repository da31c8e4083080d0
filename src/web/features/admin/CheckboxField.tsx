import { useLayoutEffect } from 'react';
import { Checkbox } from '@digdir/designsystemet-react';
import { useFormContext } from 'react-hook-form';
import { fieldId } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';

/** A yes/no field bound to the surrounding AppForm. */
export function CheckboxField({ name, label, description }: { name: string; label: string; description?: string }) {
  const { register } = useFormContext();
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, label);
    return () => void labels.delete(name);
  }, [labels, name, label]);
  return <Checkbox id={fieldId(formId, name)} label={label} description={description} {...register(name)} />;
}
