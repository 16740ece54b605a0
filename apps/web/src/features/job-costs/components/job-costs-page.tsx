import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Button } from '../../../components/button.tsx';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { EmptyMessage } from '../../../components/empty-message.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageSection, ScreenHeader } from '../../../components/page-section.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { formatCents, formatDateTime, formatRelative } from '../../../lib/format.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { useSearchState } from '../../../lib/use-search-state.ts';
import {
  costCodeLabel,
  jobCostCsvUrl,
  jobCostKeys,
  jobCostProjectQuery,
  jobCostProjectsQuery,
  refreshStatusQuery,
  reportProjectName,
  updateJobCosts,
  type JobCostProject,
} from '../api/job-cost-queries.ts';
import { CostChart } from './cost-chart.tsx';
import { ImportFailuresSection } from './import-failures-section.tsx';
import { JobCostTable } from './job-cost-table.tsx';
import { OwnerSideSection } from './owner-side-section.tsx';
import { UnattributedLinesSection } from './unattributed-lines-section.tsx';

/** Job costs: committed in Procore vs job-to-date cost and paid in QuickBooks, per project and cost code. */
export function JobCostsPage() {
  const { company, projectId } = useCompany();
  const toast = useToast();
  const [state, update] = useSearchState({ project: projectId ?? '' });
  const projects = useQuery(jobCostProjectsQuery(company.id));
  const status = useQuery({
    ...refreshStatusQuery(company.id),
    refetchInterval: (q) => (q.state.data?.refreshes.some((r) => r.kind === 'job_costs' && r.pending) ? 5_000 : 60_000),
  });
  const jobCosts = status.data?.refreshes.find((r) => r.kind === 'job_costs');
  useRefreshWhenDone(company.id, jobCosts?.pending);
  const refresh = useAction((_: void, key: string) => updateJobCosts(company.id, key), {
    invalidates: () => [jobCostKeys.all(company.id), jobCostKeys.status(company.id)],
    onSuccess: (r) =>
      toast.show(
        r.outcome === 'already_queued'
          ? 'Job costs update was already queued for the next Web Connector session.'
          : 'Job costs update queued: it runs at the next Web Connector session.',
      ),
  });

  return (
    <div>
      <ScreenHeader
        title="Job costs"
        description="What is committed in Procore against what QuickBooks has billed and paid, per project and cost code. Rows with a difference are highlighted."
        actions={
          <div style={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: 4 }}>
            <RoleButton
              action="refreshFromQuickBooks"
              variant="primary"
              loading={refresh.isPending}
              disabled={refresh.isPending}
              onClick={() => void refresh.run()}
            >
              Update Job Costs
            </RoleButton>
            <span role="status" aria-live="polite" style={{ fontSize: 12, color: '#5a6168' }} data-testid="refresh-status-job_costs">
              {jobCosts
                ? jobCosts.pending
                  ? `Queued ${formatRelative(jobCosts.lastRequestedAt)}; waiting for the Web Connector.`
                  : `Last updated ${formatRelative(jobCosts.lastCompletedAt)}.`
                : ''}
            </span>
          </div>
        }
      />
      {refresh.error ? <ErrorNotice error={refresh.error} title="The update was not queued" onRetry={() => void refresh.retry()} /> : null}
      <QueryState
        query={projects}
        label="Loading job costs"
        isEmpty={(d) => d.projects.length === 0}
        empty={<EmptyMessage title="No job costs yet">Link jobs to Procore projects, then use “Update Job Costs” and run the Web Connector.</EmptyMessage>}
      >
        {(data) => (
          <>
            <p style={{ color: '#5a6168' }}>As of {formatDateTime(data.asOf)}.</p>
            <PageSection title="Projects">
              <CostChart
                title="Committed, job to date cost and paid by project"
                groups={data.projects.map((p) => ({
                  label: p.name,
                  committedCents: p.committedCents,
                  jobToDateCents: p.jobToDateCents,
                  paidCents: p.paidCents,
                  highlight: (p.differenceCount ?? 0) > 0,
                }))}
              />
              <ProjectCostsTable projects={data.projects} selected={state.project} onSelect={(id) => update({ project: id })} />
            </PageSection>
            {state.project ? (
              <>
                <ProjectJobCosts companyId={company.id} projectId={state.project} />
                <OwnerSideSection companyId={company.id} projectId={state.project} />
              </>
            ) : null}
            {data.withoutProject.unattributedLines > 0 ? (
              <UnattributedLinesSection companyId={company.id} projectId="none" title="Cost on no Procore project" />
            ) : null}
          </>
        )}
      </QueryState>
      <ImportFailuresSection companyId={company.id} />
    </div>
  );
}

