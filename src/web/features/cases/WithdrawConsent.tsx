import { useMemo } from 'react';
import { Button, Dialog, Paragraph, Heading } from '@digdir/designsystemet-react';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { AppForm, useAppForm } from '../../components/form';
import type { CaseDetail } from '../../../shared/cases';
import type { Consent } from '../../../shared/consents';
import { RadioGroupField, TextareaField } from './fields';
import { useCaseMutation } from './useCaseMutation';
import { sectionHeadingId, useConfirmDialog } from './dialog-focus';
import { listOfNames, whoLosesAccess } from './team-names';

type Party = Consent['requiredParties'][number];
const partyKey = (party: Pick<Party, 'kind' | 'guardianId'>) => (party.kind === 'guardian' ? `guardian:${party.guardianId}` : 'young_person');

/**
 * "Återkalla samtycke", confirmed in a dialog: it takes effect at once, and everyone on the team but the
 * director loses the case (docs/CASE-ACCESS.md rule 6). The dialog names them, and nothing is chosen for
 * the user: an untouched submit is refused with an error summary that takes focus.
 */
export function WithdrawConsent({ consent, detail }: { consent: Consent; detail: CaseDetail }) {
  const { t, i18n } = useTranslation('cases');
  const dialog = useConfirmDialog();
  const parties = consent.requiredParties;
  const losing = whoLosesAccess(detail);
  const schema = useMemo(() => z.object({ by: z.string().min(1, { message: t('withdraw.chooseParty') }), note: z.string().trim().max(2000) }), [t]);
  const form = useAppForm(schema, { defaultValues: { by: '', note: '' } });
  const withdraw = useCaseMutation(
    (values: z.infer<typeof schema>) => {
      const party = parties.find((entry) => partyKey(entry) === values.by);
      return api(`/api/consents/${consent.id}/withdraw`, {
        method: 'POST',
        body: { byKind: party?.kind, byGuardianId: party?.guardianId ?? undefined, note: values.note || undefined },
      });
    },
    // The button that opened the dialog is gone with the consent in force: focus the consent's heading.
    () => dialog.finish(sectionHeadingId('case-consent')),
  );
  return (
    <>
      <div>
        <Button
          variant="secondary"
          data-color="danger"
          onClick={() => {
            form.reset({ by: '', note: '' });
            dialog.open();
          }}
        >
          {t('withdraw.open')}
        </Button>
      </div>
      <Dialog ref={dialog.ref} onClose={dialog.onClose} closeButton={t('withdraw.cancel')} aria-labelledby="withdraw-heading">
        <Heading level={2} data-size="xs" id="withdraw-heading">
          {t('withdraw.heading')}
        </Heading>
        <AppForm id="withdraw-consent" form={form} aria-labelledby="withdraw-heading" onSubmit={(values) => withdraw.mutateAsync(values)}>
          <div className="stack">
            <Paragraph>{t('withdraw.warning')}</Paragraph>
            <Paragraph>
              <strong>{losing.length > 0 ? t('withdraw.losing', { names: listOfNames(losing, i18n.language) }) : t('withdraw.losingNone')}</strong>
            </Paragraph>
          </div>
          <RadioGroupField
            name="by"
            legend={t('withdraw.by')}
            options={parties.map((party) => ({
              value: partyKey(party),
              label: party.name,
            }))}
          />
          <TextareaField name="note" label={t('withdraw.note')} optional rows={3} />
          <div className="case-buttons">
            <Button type="submit" data-color="danger" aria-busy={withdraw.isPending || undefined}>
              {t('withdraw.confirm')}
            </Button>
          </div>
        </AppForm>
      </Dialog>
    </>
  );
}
