import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useFrameText } from './frame-language';

/** On every page: where to turn when someone is in danger now. Samverka is not an emergency channel. */
export function EmergencyFooter() {
  const { t, lang, dir } = useFrameText();
  return (
    <footer className="app-footer" lang={lang} dir={dir}>
      <div className="app-footer__inner">
        <Heading level={2} data-size="2xs">
          {t('emergency.heading')}
        </Heading>
        <ul className="app-footer__numbers">
          <li>
            <Link href="tel:112" className="app-footer__number">
              112
            </Link>{' '}
            <span>{t('emergency.danger')}</span>
          </li>
          <li>
            <Link href="tel:11414" className="app-footer__number">
              114 14
            </Link>{' '}
            <span>{t('emergency.police')}</span>
          </li>
          <li>
            <Link href="tel:116111" className="app-footer__number">
              116 111
            </Link>{' '}
            <span>{t('emergency.bris')}</span>
          </li>
        </ul>
        <Paragraph data-size="xs" className="app-footer__note">
          {t('emergency.note')}
        </Paragraph>
      </div>
    </footer>
  );
}
