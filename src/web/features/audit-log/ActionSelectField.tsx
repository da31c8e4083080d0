import { useLayoutEffect } from 'react';
import { Field, Label, Select } from '@digdir/designsystemet-react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldId } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';
import { actionGroups } from './action-groups';

/** The event-type filter: "Alla" first, then every event type under its area (optgroups), bound to the AppForm. */
export function ActionSelectField({ name, label }: { name: string; label: string }) {
  const { t, i18n } = useTranslation('auditLog');
  const language = i18n.language === 'en' ? 'en' : 'sv';
  const { register } = useFormContext();
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set(name, label);
    return () => void labels.delete(name);
  }, [labels, name, label]);
  return (
    <Field>
      <Label htmlFor={fieldId(formId, name)}>{label}</Label>
      <Select id={fieldId(formId, name)} {...register(name)}>
        <option value="">{t('search.any')}</option>
        {actionGroups(language).map((group) => (
          <optgroup key={group.area} label={t(`search.actionAreas.${group.area}`)}>
            {group.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </Select>
    </Field>
  );
}
