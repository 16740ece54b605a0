import { Banner, Pill } from '@procore/core-react';
import { formatDateTime } from '../../../lib/format.ts';
import type { QbwcConnection } from '../api/connection-queries.ts';
import { describeConnection } from '../api/describe-connection.ts';

/** Connected / Not connected, last poll, the missed-schedule warning, and what QuickBooks reported. */
export function QbwcStatus({ connection, now }: { connection: QbwcConnection; now?: Date }) {
  const summary = describeConnection(connection, now);
  return (
    <div>
      <p style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '0 0 8px' }}>
        <span>Web Connector:</span>
        <Pill color={summary.tone}>{summary.label}</Pill>
        <span data-testid="last-poll" title={formatDateTime(connection.lastPollAt)}>
          {summary.lastPoll}
        </span>
      </p>
      {summary.warning ? (
        <div role="alert" data-testid="connection-warning">
          <Banner variant={summary.tone === 'red' || connection.missedSchedule ? 'error' : 'attention'}>
            <Banner.Content>
              <Banner.Title>{summary.warningTitle}</Banner.Title>
              <Banner.Body>{summary.warning}</Banner.Body>
            </Banner.Content>
          </Banner>
        </div>
      ) : null}
      {(connection.warnings ?? []).map((warning) => (
        <div role="alert" data-testid="quickbooks-warning" key={warning}>
          <Banner variant="attention">
            <Banner.Content>
              <Banner.Title>QuickBooks may leave records out</Banner.Title>
              <Banner.Body>{warning}</Banner.Body>
            </Banner.Content>
          </Banner>
        </div>
      ))}
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: '12px 0' }}>
        <dt>Username</dt>
        <dd style={{ margin: 0 }}>{connection.username ?? '—'}</dd>
        <dt>Schedule</dt>
        <dd style={{ margin: 0 }}>{connection.expectedEveryMinutes ? `Every ${connection.expectedEveryMinutes} minutes` : '—'}</dd>
        <dt>QuickBooks</dt>
        <dd style={{ margin: 0 }}>
          {connection.qbInfo
            ? [connection.qbInfo.edition, connection.qbInfo.version, connection.qbInfo.country].filter(Boolean).join(' · ')
            : 'Not reported yet (after the first session)'}
        </dd>
        {connection.qbInfo?.closingDate ? (
          <>
            <dt>Closing date</dt>
            <dd style={{ margin: 0 }} data-testid="closing-date">
              {connection.qbInfo.closingDate} (purchase orders and bills dated on or before it are not sent)
            </dd>
          </>
        ) : null}
      </dl>
    </div>
  );
}
