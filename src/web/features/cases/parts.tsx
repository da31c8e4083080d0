import type { ReactNode } from 'react';
import { Alert, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import type { CaseDetail, CaseSection, SectionAccess } from '../../../shared/cases';
import { CONSENT_STATE_NAMES } from '../../../shared/sharing';
import { nameOf } from './queries';

/** A section of the case page: a landmark named by its h2, on a card. */
export function SectionCard({ id, title, children, actions }: { id: string; title: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="case-section">
      <Card data-color="neutral" className="stack">
        <div className="case-section__head">
          <Heading level={2} data-size="sm" id={`${id}-heading`} tabIndex={-1}>
            {title}
          </Heading>
          {actions}
        </div>
        {children}
      </Card>
    </section>
  );
}

export const accessOf = (detail: CaseDetail, section: CaseSection): SectionAccess | undefined => detail.access.find((entry) => entry.section === section);
export const sees = (detail: CaseDetail, section: CaseSection): boolean => accessOf(detail, section)?.visible ?? false;

/**
 * What the viewer does not see, and why, in the engine's own words with its legal basis. Calm on
 * purpose: a hidden section is the law working, not an error.
 */
export function HiddenNotice({ access, what }: { access: SectionAccess | undefined; what: string }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  if (!access) return <Paragraph data-size="sm">{t('hidden.generic', { what })}</Paragraph>;
  return (
    <Alert data-color="info" className="case-hidden">
      <Paragraph data-size="sm">
        <strong>{t('hidden.title', { what })}</strong> {language === 'en' ? access.explanationEn : access.explanationSv}
      </Paragraph>
      <Paragraph data-size="xs">
        {t('hidden.consentState', {
          state: nameOf(CONSENT_STATE_NAMES, access.consentState, language),
        })}{' '}
        {access.basis ? t('hidden.basis', { basis: access.basis }) : null}
      </Paragraph>
    </Alert>
  );
}

export const errorText = (error: unknown): string => (isApiError(error) ? [error.message, ...Object.values(error.fields)].filter(Boolean).join(' ') : String(error));

/** A server refusal after a button press (not a form): said where the user is, and announced. */
export function ActionError({ error }: { error: unknown }) {
  if (!error) return null;
  return (
    <Alert data-color="danger" role="alert">
      {errorText(error)}
    </Alert>
  );
}
