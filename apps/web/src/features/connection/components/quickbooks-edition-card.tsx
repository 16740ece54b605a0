import { useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Card, Pill } from '@procore/core-react';
import { useState } from 'react';
import type { AccountingEdition } from '@connector/contract';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { newIdempotencyKey } from '../../../lib/api-client.ts';
import { formatDateTime } from '../../../lib/format.ts';
import { openSignInPopup } from '../../../lib/open-sign-in-popup.ts';
import { mayDo, describeNeededRoles } from '../../../lib/roles.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { disconnectQbo, qboConnectionKey, setAccountingEdition, startQboConnect, type QboConnection } from '../api/connection-queries.ts';

const EDITION_LABELS: Record<AccountingEdition, string> = {
  desktop: 'QuickBooks Desktop (through the Web Connector)',
  online: 'QuickBooks Online (preview)',
};

/**
 * Which QuickBooks the company uses (issue 22): Desktop — the Web Connector sections below — or Online, connected
 * through Intuit's sign-in popup like the Procore connection. Switching is for admins; the server refuses to leave
 * Desktop while the Web Connector still has work and says why.
 */
export function QuickBooksEditionCard({ companyId, query }: { companyId: string; query: UseQueryResult<QboConnection> }) {
  return (
    <Card>
      <div style={{ padding: 16 }}>
        <QueryState query={query} label="Loading the QuickBooks edition">
          {(qbo) => (
            <div>
              <EditionChoice companyId={companyId} qbo={qbo} />
              {qbo.edition === 'online' ? <QboConnectionDetails companyId={companyId} qbo={qbo} /> : null}
            </div>
          )}
        </QueryState>
      </div>
    </Card>
  );
}

function EditionChoice({ companyId, qbo }: { companyId: string; qbo: QboConnection }) {
  const { company } = useCompany();
  const toast = useToast();
  const [chosen, setChosen] = useState<AccountingEdition>(qbo.edition);
  const change = useAction((edition: AccountingEdition, key: string) => setAccountingEdition(companyId, edition, key), {
    invalidates: () => [qboConnectionKey(companyId)],
    onSuccess: (result) => toast.show(`This company now uses ${EDITION_LABELS[result.edition]}.`),
  });
  const canManage = mayDo(company, 'manageConnection');
  return (
    <div>
      <div role="radiogroup" aria-labelledby="qb-edition-label" style={{ display: 'flex', flexDirection: 'column', gap: 4 }}>
        <span id="qb-edition-label" style={{ fontWeight: 600 }}>
          QuickBooks edition
        </span>
        {(['desktop', 'online'] as const).map((edition) => {
          const unavailable = edition === 'online' && !qbo.configured;
          return (
            <label key={edition} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
              <input
                type="radio"
                name="qb-edition"
                value={edition}
                checked={chosen === edition}
                disabled={!canManage || unavailable}
                onChange={() => setChosen(edition)}
              />
              <span>{EDITION_LABELS[edition]}</span>
              {unavailable ? <span style={{ fontSize: 13, color: '#5a6168' }}>— not configured on this server (QBO_CLIENT_ID, QBO_CLIENT_SECRET)</span> : null}
            </label>
          );
        })}
      </div>
      {!canManage ? <p style={{ fontSize: 13, color: '#5a6168' }}>{describeNeededRoles('manageConnection')} to change it.</p> : null}
      {chosen !== qbo.edition ? (
        <p>
          <RoleButton action="manageConnection" loading={change.isPending} disabled={change.isPending} onClick={() => void change.run(chosen)}>
            Use {EDITION_LABELS[chosen]}
          </RoleButton>
        </p>
      ) : null}
      {change.error ? <ErrorNotice error={change.error} title="The edition was not changed" onRetry={() => void change.retry()} /> : null}
    </div>
  );
}

const STATUS_LABELS: Record<QboConnection['status'], string> = {
  connected: 'Connected',
  needs_reconnect: 'Needs reconnect',
  disconnected: 'Disconnected',
  not_connected: 'Not connected',
};

