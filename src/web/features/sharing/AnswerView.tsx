import { useEffect, useRef } from 'react';
import { Alert, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { LegalSource, SharingAnswer } from '../../../shared/sharing';
import { SHARING_RULES } from '../../../shared/sharing-rules';

const titles = new Map(SHARING_RULES.map((rule) => [rule.id, rule.title]));

/** "SFS 2009:400", or the EU regulation's own number as it is written. */
const sourceText = (source: LegalSource) => `${source.law} ${source.reference} (${source.sfs.startsWith('(') ? source.sfs : `SFS ${source.sfs}`})`;

/**
 * The answer: yes or no as a big status, then why. Focus moves to its heading when a new answer arrives,
 * so keyboard and screen-reader users land on it without hunting.
 */
export function AnswerView({ answer }: { answer: SharingAnswer }) {
  const { t, i18n } = useTranslation('sharing');
  const english = i18n.language === 'en';
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [answer]);

  return (
    <section aria-labelledby="sharing-answer-heading" className="stack sharing-answer">
      <Alert data-color={answer.allowed ? 'success' : 'danger'}>
        <Heading level={2} data-size="md" id="sharing-answer-heading" ref={headingRef} tabIndex={-1}>
          {answer.allowed ? t('answer.yes') : t('answer.no')}
        </Heading>
        <Paragraph>{answer.allowed ? t('answer.yesLead') : t('answer.noLead')}</Paragraph>
      </Alert>
      {answer.review ? (
        <Paragraph className="sharing-review-state">
          <Tag data-color={answer.review.state === 'reviewed' ? 'success' : 'warning'} data-size="sm">
            {answer.review.state === 'reviewed'
              ? t('answer.review.reviewed', { name: answer.review.reviewedByName ?? '', date: answer.review.reviewedOn ?? '' })
              : t(`answer.review.${answer.review.state}`)}
          </Tag>
        </Paragraph>
      ) : null}
      {answer.unconfirmed ? (
        <Alert data-color="warning">
          <Paragraph>{t('answer.unconfirmed')}</Paragraph>
        </Alert>
      ) : null}
      <dl className="sharing-facts">
        <dt>{t('answer.basis')}</dt>
        <dd>{answer.basis}</dd>
        <dt>{t('answer.source')}</dt>
        <dd>{sourceText(answer.source)}</dd>
      </dl>
      <Heading level={3} data-size="xs">
        {t('answer.explanation')}
      </Heading>
      {answer.consentFinding && answer.consentFinding.reason !== 'no_consent' ? (
        <Paragraph>
          <strong>{t('answer.consent')}</strong> {english ? answer.consentFinding.en : answer.consentFinding.sv}
        </Paragraph>
      ) : null}
      <Paragraph>{english ? answer.explanationEn : answer.explanationSv}</Paragraph>
      {answer.notes.map((note) => (
        <Alert key={note.ruleId} data-color="info">
          <Paragraph>
            {english ? note.en : note.sv}
            {note.unconfirmed ? ` ${t('answer.noteUnconfirmed')}` : ''}
          </Paragraph>
        </Alert>
      ))}
      <Heading level={3} data-size="xs">
        {t('answer.reasoning')}
      </Heading>
      <ol className="sharing-reasoning">
        {answer.considered.map((entry) => {
          const title = titles.get(entry.ruleId);
          const decisive = entry.ruleId === answer.ruleId;
          return (
            <li key={entry.ruleId}>
              <span>{title ? (english ? title.en : title.sv) : entry.ruleId}</span>{' '}
              <Tag data-color={entry.applied ? (entry.effect === 'allow' ? 'success' : 'danger') : 'neutral'} data-size="sm">
                {t(`answer.status.${entry.applied ? entry.effect : 'notApplied'}`)}
              </Tag>
              {decisive ? <strong> {t('answer.decisive')}</strong> : null}
            </li>
          );
        })}
        {answer.ruleId === 'ingen_grund' ? <li>{t('answer.noRuleApplied')}</li> : null}
      </ol>
      <Paragraph data-size="sm">{t('answer.disclaimer')}</Paragraph>
    </section>
  );
}
