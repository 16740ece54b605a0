import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { ToastProvider } from '../components/toasts.tsx';
import { ActivityPage } from '../features/activity/components/activity-page.tsx';
import { SessionGate } from '../features/auth/components/session-gate.tsx';
import { ConnectionPage } from '../features/connection/components/connection-page.tsx';
import { ExceptionsPage } from '../features/exceptions/components/exceptions-page.tsx';
import { ExportsPage } from '../features/exports/components/exports-page.tsx';
import { JobCostsPage } from '../features/job-costs/components/job-costs-page.tsx';
import { JobsPage } from '../features/jobs/components/jobs-page.tsx';
import { MembersPage } from '../features/members/components/members-page.tsx';
import { SettingsPage } from '../features/settings/components/settings-page.tsx';
import { DailySummaryPanel } from '../features/summary/components/daily-summary-panel.tsx';
import { VendorsPage } from '../features/vendors/components/vendors-page.tsx';
import { companySearch } from '../lib/company-search.ts';
import { createQueryClient } from '../lib/query-client.ts';
import { AppLayout } from './app-layout.tsx';

function ToExports() {
  const location = useLocation();
  return <Navigate to={{ pathname: '/exports', search: companySearch(location.search) }} replace />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppLayout />}>
        <Route index element={<ToExports />} />
        {/* The first screen: the daily summary (issue 18) above the exports. */}
        <Route
          path="exports"
          element={
            <>
              <DailySummaryPanel />
              <ExportsPage />
            </>
          }
        />
        <Route path="jobs" element={<JobsPage />} />
        <Route path="vendors" element={<VendorsPage />} />
        <Route path="job-costs" element={<JobCostsPage />} />
        <Route path="exceptions" element={<ExceptionsPage />} />
        <Route path="activity" element={<ActivityPage />} />
        <Route path="connection" element={<ConnectionPage />} />
        <Route path="settings" element={<SettingsPage />} />
        <Route path="members" element={<MembersPage />} />
        <Route path="*" element={<ToExports />} />
      </Route>
    </Routes>
  );
}

/** The app: server data (TanStack Query), toasts, the router under /app/, the session gate, the screens. */
export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <QueryClientProvider client={client}>
      <ToastProvider>
        <BrowserRouter basename="/app" future={{ v7_startTransition: true, v7_relativeSplatPath: true }}>
          <SessionGate>
            <AppRoutes />
          </SessionGate>
        </BrowserRouter>
      </ToastProvider>
    </QueryClientProvider>
  );
}
