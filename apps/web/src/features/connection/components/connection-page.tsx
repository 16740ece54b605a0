import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Card, Pill } from '@procore/core-react';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageSection, ScreenHeader } from '../../../components/page-section.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { newIdempotencyKey } from '../../../lib/api-client.ts';
import { formatDateTime, formatRelative } from '../../../lib/format.ts';
import { openSignInPopup } from '../../../lib/open-sign-in-popup.ts';
import { mayDo, describeNeededRoles } from '../../../lib/roles.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import {
  connectionKeys,
  procoreConnectionQuery,
  qboConnectionQuery,
  qbwcConnectionQuery,
  startProcoreConnect,
  qwcDownloadUrl,
  rebindCompanyFile,
  setQbwcPassword,
  unlockQbwcSignIn,
  type QbwcConnection,
} from '../api/connection-queries.ts';
import { PasswordDialog } from './password-dialog.tsx';
import { QuickBooksEditionCard } from './quickbooks-edition-card.tsx';
import { QbwcGuidance } from './qbwc-guidance.tsx';
import { QbwcStatus } from './qbwc-status.tsx';
import { SessionHistory } from './session-history.tsx';
import { SessionProgress } from './session-progress.tsx';

/** Connection: Procore, the QuickBooks edition (Desktop or Online, issue 22), the Web Connector (.qwc, password, status, bound file, live session) and its guidance. */
export function ConnectionPage() {
  const { company } = useCompany();
  const qbo = useQuery(qboConnectionQuery(company.id));
  // The Web Connector sections are for QuickBooks Desktop: hidden once the company uses QuickBooks Online (issue 22).
  // Read only once the edition is known (or could not be read: then as before, Desktop).
  const online = qbo.data?.edition === 'online';
  const qbwc = useQuery({ ...qbwcConnectionQuery(company.id), enabled: qbo.isSuccess ? !online : qbo.isError });
  return (
    <div>
      <ScreenHeader
        title="Connection"
        description="How this company reaches Procore and QuickBooks: QuickBooks Desktop through the QuickBooks Web Connector on your Windows PC, or QuickBooks Online."
      />
      <PageSection title="Procore">
        <ProcoreConnectionCard companyId={company.id} />
      </PageSection>
      <PageSection title="QuickBooks">
        <QuickBooksEditionCard companyId={company.id} query={qbo} />
      </PageSection>
      {online ? null : <DesktopSections companyId={company.id} qbwc={qbwc} />}
    </div>
  );
}

/** QuickBooks Desktop: the Web Connector (as before issue 22). */
function DesktopSections({ companyId, qbwc }: { companyId: string; qbwc: UseQueryResult<QbwcConnection> }) {
  return (
    <>
      <PageSection title="QuickBooks Web Connector">
        <Card>
          <div style={{ padding: 16 }}>
            <QueryState query={qbwc} label="Loading the Web Connector status">
              {(connection) => <QbwcCard companyId={companyId} connection={connection} />}
            </QueryState>
          </div>
        </Card>
      </PageSection>
      <PageSection title="Recent Web Connector sessions">
        <SessionHistory companyId={companyId} />
      </PageSection>
      <PageSection title="Running the Web Connector">
        <QbwcGuidance />
      </PageSection>
    </>
  );
}

