import { useQuery } from '@tanstack/react-query';
import { ScreenHeader } from '../../../components/page-section.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { useCompany } from '../../../lib/session.ts';
import { settingsQuery } from '../api/settings-queries.ts';
import { SettingsForm } from './settings-form.tsx';

export function SettingsPage() {
  const { company } = useCompany();
  const query = useQuery(settingsQuery(company.id));
  return (
    <div>
      <ScreenHeader
        title="Settings"
        description="How records move between Procore and QuickBooks for this company. Changes are validated, saved together and recorded in the activity log."
      />
      <QueryState query={query} label="Loading settings">
        {(settings) => <SettingsForm key={JSON.stringify(settings)} saved={settings} />}
      </QueryState>
    </div>
  );
}
