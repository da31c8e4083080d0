import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../api/session';
import { isApiError } from '../../api/client';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { AppForm, SubmitButton, TextField, useAppForm } from '../../components/form';
import { EVENT_CATEGORY_ADMIN_ROLES, eventCategoryInputSchema, type EventCategory, type EventCategoryInput } from '../../../shared/event-reports';
import type { Role } from '../../../shared/roles';
import { addCategory, categoriesQuery, EVENT_PAGES, eventKeys, setCategoryActive } from './queries';
import './events.css';

/**
 * The code the server wants (`a-z`, digits, `_`, 2–40 characters, a letter first) made from the
 * Swedish name: "Bränder" -> `brander`, "EPA/A-traktor" -> `epa_a_traktor`.
 */
function categoryCodeFrom(name: string): string {
  const plain = name
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '');
  return plain.slice(0, 40).replace(/_+$/, '');
}

/**
 * "Händelsekategorier" (issue 14 §1): the EST categories and the tenant's own, and whether each is
 * offered for new reports. The administrator and the coordinator add the tenant's own and switch any
 * off or on (reports that have a category keep it); everyone else reads the list.
 */
export default function CategoriesPage() {
  const { t, i18n } = useTranslation('events');
  const session = useSession();
  const role = session.data?.active?.role as Role | undefined;
  const mayManage = role !== undefined && (EVENT_CATEGORY_ADMIN_ROLES as readonly Role[]).includes(role);
  const categories = useQuery(categoriesQuery());
  const queryClient = useQueryClient();
  const [status, setStatus] = useState('');
  const nameOf = (category: Pick<EventCategory, 'nameSv' | 'nameEn'>) => (i18n.language === 'en' ? category.nameEn : category.nameSv);

  const toggle = useMutation({
    mutationFn: (category: EventCategory) => setCategoryActive(category.code, !category.active),
    onSuccess: async (updated) => {
      setStatus(t(updated.active ? 'categories.switchedOn' : 'categories.switchedOff', { name: nameOf(updated) }));
      await queryClient.invalidateQueries({ queryKey: eventKeys.categories() });
    },
  });

  const list = categories.data?.categories ?? [];
  const builtIn = list.filter((category) => category.builtIn);
  const own = list.filter((category) => !category.builtIn);

  return (
    <Page title={t('categories.title')} width="wide">
      <Paragraph>{t('categories.intro')}</Paragraph>
      <Paragraph>{mayManage ? t('categories.manageIntro') : t('categories.readOnly')}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={EVENT_PAGES.list}>{t('categories.back')}</RouterLink>
        </Link>
      </Paragraph>

      <div role="status" aria-live="polite">
        {status ? <Alert data-color="success">{status}</Alert> : null}
        {toggle.error ? <Alert data-color="danger">{isApiError(toggle.error) && toggle.error.message ? toggle.error.message : t('categories.switchFailed')}</Alert> : null}
      </div>

      {categories.isPending ? (
        <PageLoading />
      ) : categories.isError ? (
        <QueryError error={categories.error} onRetry={() => void categories.refetch()} />
      ) : (
        <>
          <section aria-labelledby="categories-est-heading" className="stack">
            <Heading level={2} data-size="xs" id="categories-est-heading">
              {t('categories.estHeading')}
            </Heading>
            {builtIn.length === 0 ? (
              <EmptyState title={t('categories.emptyTitle')}>{t('categories.estEmpty')}</EmptyState>
            ) : (
              <CategoryTable
                id="categories-est"
                caption={t('categories.estCaption')}
                categories={builtIn}
                mayManage={mayManage}
                busyCode={toggle.isPending ? toggle.variables?.code : undefined}
                onToggle={(category) => {
                  setStatus('');
                  toggle.mutate(category);
                }}
              />
            )}
          </section>
          <section aria-labelledby="categories-own-heading" className="stack">
            <Heading level={2} data-size="xs" id="categories-own-heading">
              {t('categories.ownHeading')}
            </Heading>
            {own.length === 0 ? (
              <EmptyState title={t('categories.emptyTitle')}>{mayManage ? t('categories.emptyManage') : t('categories.empty')}</EmptyState>
            ) : (
              <CategoryTable
                id="categories-own"
                caption={t('categories.ownCaption')}
                categories={own}
                mayManage={mayManage}
                busyCode={toggle.isPending ? toggle.variables?.code : undefined}
                onToggle={(category) => {
                  setStatus('');
                  toggle.mutate(category);
                }}
              />
            )}
          </section>
          {mayManage ? (
            <AddCategory
              onAdded={async (added) => {
                setStatus(t('categories.added', { name: nameOf(added) }));
                await queryClient.invalidateQueries({ queryKey: eventKeys.categories() });
              }}
            />
          ) : null}
        </>
      )}
    </Page>
  );
}

