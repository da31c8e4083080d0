import { useLayoutEffect, type InputHTMLAttributes, type ReactNode } from 'react';
import { Textfield } from '@digdir/designsystemet-react';
import { get, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId, useFormMeta } from './AppForm';

export interface TextFieldProps extends Pick<InputHTMLAttributes<HTMLInputElement>, 'autoComplete' | 'inputMode' | 'spellCheck' | 'autoCapitalize' | 'maxLength'> {
  name: string;
  label: string;
  description?: ReactNode;
  /** Shown after the label; all fields are required unless marked optional. */
  optional?: boolean;
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search' | 'number' | 'date';
}

/**
 * A text input bound to the surrounding AppForm. Designsystemet's Field links the label, description
 * and validation message to the input (aria-describedby, aria-invalid).
 */
export function TextField({ name, label, description, optional, type = 'text', ...inputProps }: TextFieldProps) {
  const { t } = useTranslation();
  const { register, formState } = useFormContext();
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, label);
    return () => void labels.delete(name);
  }, [labels, name, label]);
  const error = get(formState.errors, name) as { message?: string } | undefined;

  return (
    <Textfield
      id={fieldId(formId, name)}
      label={optional ? `${label} ${t('form.optional')}` : label}
      description={description}
      type={type}
      error={error?.message}
      {...inputProps}
      {...register(name)}
    />
  );
}
