import { useEffect, useLayoutEffect, useState } from 'react';
import { calculateJwkThumbprint } from 'jose';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Fieldset, Textarea, Field, Label, ValidationMessage, Paragraph } from '@digdir/designsystemet-react';
import { get, useFieldArray, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ApiError, isApiError } from '../../api/client';
import { AppForm, SubmitButton, TextField, fieldId, useAppForm } from '../../components/form';
import { useFormMeta } from '../../components/form/AppForm';
import { partnerInputSchema, type Partner, type PartnerInput } from '../../../shared/exchange-federation';
import { changePartner, federationKeys, pinPartner } from './queries';

/**
 * The pasted key is text; it is parsed here and its members checked by the server (the same shared schema).
 * A private key (a JWK with `d`) is refused here and never sent: it must not leave the administrator's hands.
 */
const formSchema = partnerInputSchema.extend({
  publicJwk: z
    .string()
    .trim()
    .min(1)
    .transform((text, ctx) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = null;
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        ctx.addIssue({ code: 'custom', message: 'jwk_not_json' });
        return z.NEVER;
      }
      if ('d' in parsed || 'p' in parsed || 'k' in parsed) {
        ctx.addIssue({ code: 'custom', message: 'jwk_private' });
        return z.NEVER;
      }
      return parsed as PartnerInput['publicJwk'];
    }),
});
type FormInput = z.input<typeof formSchema>;

const emptyTenant = { tenantId: '', name: '', municipalityCode: '' };
const FORM_ID = 'xfed-partner';

export function PartnerForm({ editing, onSaved, onCancel }: { editing: Partner | null; onSaved: (saved: Partner) => void; onCancel: () => void }) {
  const { t } = useTranslation('exchangeFederation');
  const queryClient = useQueryClient();
  const form = useAppForm(formSchema, {
    defaultValues: editing
      ? { installationId: editing.installationId, name: editing.name, endpointUrl: editing.endpointUrl, publicJwk: '', tenants: editing.tenants.map((tenant) => ({ ...tenant })) }
      : { installationId: '', name: '', endpointUrl: '', publicJwk: '', tenants: [emptyTenant] },
  });
  const save = useMutation({
    mutationFn: (input: PartnerInput) => (editing ? changePartner(editing.id, input) : pinPartner(input)),
    onSuccess: async (saved) => {
      form.reset();
      onSaved(saved);
      await queryClient.invalidateQueries({ queryKey: federationKeys.partners() });
    },
  });
  const submit = async (values: PartnerInput) => {
    try {
      await save.mutateAsync(values);
    } catch (error) {
      // The server names the key's members (publicJwk.x, publicJwk.kty); the administrator sees one field.
      if (isApiError(error) && Object.keys(error.fields).some((path) => path.startsWith('publicJwk.'))) {
        const fields: Record<string, string> = {};
        for (const [path, message] of Object.entries(error.fields)) {
          if (path.startsWith('publicJwk.')) fields.publicJwk = t('form.jwkInvalid');
          else fields[path] = message;
        }
        throw new ApiError(error.status, error.code, error.message, fields, error.retryAfterSeconds);
      }
      throw error;
    }
  };
  return (
    <AppForm id={FORM_ID} form={form} onSubmit={submit} aria-labelledby="xfed-form-heading">
      <TextField name="installationId" label={t('form.installationId')} description={t('form.installationIdHelp')} autoComplete="off" spellCheck={false} autoCapitalize="off" />
      <TextField name="name" label={t('form.name')} description={t('form.nameHelp')} autoComplete="off" />
      <TextField name="endpointUrl" type="url" label={t('form.endpoint')} description={t('form.endpointHelp')} autoComplete="off" spellCheck={false} />
      <JwkField label={t('form.jwk')} description={editing ? t('form.jwkChangeHelp') : t('form.jwkHelp')} />
      <TenantsFieldset />
      <div className="button-list">
        <SubmitButton>{editing ? t('form.saveChange') : t('form.save')}</SubmitButton>
        {editing && (
          <Button type="button" variant="tertiary" onClick={onCancel}>
            {t('form.cancel')}
          </Button>
        )}
      </div>
    </AppForm>
  );
}

