import { Button } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';

/** Previous, this and next week; the week shown is announced when it changes. */
export function WeekPicker({ week, dates, previousWeek, nextWeek, onChange, current }: { week: string; dates: string[]; previousWeek: string; nextWeek: string; current: string; onChange: (week: string) => void }) {
  const { t } = useTranslation('presence');
  const format = useFormatters();
  const number = Number(week.slice(6));
  const first = dates[0] ? format.date(`${dates[0]}T12:00:00Z`) : '';
  const last = dates[6] ? format.date(`${dates[6]}T12:00:00Z`) : '';
  return (
    <div className="presence-week-picker">
      <Button variant="secondary" data-size="sm" onClick={() => onChange(previousWeek)}>
        {t('weekPicker.previous')}
      </Button>
      <p className="presence-week-picker__label" aria-live="polite">
        <strong>{t('weekPicker.week', { number })}</strong> <span>{t('weekPicker.range', { first, last })}</span>
      </p>
      <Button variant="secondary" data-size="sm" onClick={() => onChange(nextWeek)}>
        {t('weekPicker.next')}
      </Button>
      {week !== current ? (
        <Button variant="tertiary" data-size="sm" onClick={() => onChange(current)}>
          {t('weekPicker.current')}
        </Button>
      ) : null}
    </div>
  );
}
