import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, ApiError, isApiError } from '../../api/client';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { SelectField } from '../admin/SelectField';
import { identityNumberSchema, PROTECTED_IDENTITY_LEVELS, PROTECTED_IDENTITY_NAMES, protectedIdentitySchema } from '../../../shared/persons';
import type { LinkPersonInput } from '../../../shared/concerns-triage';
import { concernKeys, nameOf, schoolsQuery } from './queries';

const lookupSchema = z.object({ identityNumber: identityNumberSchema });
type Lookup = z.input<typeof lookupSchema>;

const nameSchema = z.string().trim().min(1).max(100);
/** The register form's own fields; sent as `newPerson` (an empty school is no school). */
const registerSchema = z.object({
  identityNumber: identityNumberSchema,
  firstName: nameSchema,
  lastName: nameSchema,
  schoolId: z.string(),
  protectedIdentity: protectedIdentitySchema,
});
type Register = z.input<typeof registerSchema>;

/**
 * Posts the link and, on a refusal, moves the server's `newPerson.firstName` style field paths onto the
 * register form's own field names, so each message lands on its field.
 */
async function postLink(concernId: string, body: LinkPersonInput): Promise<unknown> {
  try {
    return await api(`/api/concerns/${concernId}/person`, { method: 'POST', body });
  } catch (error) {
    if (!isApiError(error)) throw error;
    const fields = Object.fromEntries(Object.entries(error.fields).map(([path, message]) => [path.replace(/^newPerson\./, ''), message]));
    throw new ApiError(error.status, error.code, error.message, fields, error.retryAfterSeconds);
  }
}

/**
 * Link the concern to a person of the register: first by personnummer; when the register has nobody
 * with that number, register the person here (personnummer carried over) and link them in one step.
 */
export function LinkPersonSection({ concernId, onLinked }: { concernId: string; onLinked: () => void }) {
  const { t } = useTranslation('inbox');
  const queryClient = useQueryClient();
  const [missing, setMissing] = useState<string | null>(null);
  const lookup = useAppForm(lookupSchema, { defaultValues: { identityNumber: '' } });
  const link = useMutation({
    mutationFn: (body: LinkPersonInput) => postLink(concernId, body),
    onSuccess: async () => {
      onLinked();
      await queryClient.invalidateQueries({ queryKey: concernKeys.all });
    },
  });

  const search = async (values: z.output<typeof lookupSchema>) => {
    setMissing(null);
    try {
      await link.mutateAsync({ identityNumber: values.identityNumber });
    } catch (error) {
      // The number passed the same check the server makes, so a refusal on it means: not in the register.
      if (isApiError(error) && error.status === 400 && error.fields.identityNumber) {
        setMissing(values.identityNumber);
        return;
      }
      throw error;
    }
  };

  return (
    <div className="stack">
      <Heading level={3} data-size="2xs" id="link-heading">
        {t('actions.linkPerson')}
      </Heading>
      <AppForm id="link" form={lookup} onSubmit={search} aria-labelledby="link-heading">
        <TextField name="identityNumber" label={t('actions.identityNumber')} autoComplete="off" inputMode="numeric" />
        <SubmitButton>{t('actions.link')}</SubmitButton>
      </AppForm>
      {missing ? <RegisterPerson key={missing} identityNumber={missing} onSubmit={(newPerson) => link.mutateAsync({ newPerson })} /> : null}
    </div>
  );
}

function RegisterPerson({ identityNumber, onSubmit }: { identityNumber: string; onSubmit: (person: LinkPersonInput['newPerson'] & object) => Promise<unknown> }) {
  const { t, i18n } = useTranslation('inbox');
  const language = i18n.language;
  const schools = useQuery(schoolsQuery());
  const form = useAppForm(registerSchema, {
    defaultValues: { identityNumber, firstName: '', lastName: '', schoolId: '', protectedIdentity: 'none' } satisfies Register,
  });
  // The section appears after a search: announce it by moving focus to its heading.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  return (
    <section aria-labelledby="register-person-heading" className="stack">
      <Paragraph role="status">{t('actions.notInRegister')}</Paragraph>
      <Heading level={3} data-size="2xs" id="register-person-heading" ref={heading} tabIndex={-1}>
        {t('actions.registerPerson')}
      </Heading>
      <AppForm
        id="register-person"
        form={form}
        aria-labelledby="register-person-heading"
        onSubmit={(values) =>
          onSubmit({
            identityNumber: values.identityNumber,
            firstName: values.firstName,
            lastName: values.lastName,
            schoolId: values.schoolId || null,
            protectedIdentity: values.protectedIdentity,
            guardianIds: [],
          })
        }
      >
        <TextField name="identityNumber" label={t('actions.identityNumber')} autoComplete="off" inputMode="numeric" />
        <div className="form-row">
          <TextField name="firstName" label={t('actions.firstName')} autoComplete="off" />
          <TextField name="lastName" label={t('actions.lastName')} autoComplete="off" />
        </div>
        <SelectField
          name="schoolId"
          label={t('actions.school')}
          options={[
            { value: '', label: schools.isError ? t('actions.schoolsUnavailable') : t('actions.noSchool') },
            ...(schools.data?.organisations ?? []).map((school) => ({ value: school.id, label: school.name })),
          ]}
        />
        <SelectField
          name="protectedIdentity"
          label={t('actions.protectedIdentity')}
          options={PROTECTED_IDENTITY_LEVELS.map((level) => ({ value: level, label: nameOf(PROTECTED_IDENTITY_NAMES, level, language) }))}
        />
        <SubmitButton>{t('actions.registerAndLink')}</SubmitButton>
      </AppForm>
    </section>
  );
}
