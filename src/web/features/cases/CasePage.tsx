import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink, useParams } from 'react-router';
import { Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { isApiError } from '../../api/client';
import NotFoundPage from '../not-found/NotFoundPage';
import { caseQuery, casePaths } from './queries';
import { CaseHeader } from './CaseHeader';
import { TeamSection } from './TeamSection';
import { ConsentSection } from './ConsentSection';
import { MappingSection } from './MappingSection';
import { PlanSection } from './PlanSection';
import { MeetingsSection } from './MeetingsSection';
import { ChronologySection } from './ChronologySection';
import { ProtectedIdentitySection } from './ProtectedIdentitySection';
import './cases.css';

/**
 * /samverkan/:id: one SSPF case as this viewer may see it. Each section the engine hides is
 * explained in its place; a case the viewer may not reach at all is the ordinary 404 page.
 */
export default function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('cases');
  const detail = useQuery(caseQuery(id));
  if (detail.isPending) return <PageLoading />;
  if (detail.isError) {
    if (isApiError(detail.error) && (detail.error.status === 404 || detail.error.status === 400)) return <NotFoundPage />;
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  const data = detail.data;
  return (
    <Page title={t('case.title', { name: data.personName })} width="wide">
      <Paragraph>
        <Link asChild>
          <RouterLink to={casePaths.list}>{t('case.back')}</RouterLink>
        </Link>
      </Paragraph>
      <CaseHeader detail={data} />
      <div className="case-sections">
        <ProtectedIdentitySection detail={data} />
        <TeamSection detail={data} />
        <ConsentSection detail={data} />
        <MappingSection detail={data} />
        <PlanSection detail={data} />
        <MeetingsSection detail={data} />
        <ChronologySection detail={data} />
      </div>
    </Page>
  );
}
