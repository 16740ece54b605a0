import type { JobHandler } from '@connector/sync';
import type { Metrics } from './create-metrics.ts';

/**
 * The job handlers with each run counted and timed by kind (connector_jobs_total, _duration_seconds). Wrapping
 * the handlers, not the runner, keeps the metrics whatever claims and schedules the jobs. "threw" covers both
 * a retry and a final failure (the runner decides which; the jobs table and the exception queue tell them apart).
 */
export function instrumentJobHandlers(handlers: Record<string, JobHandler>, metrics: Metrics): Record<string, JobHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([kind, handler]): [string, JobHandler] => [
      kind,
      async (job, context) => {
        const stop = metrics.jobSeconds.startTimer({ kind });
        try {
          const result = await handler(job, context);
          metrics.jobs.inc({ kind, outcome: 'succeeded' });
          return result;
        } catch (error) {
          metrics.jobs.inc({ kind, outcome: 'threw' });
          throw error;
        } finally {
          stop();
        }
      },
    ]),
  );
}
