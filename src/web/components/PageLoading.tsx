import { Spinner } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/** Shown while a page's code, strings or first data load. */
export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="page-loading" role="status">
      <Spinner aria-hidden="true" data-size="lg" />
      <span className="visually-hidden">{t('loading')}</span>
    </div>
  );
}
