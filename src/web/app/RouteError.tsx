import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';

/**
 * When a page crashes or its code cannot load (often: a new version was deployed while the tab was
 * open). Says so plainly and offers a reload; the emergency numbers stay reachable below.
 */
export function RouteError() {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = `${t('errors.crashTitle')} – ${t('appName')}`;
  }, [t]);
  return (
    <main id="main" className="app-main">
      <div className="page page--narrow">
        <Heading level={1} data-size="lg">
          {t('errors.crashTitle')}
        </Heading>
        <Alert data-color="danger">
          <Paragraph>{t('errors.crashBody')}</Paragraph>
        </Alert>
        <Button onClick={() => window.location.reload()}>{t('actions.reload')}</Button>
      </div>
    </main>
  );
}
