import { useEffect, useRef, type ReactNode } from 'react';
import { Button, Card, ErrorSummary, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { FORM_LANGUAGES } from '../../../shared/concerns-public';
import { FORM_LANGUAGE_NAMES, type FormLanguage, type OroT } from './oro-text';

/** The five form languages, each named in its own script and marked with its own `lang`. */
export function LanguageChooser({ t, language, onChange }: { t: OroT; language: FormLanguage; onChange: (language: FormLanguage) => void }) {
  return (
    <nav aria-label={t('language')} className="oro-languages">
      {FORM_LANGUAGES.map((code) => (
        <Button
          key={code}
          type="button"
          lang={code}
          data-size="sm"
          variant={code === language ? 'primary' : 'secondary'}
          aria-pressed={code === language}
          onClick={() => onChange(code)}
        >
          {FORM_LANGUAGE_NAMES[code]}
        </Button>
      ))}
    </nav>
  );
}

/**
 * Phone numbers keep their left-to-right order inside Arabic and Persian text: without isolation the
 * bidi algorithm would show "114 14" as "14 114".
 */
export function withLtrNumbers(text: string): ReactNode[] {
  return text.split(/(\+?\d[\d ]*\d)/).map((part, index) =>
    index % 2 === 1 ? (
      <bdi key={index} dir="ltr">
        {part}
      </bdi>
    ) : (
      part
    ),
  );
}

/** 112, 114 14, BRIS, and the municipality's social services, in the form's own language. */
export function EmergencyBox({ t, socialServicesPhone }: { t: OroT; socialServicesPhone?: string | null }) {
  return (
    <Card data-color="warning" variant="tinted" className="oro-emergency">
      <Heading level={2} data-size="2xs">
        {t('emergency.heading')}
      </Heading>
      <ul>
        <li>
          <Link href="tel:112">{withLtrNumbers(t('emergency.danger'))}</Link>
        </li>
        <li>
          <Link href="tel:11414">{withLtrNumbers(t('emergency.police'))}</Link>
        </li>
        <li>
          <Link href="tel:116111">{withLtrNumbers(t('emergency.bris'))}</Link>
        </li>
        {socialServicesPhone ? (
          <li>
            <Link href={`tel:${socialServicesPhone.replace(/[^0-9+]/g, '')}`}>{withLtrNumbers(t('emergency.social', { phone: socialServicesPhone }))}</Link>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}

export type FieldErrors = Record<string, string>;

/** Field ids of the form: `oro-reporter-contact` for the server's `reporter.contact`. */
export const oroFieldId = (path: string) => `oro-${path.replace(/\./g, '-')}`;

/**
 * Moves focus to a field named in the error summary: the input itself, or in a group of choices the
 * chosen (else the first) option, as a keyboard user would land on it. Falls back to the element.
 */
export function focusField(id: string): boolean {
  const target = document.getElementById(id);
  if (!target) return false;
  const input =
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
      ? target
      : (target.querySelector<HTMLElement>('input:checked') ?? target.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select') ?? target);
  input.focus();
  input.scrollIntoView?.({ block: 'center' });
  return document.activeElement === input;
}

/**
 * Lists what must be corrected, takes focus when it appears, and names each field ("Vem är du? – Välj
 * ett svar.") with a link that moves focus to it. `labelOf` gives a field's visible label, if it has one.
 */
export function StepErrors({
  t,
  errors,
  general,
  labelOf,
}: {
  t: OroT;
  errors: FieldErrors;
  general?: string | null;
  labelOf?: (path: string) => string | undefined;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  const shown = entries.length > 0 || Boolean(general);
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown, errors, general]);
  if (!shown) return null;
  return (
    <div ref={ref} tabIndex={-1}>
      <ErrorSummary>
        <ErrorSummary.Heading>{t('fixErrors')}</ErrorSummary.Heading>
        <ErrorSummary.List>
          {general ? <ErrorSummary.Item>{general}</ErrorSummary.Item> : null}
          {entries.map(([path, message]) => {
            const label = labelOf?.(path);
            return (
              <ErrorSummary.Item key={path}>
                <ErrorSummary.Link
                  href={`#${oroFieldId(path)}`}
                  onClick={(event) => {
                    // The link works without script too; with it, focus lands in the field, not on its box.
                    if (focusField(oroFieldId(path))) event.preventDefault();
                  }}
                >
                  {label ? t('errorEntry', { field: label, message }) : message}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            );
          })}
        </ErrorSummary.List>
      </ErrorSummary>
    </div>
  );
}

export function Progress({ t, step, total }: { t: OroT; step: number; total: number }) {
  return (
    <Paragraph data-size="sm">
      <progress max={total} value={step} aria-hidden="true" /> {t('progress', { step, total })}
    </Paragraph>
  );
}