/** The projects' totals, one row each, highlighted when a cost code differs; "Cost codes" opens the project's detail. */
function ProjectCostsTable({ projects, selected, onSelect }: { projects: JobCostProject[]; selected: string; onSelect: (projectId: string) => void }) {
  return (
    <DataTable>
      <caption>
        <VisuallyHidden>Job costs by project</VisuallyHidden>
      </caption>
      <thead>
        <tr>
          <th scope="col">Project</th>
          <th scope="col" className="number">
            Committed
          </th>
          <th scope="col" className="number">
            Invoiced
          </th>
          <th scope="col" className="number">
            Billed
          </th>
          <th scope="col" className="number">
            Job to date cost
          </th>
          <th scope="col" className="number">
            Paid
          </th>
          <th scope="col" className="number">
            Not in Procore
          </th>
          <th scope="col" className="number">
            Differences
          </th>
          <th scope="col">
            <VisuallyHidden>Open</VisuallyHidden>
          </th>
        </tr>
      </thead>
      <tbody>
        {projects.map((p) => {
          const id = String(p.procoreProjectId);
          return (
            <tr key={id} data-highlight={(p.differenceCount ?? 0) > 0} aria-current={selected === id ? 'true' : undefined}>
              <th scope="row">
                {p.name}
                {p.procoreError ? (
                  <div style={{ fontSize: 12, fontWeight: 400, color: '#b3261e' }} data-testid="procore-error">
                    Procore’s figures could not be read: {p.procoreError}
                  </div>
                ) : null}
              </th>
              <td className="number">{formatCents(p.committedCents)}</td>
              <td className="number">{formatCents(p.invoicedCents)}</td>
              <td className="number">{formatCents(p.billedCents)}</td>
              <td className="number">{formatCents(p.jobToDateCents)}</td>
              <td className="number">{formatCents(p.paidCents)}</td>
              <td className="number">{formatCents(p.unattributedCents)}</td>
              <td className="number">{p.differenceCount ?? '—'}</td>
              <td>
                <Button size="sm" variant={selected === id ? 'primary' : 'tertiary'} onClick={() => onSelect(id)} aria-label={`Show cost codes of ${p.name}`}>
                  Cost codes
                </Button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </DataTable>
  );
}

function ProjectJobCosts({ companyId, projectId }: { companyId: string; projectId: string }) {
  const detail = useQuery(jobCostProjectQuery(companyId, projectId));
  return (
    <QueryState
      query={detail}
      label="Loading the project's cost codes"
      isEmpty={(d) => d.rows.length === 0}
      empty={<EmptyMessage title="No cost codes with costs on this project yet" />}
    >
      {(d) => (
        <PageSection
          title={`${reportProjectName(d)}: by cost code`}
          actions={
            <a href={jobCostCsvUrl(companyId, projectId)} download>
              Download CSV<VisuallyHidden>{` of ${reportProjectName(d)} job costs`}</VisuallyHidden>
            </a>
          }
        >
          <CostChart
            title={`Committed, job to date cost and paid by cost code for ${reportProjectName(d)}`}
            groups={d.rows.map((r) => ({
              label: costCodeLabel(r),
              committedCents: r.committedCents,
              jobToDateCents: r.jobToDateCents,
              paidCents: r.paidCents,
              highlight: r.differences.length > 0,
            }))}
          />
          <JobCostTable rows={d.rows} totals={d.totals} caption={`${reportProjectName(d)} job costs by cost code, as of ${formatDateTime(d.asOf)}`} />
          <UnattributedLinesSection companyId={companyId} projectId={projectId} title={`${reportProjectName(d)}: cost not in Procore`} />
        </PageSection>
      )}
    </QueryState>
  );
}

/**
 * Update Job Costs changes the figures only when the Web Connector has read QuickBooks and the push into Procore has
 * run (the status stays pending until then), long after the click's own invalidation: refetch the job costs and the
 * failures when it stops being pending (issue 18: the summary stayed stale until a reload).
 */
function useRefreshWhenDone(companyId: string, pending: boolean | undefined) {
  const queryClient = useQueryClient();
  const was = useRef(pending);
  useEffect(() => {
    if (was.current === true && pending === false) {
      void queryClient.invalidateQueries({ queryKey: jobCostKeys.all(companyId) });
      void queryClient.invalidateQueries({ queryKey: jobCostKeys.failures(companyId) });
    }
    was.current = pending;
  }, [companyId, pending, queryClient]);
}
