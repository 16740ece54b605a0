import { useMemo } from 'react';
import { LinkListScreen } from '../../../components/link-list/link-list-screen.tsx';
import { useCompany } from '../../../lib/session.ts';
import { vendorsApi } from '../api/vendors-queries.ts';

export function VendorsPage() {
  const { company } = useCompany();
  const api = useMemo(() => vendorsApi(company.id), [company.id]);
  return <LinkListScreen api={api} />;
}