/** A textarea bound to the form the way TextField binds an input: label, description, error at the field. */
function JwkField({ label, description }: { label: string; description: string }) {
  const { t } = useTranslation('exchangeFederation');
  const { register, formState, control } = useFormContext<FormInput>();
  const thumbprint = usePastedThumbprint(useWatch({ control, name: 'publicJwk' }));
  const { formId, labels } = useFormMeta();
  useLayoutEffect(() => {
    labels.set('publicJwk', label);
    return () => void labels.delete('publicJwk');
  }, [labels, label]);
  const error = get(formState.errors, 'publicJwk') as { message?: string } | undefined;
  const id = fieldId(formId, 'publicJwk');
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Paragraph data-size="sm" id={`${id}-description`} className="xfed-help">
        {description}
      </Paragraph>
      <Textarea
        id={id}
        rows={4}
        spellCheck={false}
        className="xfed-code"
        aria-invalid={error?.message ? true : undefined}
        aria-describedby={`${id}-description${error?.message ? ` ${id}-error` : ''}`}
        {...register('publicJwk')}
      />
      {error?.message && <ValidationMessage id={`${id}-error`}>{error.message}</ValidationMessage>}
      {thumbprint && (
        <Paragraph data-size="sm" className="xfed-code" data-testid="pasted-thumbprint">
          {t('form.pastedThumbprint', { thumbprint })}
        </Paragraph>
      )}
    </Field>
  );
}

/**
 * The pasted key's RFC 7638 thumbprint, computed in the browser, so that the two administrators can compare
 * it before the key is trusted. Only for something that looks like an Ed25519 public key; the server decides.
 */
function usePastedThumbprint(text: string | undefined): string | null {
  const [thumbprint, setThumbprint] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    const x = ed25519PublicX(text);
    if (!x) {
      setThumbprint(null);
      return;
    }
    calculateJwkThumbprint({ kty: 'OKP', crv: 'Ed25519', x }, 'sha256').then(
      (value) => current && setThumbprint(value),
      () => current && setThumbprint(null),
    );
    return () => {
      current = false;
    };
  }, [text]);
  return thumbprint;
}

function TenantsFieldset() {
  const { t } = useTranslation('exchangeFederation');
  const { control, formState } = useFormContext<FormInput>();
  const { fields, append, remove } = useFieldArray({ control, name: 'tenants' });
  const listError = (get(formState.errors, 'tenants') as { message?: string; root?: { message?: string } } | undefined)?.root?.message;
  return (
    <Fieldset>
      <Fieldset.Legend>{t('form.tenantsLegend')}</Fieldset.Legend>
      <Fieldset.Description>{t('form.tenantsHelp')}</Fieldset.Description>
      {listError && <ValidationMessage>{listError}</ValidationMessage>}
      {fields.map((field, index) => (
        <Fieldset key={field.id} className="xfed-tenant">
          <Fieldset.Legend>{t('form.tenantLegend', { number: index + 1 })}</Fieldset.Legend>
          <TextField name={`tenants.${index}.tenantId`} label={t('form.tenantId')} autoComplete="off" spellCheck={false} />
          <TextField name={`tenants.${index}.name`} label={t('form.tenantName')} autoComplete="off" />
          <TextField name={`tenants.${index}.municipalityCode`} label={t('form.municipalityCode')} inputMode="numeric" maxLength={4} autoComplete="off" />
          {fields.length > 1 && (
            <div>
              <Button type="button" variant="tertiary" data-size="sm" onClick={() => remove(index)}>
                {t('form.removeTenant', { number: index + 1 })}
              </Button>
            </div>
          )}
        </Fieldset>
      ))}
      <div>
        <Button type="button" variant="secondary" data-size="sm" onClick={() => append({ ...emptyTenant })}>
          {t('form.addTenant')}
        </Button>
      </div>
    </Fieldset>
  );
}

function ed25519PublicX(text: string | undefined): string | null {
  let jwk: unknown;
  try {
    jwk = JSON.parse(text ?? '');
  } catch {
    return null;
  }
  if (!jwk || typeof jwk !== 'object' || 'd' in jwk) return null;
  const { kty, crv, x } = jwk as Record<string, unknown>;
  return kty === 'OKP' && crv === 'Ed25519' && typeof x === 'string' && /^[A-Za-z0-9_-]{43}$/.test(x) ? x : null;
}