function QbwcCard({ companyId, connection }: { companyId: string; connection: QbwcConnection }) {
  const toast = useToast();
  const { company } = useCompany();
  const [credentials, setCredentials] = useState<{ username: string; password: string } | null>(null);
  const [confirmRebind, setConfirmRebind] = useState(false);
  const [confirmRotate, setConfirmRotate] = useState(false);
  const password = useAction((_: void, key: string) => setQbwcPassword(companyId, key), {
    invalidates: () => [connectionKeys.qbwc(companyId)],
    onSuccess: (result) => {
      setConfirmRotate(false);
      setCredentials(result);
    },
  });
  const rebind = useAction((_: void, key: string) => rebindCompanyFile(companyId, key), {
    invalidates: () => [connectionKeys.qbwc(companyId)],
    onSuccess: () => {
      setConfirmRebind(false);
      toast.show('The next Web Connector session binds to the company file it opens.');
    },
  });
  const unlock = useAction((_: void, key: string) => unlockQbwcSignIn(companyId, key), {
    onSuccess: (result) =>
      toast.show(
        result.blocked > 0
          ? `Sign-in unblocked for ${result.username}: ${result.blocked} paused address(es) can sign in again now.`
          : 'No address was paused: the Web Connector can sign in.',
      ),
  });
  const canManage = mayDo(company, 'manageConnection');
  return (
    <div>
      <QbwcStatus connection={connection} />
      {connection.currentSession ? (
        <SessionProgress session={connection.currentSession} />
      ) : (
        <p style={{ color: '#5a6168' }}>No Web Connector session is running now.</p>
      )}
      <h3 style={{ fontSize: 16 }}>1. Add the application to the Web Connector</h3>
      <QwcDownload companyId={companyId} canManage={canManage} />
      <h3 style={{ fontSize: 16 }}>2. Set the password</h3>
      <p>{connection.hasPassword ? 'A password is set. Rotating makes a new one and the old one stops working.' : 'No password yet.'}</p>
      {/* Rotating cuts the running Web Connector off until the new password is typed into it: ask first. */}
      <RoleButton
        action="manageConnection"
        variant="secondary"
        loading={password.isPending && !confirmRotate}
        disabled={password.isPending}
        onClick={() => (connection.hasPassword ? setConfirmRotate(true) : void password.run())}
      >
        {connection.hasPassword ? 'Rotate password' : 'Set password'}
      </RoleButton>
      {password.error && !confirmRotate ? <ErrorNotice error={password.error} title="No password was set" onRetry={() => void password.retry()} /> : null}
      <RotatePasswordDialog
        open={confirmRotate}
        busy={password.isPending}
        error={password.error}
        onCancel={() => setConfirmRotate(false)}
        onConfirm={() => void password.run()}
        onRetry={() => void password.retry()}
      />
      <h3 style={{ fontSize: 16 }}>3. Company file</h3>
      {connection.boundCompanyFile ? (
        <p>
          Bound to <strong>{connection.boundCompanyFile.name ?? connection.boundCompanyFile.path}</strong> ({connection.boundCompanyFile.path}) since{' '}
          {formatDateTime(connection.boundCompanyFile.boundAt)}. Sessions that open another file are refused.
        </p>
      ) : (
        <p>Not bound yet: the first Web Connector session binds this company to the file it opens.</p>
      )}
      <RoleButton action="manageConnection" variant="tertiary" disabled={!connection.boundCompanyFile} onClick={() => setConfirmRebind(true)}>
        Re-bind company file
      </RoleButton>
      <RebindDialog
        open={confirmRebind}
        busy={rebind.isPending}
        error={rebind.error}
        onCancel={() => setConfirmRebind(false)}
        onConfirm={() => void rebind.run()}
        onRetry={() => void rebind.retry()}
      />
      <h3 style={{ fontSize: 16 }}>4. Sign-in</h3>
      <p>
        After a few wrong passwords from one address, that address waits a little longer before each new try (never locked; other addresses are not affected).
        If the Web Connector reports an invalid user right after you set the password, unblock it.
      </p>
      <RoleButton
        action="manageConnection"
        variant="tertiary"
        disabled={!connection.hasPassword || unlock.isPending}
        loading={unlock.isPending}
        onClick={() => void unlock.run()}
      >
        Unblock sign-in
      </RoleButton>
      {unlock.error ? <ErrorNotice error={unlock.error} title="Not unblocked" onRetry={() => void unlock.retry()} /> : null}
      <PasswordDialog credentials={credentials} onClose={() => setCredentials(null)} />
    </div>
  );
}

/** The .qwc file to add to the Web Connector: a download for those who may manage the connection, else who may. */
function QwcDownload({ companyId, canManage }: { companyId: string; canManage: boolean }) {
  return (
    <p>
      {canManage ? (
        <a href={qwcDownloadUrl(companyId)} download data-testid="download-qwc">
          Download the .qwc file
        </a>
      ) : (
        <span title={describeNeededRoles('manageConnection')}>Download the .qwc file ({describeNeededRoles('manageConnection').toLowerCase()})</span>
      )}{' '}
      and open it on the Windows PC that runs QuickBooks (or use “Add an application” in the Web Connector).
    </p>
  );
}

