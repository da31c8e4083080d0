import { Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { registerExtractPaths } from './register-extract-paths';
import '../admin/admin.css';

/**
 * The person's register extract (registerutdrag) as JSON or PDF. Plain links: the browser downloads with
 * the session cookie, and the server authorizes and audits every production.
 */
export function RegisterExtractSection({ personId }: { personId: string }) {
  const { t } = useTranslation('auditLog');
  return (
    <section aria-labelledby="register-extract-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="register-extract-heading">
        {t('registerExtract.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('registerExtract.intro')}</Paragraph>
      <Paragraph data-size="sm">{t('registerExtract.secrecyReview')}</Paragraph>
      <ul>
        <li>
          <Link href={registerExtractPaths.pdf(personId)} download>
            {t('registerExtract.pdf')}
          </Link>
        </li>
        <li>
          <Link href={registerExtractPaths.json(personId)} download="registerutdrag.json">
            {t('registerExtract.json')}
          </Link>
        </li>
      </ul>
    </section>
  );
}
