import { useId, useState } from 'react';
import { Button, Field, Fieldset, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { MUNICIPALITIES, REGIONS } from '../../../shared/municipalities';
import { areaLabel } from './parts';

/**
 * Choosing municipalities and regions (län) by SCB code: a select grouped by region (each region first,
 * then its municipalities), an add button, and the chosen ones as a list with a remove button each.
 * A native select works with a keyboard, a screen reader and a phone's own picker.
 */
export function AreaPicker({
  id,
  legend,
  help,
  value,
  onChange,
  error,
  exclude = [],
}: {
  id: string;
  legend: string;
  help: string;
  value: readonly string[];
  onChange: (codes: string[]) => void;
  error?: string;
  exclude?: readonly string[];
}) {
  const { t } = useTranslation('housingExchange');
  const [choice, setChoice] = useState('');
  const helpId = useId();
  const taken = new Set([...value, ...exclude]);
  const add = () => {
    if (choice && !taken.has(choice)) onChange([...value, choice]);
    setChoice('');
  };
  return (
    <Fieldset>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      <Fieldset.Description id={helpId}>{help}</Fieldset.Description>
      <div className="exchange-row">
        <Field>
          <Label htmlFor={id}>{t('newRequest.areaPicker')}</Label>
          <Select id={id} value={choice} onChange={(event) => setChoice(event.target.value)} aria-describedby={helpId} aria-invalid={error ? true : undefined}>
            <option value="">{t('newRequest.chooseArea')}</option>
            {REGIONS.map((region) => (
              <optgroup key={region.code} label={region.name}>
                <option value={region.code} disabled={taken.has(region.code)}>
                  {region.name}
                </option>
                {MUNICIPALITIES.filter((m) => m.regionCode === region.code).map((m) => (
                  <option key={m.code} value={m.code} disabled={taken.has(m.code)}>
                    {m.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Button type="button" variant="secondary" onClick={add} disabled={!choice}>
          {t('newRequest.addArea')}
        </Button>
      </div>
      {value.length > 0 ? (
        <>
          <Paragraph data-size="sm">{t('newRequest.chosen', { count: value.length })}</Paragraph>
          <ul className="exchange-chips">
            {value.map((code) => (
              <li key={code}>
                <Button type="button" variant="tertiary" data-size="sm" onClick={() => onChange(value.filter((c) => c !== code))} aria-label={t('newRequest.remove', { name: areaLabel(code, t) })}>
                  {areaLabel(code, t)} ✕
                </Button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {error ? <ValidationMessage>{error}</ValidationMessage> : null}
    </Fieldset>
  );
}
