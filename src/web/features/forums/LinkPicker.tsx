import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Button, Field, Label, Select, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AgendaLinkKind, Decision } from '../../../shared/forums';
import { offersQuery } from '../offers/queries';
import { placesQuery } from '../places/queries';
import { actionsQuery } from '../lagesbild/queries';
import { caseListQuery } from '../cases/queries';
import { CASE_PAGE_SIZE_MAX } from '../../../shared/cases';

interface PickerProps {
  id: string;
  kind: AgendaLinkKind;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  decisions: Decision[];
}

/**
 * What an agenda item links, chosen from what the reader may see: a week typed, and the tenant's
 * places, place actions and offers, the forum's open decisions, or the reader's own cases (only a case's
 * team may put it on an agenda; the server checks it again). Each list is fetched when its kind is chosen.
 */
export function LinkPicker(props: PickerProps) {
  const { t } = useTranslation('forums');
  if (props.kind === 'lagesbild_week') return <Textfield label={t('plan.linkWeek')} value={props.value} onChange={(event) => props.onChange(event.target.value)} error={props.error} />;
  if (props.kind === 'decision') return <Choose {...props} label={t('plan.linkDecision')} options={props.decisions.map((d) => ({ id: d.id, label: d.text }))} />;
  if (props.kind === 'offer') return <OfferChoice {...props} />;
  if (props.kind === 'place') return <PlaceChoice {...props} />;
  if (props.kind === 'place_action') return <ActionChoice {...props} />;
  return <CaseChoice {...props} />;
}

function Choose({ id, value, onChange, error, label, options, pending }: PickerProps & { label: string; options: { id: string; label: string }[]; pending?: boolean }) {
  const { t } = useTranslation('forums');
  return (
    <Field>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error ? true : undefined} aria-busy={pending ? true : undefined}>
        <option value="">{pending ? t('plan.loading') : t('form.choose')}</option>
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </Select>
      {error ? <span className="forums-error">{error}</span> : null}
    </Field>
  );
}

function OfferChoice(props: PickerProps) {
  const { t } = useTranslation('forums');
  const offers = useQuery(offersQuery());
  return <Choose {...props} label={t('linkKinds.offer')} pending={offers.isPending} options={(offers.data?.offers ?? []).map((o) => ({ id: o.id, label: `${o.title} (${o.providerName})` }))} />;
}

function PlaceChoice(props: PickerProps) {
  const { t } = useTranslation('forums');
  const places = useQuery(placesQuery());
  return <Choose {...props} label={t('linkKinds.place')} pending={places.isPending} options={(places.data?.places ?? []).map((p) => ({ id: p.id, label: p.name }))} />;
}

function ActionChoice(props: PickerProps) {
  const { t } = useTranslation('forums');
  const actions = useQuery(actionsQuery({}));
  return <Choose {...props} label={t('linkKinds.place_action')} pending={actions.isPending} options={(actions.data?.actions ?? []).map((a) => ({ id: a.id, label: a.title }))} />;
}

/**
 * The reader's cases, the largest page the server gives (200), and "Visa fler ärenden" under the list
 * while there are more: no case is left out, and a page is read (and logged) only when asked for.
 */
function CaseChoice(props: PickerProps) {
  const { t } = useTranslation('forums');
  const cases = useInfiniteQuery(caseListQuery({}, CASE_PAGE_SIZE_MAX));
  const options = (cases.data?.pages ?? []).flatMap((page) => page.cases).map((c) => ({ id: c.id, label: c.personName }));
  const showMore = async () => {
    if (cases.isFetchingNextPage) return;
    const result = await cases.fetchNextPage();
    // The button goes with the last page: focus moves to the list it filled.
    if (!result.hasNextPage) document.getElementById(props.id)?.focus();
  };
  return (
    <>
      <Choose {...props} label={t('plan.linkCase')} pending={cases.isPending} options={options} />
      {cases.hasNextPage ? (
        <div>
          <Button variant="secondary" data-size="sm" loading={cases.isFetchingNextPage} onClick={() => void showMore()}>
            {t('plan.moreCases')}
          </Button>
        </div>
      ) : null}
    </>
  );
}
