import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { useFormatters } from '../../i18n/format';
import {
  CASE_SECTIONS,
  CASE_SECTION_NAMES,
  FACTOR_DOMAINS,
  FACTOR_DOMAIN_NAMES,
  FACTOR_KINDS,
  FACTOR_KIND_NAMES,
  FACTOR_LEVELS,
  FACTOR_LEVEL_NAMES,
  factorInputSchema,
  type CaseDetail,
  type SectionAccess,
} from '../../../shared/cases';
import { INFORMATION_CATEGORIES, INFORMATION_CATEGORY_NAMES } from '../../../shared/sharing';
import { nameOf } from './queries';
import { CheckboxField, RadioGroupField, SelectField, TextareaField } from './fields';
import { HiddenNotice, SectionCard, accessOf } from './parts';
import { useCaseMutation } from './useCaseMutation';
import { AddPanel } from './AddPanel';

/** The level in words and in colour: the colour only repeats what the text says. */
const LEVEL_COLOURS = {
  lag: 'success',
  medel: 'warning',
  hog: 'danger',
} as const;
const MAPPING_SECTIONS = CASE_SECTIONS.filter((section) => section.startsWith('mapping_'));

/** Kartläggning: risk and protective factors in the five domains, each shown only as far as the law allows. */
export function MappingSection({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const format = useFormatters();
  const hidden = MAPPING_SECTIONS.map((section) => accessOf(detail, section)).filter((access): access is SectionAccess => Boolean(access) && !access!.visible);
  const anyVisible = MAPPING_SECTIONS.some((section) => accessOf(detail, section)?.visible);
  return (
    <SectionCard id="case-mapping" title={t('mapping.heading')}>
      {anyVisible && detail.factors.length === 0 ? <Paragraph>{t('mapping.none')}</Paragraph> : null}
      {FACTOR_DOMAINS.map((domain) => {
        const factors = detail.factors.filter((factor) => factor.domain === domain);
        if (factors.length === 0) return null;
        return (
          <div key={domain} className="stack">
            <Heading level={3} data-size="2xs">
              {nameOf(FACTOR_DOMAIN_NAMES, domain, language)}
            </Heading>
            <ul className="cases-plain-list">
              {factors.map((factor) => (
                <li key={factor.id} className="case-factor">
                  <div className="cases-row">
                    <strong>{nameOf(FACTOR_KIND_NAMES, factor.kind, language)}</strong>
                    <Tag data-color={factor.kind === 'skydd' ? 'success' : LEVEL_COLOURS[factor.level]} data-size="sm">
                      {t('mapping.level', {
                        level: nameOf(FACTOR_LEVEL_NAMES, factor.level, language),
                      })}
                    </Tag>
                    <span className="cases-muted">
                      {nameOf(INFORMATION_CATEGORY_NAMES, factor.category, language)} · {factor.organisationName} · {format.date(factor.updatedAt)}
                    </span>
                    {factor.crimeData ? (
                      <Tag data-color="neutral" data-size="sm">
                        {t('mapping.crimeData')}
                      </Tag>
                    ) : null}
                  </div>
                  {factor.note ? <Paragraph className="case-text">{factor.note}</Paragraph> : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
      {hidden.length > 0 ? (
        <div className="stack">
          {groupByExplanation(hidden).map((group) => (
            <HiddenNotice
              key={group[0]!.section}
              access={group[0]}
              what={`${t('mapping.heading')}: ${group.map((access) => nameOf(CASE_SECTION_NAMES, access.section, language).split(': ').pop()).join(', ')}`}
            />
          ))}
        </div>
      ) : null}
      {detail.abilities.addFactor ? (
        <AddPanel labelId="factor-form-heading" label={t('mapping.add')}>
          <FactorForm detail={detail} />
        </AddPanel>
      ) : null}
    </SectionCard>
  );
}

/** Hidden categories with the same reason and basis are explained once, not five times over. */
function groupByExplanation(hidden: SectionAccess[]): SectionAccess[][] {
  const groups = new Map<string, SectionAccess[]>();
  for (const access of hidden) {
    const key = `${access.explanationSv}|${access.basis}|${access.consentState}`;
    groups.set(key, [...(groups.get(key) ?? []), access]);
  }
  return [...groups.values()];
}

function FactorForm({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const language = i18n.language;
  const empty = {
    domain: 'skola',
    kind: 'risk',
    level: 'medel',
    category: 'skola',
    crimeData: false,
    note: '',
  } as const;
  const form = useAppForm(factorInputSchema, { defaultValues: { ...empty } });
  const add = useCaseMutation((values: unknown) => api(`/api/cases/${detail.id}/factors`, { method: 'POST', body: values }));
  return (
    <AppForm
      id="factor-form"
      form={form}
      aria-labelledby="factor-form-heading"
      onSubmit={async (values) => {
        await add.mutateAsync(values);
        form.reset({ ...empty });
      }}
    >
      <div className="case-grid">
        <SelectField
          name="domain"
          label={t('mapping.domain')}
          options={FACTOR_DOMAINS.map((value) => ({
            value,
            label: nameOf(FACTOR_DOMAIN_NAMES, value, language),
          }))}
        />
        <SelectField
          name="category"
          label={t('mapping.category')}
          options={INFORMATION_CATEGORIES.filter((value) => value !== 'samverkan').map((value) => ({
            value,
            label: nameOf(INFORMATION_CATEGORY_NAMES, value, language),
          }))}
        />
      </div>
      <RadioGroupField
        name="kind"
        legend={t('mapping.kind')}
        options={FACTOR_KINDS.map((value) => ({
          value,
          label: nameOf(FACTOR_KIND_NAMES, value, language),
        }))}
      />
      <RadioGroupField
        name="level"
        legend={t('mapping.levelLegend')}
        options={FACTOR_LEVELS.map((value) => ({
          value,
          label: nameOf(FACTOR_LEVEL_NAMES, value, language),
        }))}
      />
      <CheckboxField name="crimeData" label={t('mapping.crimeFlag')} description={t('mapping.crimeFlagHelp')} />
      <TextareaField name="note" label={t('mapping.note')} optional />
      <SubmitButton variant="secondary">{t('mapping.addSubmit')}</SubmitButton>
    </AppForm>
  );
}