/** A question asked before a change that cuts the Web Connector off; open while `open`. */
interface ConfirmDialogProps {
  open: boolean;
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onConfirm: () => void;
  onRetry: () => void;
}

/** Rotating cuts the running Web Connector off until the new password is typed into it: asked first. */
function RotatePasswordDialog({ open, busy, error, onCancel, onConfirm, onRetry }: ConfirmDialogProps) {
  return (
    <ConfirmDialog open={open} title="Rotate the Web Connector password?" confirmLabel="Rotate password" busy={busy} onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        The current password stops working at once: the Web Connector on the Windows PC is refused (“invalid user”) until the new password, shown once on the
        next screen, is typed into it. Nothing waiting for QuickBooks is lost; it goes at the next run after that.
      </p>
      {error ? <ErrorNotice error={error} title="No password was set" onRetry={onRetry} /> : null}
    </ConfirmDialog>
  );
}

/** Re-binding is for a move to another company file: asked first. */
function RebindDialog({ open, busy, error, onCancel, onConfirm, onRetry }: ConfirmDialogProps) {
  return (
    <ConfirmDialog open={open} title="Re-bind the company file?" confirmLabel="Re-bind" busy={busy} onCancel={onCancel} onConfirm={onConfirm}>
      <p>
        Do this only after moving to another QuickBooks company file (a restored backup, a new file). The next Web Connector session binds this company to
        whichever file it opens.
      </p>
      {error ? <ErrorNotice error={error} title="Not re-bound" onRetry={onRetry} /> : null}
    </ConfirmDialog>
  );
}

function ProcoreConnectionCard({ companyId }: { companyId: string }) {
  const queryClient = useQueryClient();
  const query = useQuery(procoreConnectionQuery(companyId));
  const [popup, setPopup] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const connect = async () => {
    setPopup({ busy: true, error: null });
    try {
      const outcome = await openSignInPopup(() => startProcoreConnect(companyId, newIdempotencyKey()), { name: 'procore-connect' });
      setPopup({ busy: false, error: outcome.ok ? null : (outcome.message ?? 'Procore did not complete the sign-in.') });
    } catch (error) {
      setPopup({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
    await queryClient.invalidateQueries({ queryKey: connectionKeys.procore(companyId) });
  };
  return (
    <Card>
      <div style={{ padding: 16 }}>
        <QueryState query={query} label="Loading the Procore connection">
          {(c) => (
            <div>
              <p style={{ display: 'flex', alignItems: 'center', gap: 8, margin: '0 0 8px' }}>
                <span>Procore:</span>
                <Pill color={c.status === 'connected' ? 'green' : c.status === 'needs_sign_in' ? 'red' : 'gray'} data-testid="procore-status">
                  {{ connected: 'Connected', needs_sign_in: 'Needs sign-in', disconnected: 'Disconnected', not_connected: 'Not connected' }[c.status]}
                </Pill>
                {c.status === 'connected' ? (
                  <span>{`as ${c.procoreUser ?? 'a service account'} (${(c.environment ?? '').replace('_', ' ')}) since ${formatDateTime(c.connectedAt)}`}</span>
                ) : null}
              </p>
              {c.statusMessage ? <p>{c.statusMessage}</p> : null}
              {c.status === 'connected' ? (
                <p style={{ fontSize: 13, color: '#5a6168' }}>Last full check against Procore {formatRelative(c.lastReconciledAt)}.</p>
              ) : null}
              <RoleButton
                action="manageConnection"
                variant={c.status === 'connected' ? 'secondary' : 'primary'}
                loading={popup.busy}
                disabled={popup.busy}
                onClick={() => void connect()}
              >
                {c.status === 'connected' ? 'Sign in to Procore again' : 'Connect to Procore'}
              </RoleButton>
              <span role="status" aria-live="polite" style={{ marginLeft: 8 }}>
                {popup.busy ? 'Waiting for the Procore sign-in window…' : ''}
              </span>
              {popup.error ? <ErrorNotice error={new Error(popup.error)} title="Procore was not connected" /> : null}
            </div>
          )}
        </QueryState>
      </div>
    </Card>
  );
}