function CategoryTable({
  id,
  caption,
  categories,
  mayManage,
  busyCode,
  onToggle,
}: {
  id: string;
  caption: string;
  categories: EventCategory[];
  mayManage: boolean;
  busyCode: string | undefined;
  onToggle: (category: EventCategory) => void;
}) {
  const { t, i18n } = useTranslation('events');
  const english = i18n.language === 'en';
  return (
    <div className="event-import__table event-categories__table">
      <Table data-size="sm" id={id}>
        <caption className="visually-hidden">{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t('categories.name')}</Table.HeaderCell>
            <Table.HeaderCell>{t('categories.forNew')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {categories.map((category) => {
            const name = english ? category.nameEn : category.nameSv;
            return (
              <Table.Row key={category.code} data-testid={`category-${category.code}`}>
                <Table.Cell>
                  <span lang={english ? 'en' : 'sv'}>{name}</span>
                  <br />
                  <small lang={english ? 'sv' : 'en'}>{english ? category.nameSv : category.nameEn}</small>
                  <br />
                  <small>{t('categories.codeShown', { code: category.code })}</small>
                </Table.Cell>
                <Table.Cell>
                  <Tag data-color={category.active ? 'success' : 'neutral'} data-size="sm" data-testid="category-state">
                    {category.active ? t('categories.on') : t('categories.off')}
                  </Tag>
                  {mayManage ? (
                    <div className="event-category__switch">
                      <Button variant="secondary" data-size="sm" aria-busy={busyCode === category.code || undefined} onClick={() => busyCode === undefined && onToggle(category)}>
                        {category.active ? t('categories.switchOff') : t('categories.switchOn')}
                        <span className="visually-hidden"> {name}</span>
                      </Button>
                    </div>
                  ) : null}
                </Table.Cell>
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}

function AddCategory({ onAdded }: { onAdded: (added: EventCategory) => Promise<void> }) {
  const { t } = useTranslation('events');
  const form = useAppForm(eventCategoryInputSchema, { defaultValues: { code: '', nameSv: '', nameEn: '' } satisfies EventCategoryInput });

  // The code follows the Swedish name until the user types one of their own.
  useEffect(() => {
    const subscription = form.watch((values, { name }) => {
      if (name === 'nameSv' && !form.getFieldState('code').isDirty) form.setValue('code', categoryCodeFrom(values.nameSv ?? ''));
    });
    return () => subscription.unsubscribe();
  }, [form]);

  return (
    <section aria-labelledby="categories-add-heading" className="stack">
      <Heading level={2} data-size="xs" id="categories-add-heading">
        {t('categories.addHeading')}
      </Heading>
      <AppForm
        id="category-add"
        form={form}
        aria-labelledby="categories-add-heading"
        failedHeading={t('categories.addFailed')}
        onSubmit={async (values) => {
          const added = await addCategory(values);
          form.reset({ code: '', nameSv: '', nameEn: '' });
          await onAdded(added);
        }}
      >
        <TextField name="nameSv" label={t('categories.nameSv')} maxLength={80} />
        <TextField name="nameEn" label={t('categories.nameEn')} maxLength={80} />
        <TextField name="code" label={t('categories.code')} description={t('categories.codeHint')} maxLength={40} autoCapitalize="none" spellCheck={false} />
        <SubmitButton>{t('categories.add')}</SubmitButton>
      </AppForm>
    </section>
  );
}
