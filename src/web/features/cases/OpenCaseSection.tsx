import { useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { Alert, Button, Card, Heading, Paragraph, Radio, Fieldset, Tag, Textfield } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { caseDetailSchema } from '../../../shared/cases';
import { PROTECTED_IDENTITY_NAMES, type PersonListItem } from '../../../shared/persons';
import { caseKeys, casePaths, lookupPerson, nameOf, searchPersons } from './queries';
import { errorText } from './parts';

/** "Öppna ärende": the coordinator finds the young person (personnummer, or name) and opens a case. */
export function OpenCaseSection() {
  const { t, i18n } = useTranslation('cases');
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [mode, setMode] = useState<'number' | 'name'>('number');
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonListItem[] | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);

  const find = useMutation({
    mutationFn: async () => (mode === 'number' ? [await lookupPerson(query.trim())] : (await searchPersons(query.trim())).persons),
    onSuccess: (persons) => {
      setFound(persons);
      // Focus the answer so a screen reader user hears what was found.
      requestAnimationFrame(() => resultsRef.current?.focus());
    },
    onError: () => setFound(null),
  });
  const open = useMutation({
    mutationFn: (personId: string) =>
      api('/api/cases', {
        method: 'POST',
        body: { personId },
        schema: caseDetailSchema,
      }),
    onSuccess: async (created) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all });
      await navigate(casePaths.case(created.id));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim().length < 2) return;
    find.mutate();
  };
  const notFound = find.isError && isApiError(find.error) && find.error.status === 404;

  return (
    <section aria-labelledby="open-case-heading">
      <Card data-color="neutral" className="stack cases-open">
        <Heading level={2} data-size="sm" id="open-case-heading">
          {t('open.heading')}
        </Heading>
        <Paragraph data-size="sm">{t('open.intro')}</Paragraph>
        <form className="stack" noValidate onSubmit={submit} aria-labelledby="open-case-heading">
          <Fieldset>
            <Fieldset.Legend>{t('open.findBy')}</Fieldset.Legend>
            <Radio name="open-mode" value="number" label={t('open.byNumber')} checked={mode === 'number'} onChange={() => setMode('number')} />
            <Radio name="open-mode" value="name" label={t('open.byName')} checked={mode === 'name'} onChange={() => setMode('name')} />
          </Fieldset>
          <Textfield
            id="open-case-query"
            label={mode === 'number' ? t('open.identityNumber') : t('open.name')}
            description={mode === 'number' ? t('open.identityNumberHelp') : undefined}
            autoComplete="off"
            inputMode={mode === 'number' ? 'numeric' : undefined}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            error={find.isError && !notFound ? errorText(find.error) : undefined}
          />
          <div>
            <Button type="submit" variant="secondary" aria-busy={find.isPending || undefined}>
              {t('open.find')}
            </Button>
          </div>
        </form>
        <div ref={resultsRef} tabIndex={-1} aria-live="polite" className="stack">
          {notFound ? <Paragraph>{t('open.notFound')}</Paragraph> : null}
          {found && found.length === 0 ? <Paragraph>{t('open.noMatches')}</Paragraph> : null}
          {found && found.length > 0 ? (
            <ul className="cases-plain-list">
              {found.map((person) => (
                <li key={person.id} className="cases-row">
                  <span>
                    {person.firstName} {person.lastName} ({person.birthDate})
                  </span>
                  {/* Issue 12: the coordinator may open a case for a person with skyddad folkbokföring; it is said before they do. */}
                  {person.protectedIdentity !== 'none' ? (
                    <Tag data-color="warning" data-size="sm">
                      {nameOf(PROTECTED_IDENTITY_NAMES, person.protectedIdentity, i18n.language)}
                    </Tag>
                  ) : null}
                  <Button data-size="sm" onClick={() => open.mutate(person.id)} aria-busy={(open.isPending && open.variables === person.id) || undefined}>
                    {t('open.openFor', {
                      name: `${person.firstName} ${person.lastName}`,
                    })}
                  </Button>
                </li>
              ))}
            </ul>
          ) : null}
          {open.isError ? (
            <Alert data-color="danger" role="alert">
              {errorText(open.error)}
            </Alert>
          ) : null}
        </div>
      </Card>
    </section>
  );
}