function QboConnectionDetails({ companyId, qbo }: { companyId: string; qbo: QboConnection }) {
  const queryClient = useQueryClient();
  const [popup, setPopup] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const disconnect = useAction((_: void, key: string) => disconnectQbo(companyId, key), {
    invalidates: () => [qboConnectionKey(companyId)],
    onSuccess: () => setConfirmDisconnect(false),
  });
  const connect = async () => {
    setPopup({ busy: true, error: null });
    try {
      const outcome = await openSignInPopup(() => startQboConnect(companyId, newIdempotencyKey()), { name: 'qbo-connect' });
      setPopup({ busy: false, error: outcome.ok ? null : (outcome.message ?? 'Intuit did not complete the connection.') });
    } catch (error) {
      setPopup({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
    await queryClient.invalidateQueries({ queryKey: qboConnectionKey(companyId) });
  };
  const connected = qbo.status === 'connected';
  return (
    <div style={{ marginTop: 16 }}>
      <p style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '0 0 8px' }}>
        <span>QuickBooks Online:</span>
        <Pill color={connected ? 'green' : qbo.status === 'needs_reconnect' ? 'red' : 'gray'} data-testid="qbo-status">
          {STATUS_LABELS[qbo.status]}
        </Pill>
      </p>
      {connected ? (
        <dl data-testid="qbo-details" style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px', margin: '0 0 8px' }}>
          <dt>Company</dt>
          <dd style={{ margin: 0 }}>{qbo.companyName ?? '(no name given by QuickBooks)'}</dd>
          <dt>Realm (company id)</dt>
          <dd style={{ margin: 0 }}>{qbo.realmId}</dd>
          <dt>Environment</dt>
          <dd style={{ margin: 0 }}>{qbo.environment === 'sandbox' ? 'Sandbox' : 'Production'}</dd>
          <dt>Connected</dt>
          <dd style={{ margin: 0 }}>{`${formatDateTime(qbo.connectedAt)}${qbo.connectedBy ? ` by ${qbo.connectedBy}` : ''}`}</dd>
          <dt>API calls in {qbo.callsThisMonth.month}</dt>
          <dd style={{ margin: 0 }} data-testid="qbo-calls">
            {describeCalls(qbo.callsThisMonth)}
          </dd>
        </dl>
      ) : null}
      {qbo.lastError ? (
        <p role="alert" style={{ color: '#9b1c1c' }}>
          {qbo.lastError.message} <span style={{ color: '#5a6168' }}>({qbo.lastError.code})</span>
        </p>
      ) : null}
      {!connected && qbo.serverEnvironment ? (
        <p style={{ fontSize: 13, color: '#5a6168' }}>
          This server connects {qbo.serverEnvironment === 'sandbox' ? 'Intuit sandbox companies' : 'production QuickBooks Online companies'}. Connecting opens
          Intuit&apos;s sign-in in a new window, where you choose the company.
        </p>
      ) : null}
      <RoleButton
        action="manageConnection"
        variant={connected ? 'secondary' : 'primary'}
        loading={popup.busy}
        disabled={popup.busy}
        onClick={() => void connect()}
      >
        {connected ? 'Connect again' : qbo.status === 'needs_reconnect' ? 'Reconnect QuickBooks Online' : 'Connect QuickBooks Online'}
      </RoleButton>{' '}
      {connected ? (
        <RoleButton action="manageConnection" variant="tertiary" onClick={() => setConfirmDisconnect(true)}>
          Disconnect
        </RoleButton>
      ) : null}
      <span role="status" aria-live="polite" style={{ marginLeft: 8 }}>
        {popup.busy ? 'Waiting for the Intuit sign-in window…' : ''}
      </span>
      {popup.error ? <ErrorNotice error={new Error(popup.error)} title="QuickBooks Online was not connected" /> : null}
      <ConfirmDialog
        open={confirmDisconnect}
        title="Disconnect QuickBooks Online?"
        confirmLabel="Disconnect"
        busy={disconnect.isPending}
        onCancel={() => setConfirmDisconnect(false)}
        onConfirm={() => void disconnect.run()}
      >
        <p>The connection is revoked at Intuit and its tokens are deleted here. Nothing in QuickBooks Online changes; connect again to resume.</p>
        {disconnect.error ? <ErrorNotice error={disconnect.error} title="Not disconnected" onRetry={() => void disconnect.retry()} /> : null}
      </ConfirmDialog>
    </div>
  );
}

/**
 * Intuit meters the Accounting API's reads ("CorePlus") under its App Partner Program; writes ("Core") are free. The
 * counts are the connector's own; Intuit's usage chart in the developer portal is the authority.
 */
function describeCalls(calls: QboConnection['callsThisMonth']): string {
  const n = (count: number, one: string, many: string) => `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
  const writes = calls.writeOperations === calls.writeCalls ? '' : ` (${n(calls.writeOperations, 'operation', 'operations')})`;
  const throttled = calls.throttledCalls > 0 ? `; ${n(calls.throttledCalls, 'call', 'calls')} refused by Intuit's throttle (429)` : '';
  return `${n(calls.readCalls, 'read', 'reads')} (metered by Intuit), ${n(calls.writeCalls, 'write', 'writes')}${writes} (not metered)${throttled}`;
}
