import { useQuery } from '@tanstack/react-query';
import { Pill } from '@procore/core-react';
import { QueryState } from '../../../components/query-state.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { qbwcSessionsQuery, type QbwcSessionEntry } from '../api/connection-queries.ts';

const RESULTS: Record<string, { label: string; color: 'green' | 'red' | 'gray' | 'blue' | 'yellow' }> = {
  closed: { label: 'Finished', color: 'green' },
  failed: { label: 'Failed', color: 'red' },
  expired: { label: 'Abandoned', color: 'yellow' },
  authenticated: { label: 'Running', color: 'blue' },
  exchanging: { label: 'Running', color: 'blue' },
};

/** "12 s", "3 min 4 s", "1 h 02 min": how long a session took. */
export function formatDuration(fromIso: string, toIso: string): string {
  const seconds = Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The Web Connector's recent runs, newest first: when, how long, how it ended and why (its "View Log"). */
export function SessionHistory({ companyId }: { companyId: string }) {
  const query = useQuery(qbwcSessionsQuery(companyId));
  return (
    <QueryState query={query} label="Loading the Web Connector's sessions">
      {({ items }) =>
        items.length === 0 ? (
          <p>The Web Connector has not run a session with work yet.</p>
        ) : (
          <table aria-label="Recent Web Connector sessions" style={{ width: '100%', borderCollapse: 'collapse' }}>
            <thead>
              <tr>
                <th style={{ textAlign: 'left' }}>Started</th>
                <th style={{ textAlign: 'left' }}>Took</th>
                <th style={{ textAlign: 'left' }}>Result</th>
                <th style={{ textAlign: 'right' }}>Requests done / failed</th>
                <th style={{ textAlign: 'left' }}>Details</th>
              </tr>
            </thead>
            <tbody>
              {items.map((s) => (
                <SessionRow key={s.id} session={s} />
              ))}
            </tbody>
          </table>
        )
      }
    </QueryState>
  );
}

function SessionRow({ session }: { session: QbwcSessionEntry }) {
  const result = RESULTS[session.state] ?? { label: session.state, color: 'gray' as const };
  return (
    <tr>
      <td>{formatDateTime(session.startedAt)}</td>
      <td>{session.closedAt ? formatDuration(session.startedAt, session.closedAt) : '—'}</td>
      <td>
        <Pill color={result.color}>{result.label}</Pill>
      </td>
      <td style={{ textAlign: 'right' }}>
        {session.requestsDone} / {session.requestsFailed}
      </td>
      <td>{session.lastError ?? session.summary ?? ''}</td>
    </tr>
  );
}
