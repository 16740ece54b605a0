import { useMemo } from 'react';
import { LinkListScreen } from '../../../components/link-list/link-list-screen.tsx';
import { useCompany } from '../../../lib/session.ts';
import { jobsApi } from '../api/jobs-queries.ts';

export function JobsPage() {
  const { company } = useCompany();
  const api = useMemo(() => jobsApi(company.id), [company.id]);
  return <LinkListScreen api={api} />;
}
