import { useState } from 'react';
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { useAppForm } from '../../components/form';
import type { SharingAnswer } from '../../../shared/sharing';
import { AnswerView } from './AnswerView';
import { EXAMPLE_QUESTIONS } from './examples';
import { Link as RouterLink } from 'react-router';
import { EMPTY_QUESTION, sharingFormSchema, toGuideQuestion, type SharingFormInput, type SharingFormValues } from './form-schema';
import { askSharingQuestion, useSharingRules } from './queries';
import { useSession } from '../../api/session';
import { paths } from '../../app/paths';
import { QUESTION_FORM_ID, QuestionForm } from './QuestionForm';
import './sharing.css';

/**
 * "Får vi dela?": a practitioner describes a disclosure and gets yes or no, the legal basis, a plain
 * explanation and the reasoning. The server answers (and logs that the guide was used); no personal
 * data is entered, only the shape of the question.
 */
export default function SharingGuidePage() {
  const { t } = useTranslation('sharing');
  const form = useAppForm<SharingFormInput, SharingFormValues>(sharingFormSchema, { defaultValues: EMPTY_QUESTION });
  const [answer, setAnswer] = useState<SharingAnswer | null>(null);
  const rules = useSharingRules();
  const session = useSession();
  const isJurist = session.data?.active?.role === 'jurist';

  const ask = async (values: SharingFormValues) => {
    setAnswer(null);
    setAnswer(await askSharingQuestion(toGuideQuestion(values)));
  };

  /** An example fills the form, so the user sees what was asked and can change it, then asks at once. */
  const askExample = (question: SharingFormInput) => {
    form.reset(question);
    (document.getElementById(QUESTION_FORM_ID) as HTMLFormElement | null)?.requestSubmit();
  };

  return (
    <Page title={t('title')}>
      <Paragraph>{t('intro')}</Paragraph>
      {isJurist ? (
        <Paragraph>
          <Link asChild>
            <RouterLink to={paths.farViDelaGranskning}>{t('review.link')}</RouterLink>
          </Link>
        </Paragraph>
      ) : null}
      <section aria-labelledby="sharing-examples-heading" className="stack">
        <Heading level={2} data-size="sm" id="sharing-examples-heading">
          {t('examples.heading')}
        </Heading>
        <ul className="button-list">
          {EXAMPLE_QUESTIONS.map((example) => (
            <li key={example.id}>
              <Button variant="secondary" onClick={() => askExample(example.question)}>
                {t(`examples.${example.id}`)}
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <div className="sharing-layout">
        <section aria-labelledby="sharing-question-heading" className="stack">
          <Heading level={2} data-size="sm" id="sharing-question-heading">
            {t('form.heading')}
          </Heading>
          <QuestionForm form={form} onAsk={ask} youngPersonConsentAge={rules.data?.youngPersonConsentAge ?? 15} />
        </section>
        <div>{answer ? <AnswerView answer={answer} /> : null}</div>
      </div>
    </Page>
  );
}
