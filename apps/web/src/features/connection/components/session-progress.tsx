import type { QbwcConnection } from '../api/connection-queries.ts';
import { formatRelative } from '../../../lib/format.ts';

/** The running Web Connector session as a progress bar (refreshed every 2 s by the query while it runs). */
export function SessionProgress({ session }: { session: NonNullable<QbwcConnection['currentSession']> }) {
  const percent = Math.max(0, Math.min(100, Math.round(session.percent)));
  return (
    <div style={{ margin: '12px 0' }}>
      <div id="session-progress-label" style={{ fontWeight: 600, marginBottom: 4 }}>
        Web Connector session running (started {formatRelative(session.startedAt)})
      </div>
      <div
        role="progressbar"
        aria-labelledby="session-progress-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${session.requestsDone} done, ${session.requestsFailed} failed`}
        style={{ height: 12, background: '#eef0f1', borderRadius: 6, overflow: 'hidden', maxWidth: 480 }}
      >
        <div style={{ width: `${percent}%`, height: '100%', background: '#1d5cc9', transition: 'width 0.5s' }} />
      </div>
      <p aria-live="polite" style={{ margin: '4px 0 0', fontSize: 13 }}>
        {percent}% · {session.requestsDone} done{session.requestsFailed ? ` · ${session.requestsFailed} failed` : ''}
      </p>
    </div>
  );
}
