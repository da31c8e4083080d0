import { Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { VettingStatus } from '../../../shared/mentors';

const COLOURS = { giltig: 'success', gar_ut: 'warning', utgangen: 'danger', saknas: 'neutral' } as const;

/** Giltig / går ut inom 30 dagar / utgången / ej kontrollerad: the status in words, never by colour alone. */
export function VettingTag({ status }: { status: VettingStatus }) {
  const { t } = useTranslation('mentors');
  return (
    <Tag data-color={COLOURS[status]} data-size="sm">
      {t(`status.${status}`)}
    </Tag>
  );
}
