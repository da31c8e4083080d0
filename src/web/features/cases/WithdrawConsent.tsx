import { useRef, useState } from 'react';
import { Button, Dialog, Fieldset, Heading, Paragraph, Radio, Textarea, Field, Label } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Consent } from '../../../shared/consents';
import { ActionError } from './parts';
import { useCaseMutation } from './useCaseMutation';

type Party = Consent['requiredParties'][number];
const partyKey = (party: Pick<Party, 'kind' | 'guardianId'>) => (party.kind === 'guardian' ? `guardian:${party.guardianId}` : 'young_person');

/** "Återkalla samtycke", confirmed in a dialog: it takes effect at once for everyone on the team. */
export function WithdrawConsent({ consent }: { consent: Consent }) {
  const { t } = useTranslation('cases');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const parties = consent.requiredParties;
  const [by, setBy] = useState(parties[0] ? partyKey(parties[0]) : 'young_person');
  const [note, setNote] = useState('');
  const withdraw = useCaseMutation(
    () => {
      const party = parties.find((entry) => partyKey(entry) === by);
      return api(`/api/consents/${consent.id}/withdraw`, {
        method: 'POST',
        body: {
          byKind: party?.kind ?? 'young_person',
          byGuardianId: party?.guardianId ?? undefined,
          note: note.trim() || undefined,
        },
      });
    },
    () => dialogRef.current?.close(),
  );
  return (
    <>
      <div>
        <Button ref={openerRef} variant="secondary" data-color="danger" onClick={() => dialogRef.current?.showModal()}>
          {t('withdraw.open')}
        </Button>
      </div>
      <Dialog ref={dialogRef} closeButton={t('withdraw.cancel')} aria-labelledby="withdraw-heading">
        <form
          className="stack"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            withdraw.mutate(undefined);
          }}
        >
          <Heading level={2} data-size="xs" id="withdraw-heading">
            {t('withdraw.heading')}
          </Heading>
          <Paragraph>{t('withdraw.warning')}</Paragraph>
          <Fieldset>
            <Fieldset.Legend>{t('withdraw.by')}</Fieldset.Legend>
            {parties.map((party) => (
              <Radio key={partyKey(party)} name="withdraw-by" value={partyKey(party)} label={party.name} checked={by === partyKey(party)} onChange={() => setBy(partyKey(party))} />
            ))}
          </Fieldset>
          <Field>
            <Label htmlFor="withdraw-note">{`${t('withdraw.note')} ${t('optional')}`}</Label>
            <Textarea id="withdraw-note" rows={3} value={note} onChange={(event) => setNote(event.target.value)} />
          </Field>
          <ActionError error={withdraw.error} />
          <div className="case-buttons">
            <Button type="submit" data-color="danger" aria-busy={withdraw.isPending || undefined}>
              {t('withdraw.confirm')}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
