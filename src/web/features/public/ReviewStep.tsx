import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { PublicTenant } from '../../../shared/concerns-public';
import type { Draft } from './draft';
import type { FormLanguage, OroT } from './oro-text';
import { reviewSections } from './review-sections';

/**
 * The last screen before Send: what will be sent, and to which municipality. Nothing has left the
 * browser yet; "Ändra" goes back to the step, with every answer still there.
 */
export function ReviewStep({
  t,
  draft,
  tenant,
  language,
  onChange,
}: {
  t: OroT;
  draft: Draft;
  tenant: Pick<PublicTenant, 'name' | 'associations'>;
  language: FormLanguage;
  onChange: (step: number) => void;
}) {
  return (
    <div className="stack oro-review">
      <Heading level={2} data-size="sm">
        {t('review.heading')}
      </Heading>
      <Paragraph>{t('review.recipient', { tenant: tenant.name })}</Paragraph>
      <Paragraph data-size="sm">{t('review.intro')}</Paragraph>
      {reviewSections(draft, t, tenant, language).map((section) => (
        <section key={section.step} className="oro-review__section" aria-labelledby={`oro-review-${section.step}`}>
          <Heading level={3} data-size="xs" id={`oro-review-${section.step}`}>
            {section.heading}
          </Heading>
          {section.rows.length > 0 ? (
            <dl>
              {section.rows.map(([label, value]) => (
                <div key={label}>
                  <dt>{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <Paragraph data-size="sm">{t('review.nothingGiven')}</Paragraph>
          )}
          <Button type="button" variant="tertiary" data-size="sm" onClick={() => onChange(section.step)}>
            {t('review.change')}
            <span className="visually-hidden"> – {section.heading}</span>
          </Button>
        </section>
      ))}
    </div>
  );
}
