import { useEffect, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useLocation, useNavigate, useParams } from 'react-router';
import { Link, Paragraph, Tabs } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import NotFoundPage from '../not-found/NotFoundPage';
import type { CaseDetail } from '../../../shared/cases';
import { caseQuery, casePaths } from './queries';
import { sees } from './parts';
import { CaseSummary } from './CaseSummary';
import { CaseHeader } from './CaseHeader';
import { TeamSection } from './TeamSection';
import { ConsentSection } from './ConsentSection';
import { MappingSection } from './MappingSection';
import { PlanSection } from './PlanSection';
import { MeetingsSection } from './MeetingsSection';
import { ChronologySection } from './ChronologySection';
import { ProtectedIdentitySection } from './ProtectedIdentitySection';
import './cases.css';

interface CaseTab {
  /** Also the URL's hash: `/samverkan/:id#plan` opens the plan. */
  id: string;
  label: string;
  content: ReactNode;
}

/**
 * /samverkan/:id: one SSPF case as this viewer may see it. A summary first, then the sections as tabs
 * (one at a time, the open one in the URL's hash). Each section the engine hides is explained in its
 * place; a case the viewer may not reach at all is the ordinary 404 page.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const { hash } = useLocation();
  const navigate = useNavigate();
  const detail = useQuery(caseQuery(id));
  // Without a hash the page opens where the case's next step is: the consent, for its director, until one
  // is recorded. Put in the hash, so the tab stays when the consent comes (and the start tab would change).
  const start = detail.data && detail.data.abilities.addMember && !detail.data.consentId && sees(detail.data, 'consent') ? 'samtycke' : null;
  useEffect(() => {
    if (!hash && start) void navigate({ hash: start }, { replace: true });
  }, [hash, start, navigate]);
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) return <NotFoundPage />;
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const data = detail.data;
  const tabs = caseTabs(data, t);
  const current = tabs.find((tab) => `#${tab.id}` === hash)?.id ?? start ?? tabs[0]!.id;
  return (
    <Page title={t('case.title', { name: data.personName })}>
      <Paragraph>
        <Link asChild>
          <RouterLink to={casePaths.list}>{t('case.back')}</RouterLink>
        </Link>
      </Paragraph>
      <CaseSummary detail={data} />
      <CaseHeader detail={data} />
      {/* Manual activation (arrows move, Enter or Space opens): a tab's content is long, and the hash keeps it addressable. */}
      <Tabs className="case-tabs" value={current} onChange={(value) => void navigate({ hash: value }, { replace: true })}>
        <Tabs.List aria-label={t('tabs.label')}>
          {tabs.map((tab) => (
            <Tabs.Tab key={tab.id} value={tab.id}>
              {tab.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((tab) => (
          <Tabs.Panel key={tab.id} value={tab.id}>
            {tab.content}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Page>
  );
}

function caseTabs(data: CaseDetail, t: ReturnType<typeof useTranslation<'cases'>>['t']): CaseTab[] {
  const ownActionsOnly = !sees(data, 'plan') && sees(data, 'actions_own');
  const tabs: CaseTab[] = [
    {
      id: 'team',
      label: t('tabs.team'),
      content: (
        <div className="case-sections">
          <ProtectedIdentitySection detail={data} />
          <TeamSection detail={data} />
        </div>
      ),
    },
    { id: 'samtycke', label: t('tabs.consent'), content: <ConsentSection detail={data} /> },
    { id: 'kartlaggning', label: t('tabs.mapping'), content: <MappingSection detail={data} /> },
    { id: 'plan', label: ownActionsOnly ? t('plan.ownHeading') : t('tabs.plan'), content: <PlanSection detail={data} /> },
    { id: 'moten', label: t('tabs.meetings'), content: <MeetingsSection detail={data} /> },
  ];
  if (data.abilities.readChronology) tabs.push({ id: 'kronologi', label: t('tabs.chronology'), content: <ChronologySection detail={data} /> });
  return tabs;
}
