import { Button } from '../../../components/button.tsx';
import { useState } from 'react';
import { Dialog } from '../../../components/dialog.tsx';

/** The new Web Connector password, shown once: the server keeps only its hash. */
export function PasswordDialog({ credentials, onClose }: { credentials: { username: string; password: string } | null; onClose: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog
      open={credentials !== null}
      title="Web Connector password"
      onClose={() => {
        setCopied(false);
        onClose();
      }}
      footer={
        <Button variant="primary" onClick={onClose}>
          I have saved it
        </Button>
      }
    >
      {credentials ? (
        <div>
          <p>
            <strong>This is the only time the password is shown.</strong> Type it into the QuickBooks Web Connector on the Windows PC (the password column of
            this application). Setting a new one later stops the old one from working.
          </p>
          <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: '4px 16px' }}>
            <dt>Username</dt>
            <dd style={{ margin: 0 }}>
              <code data-testid="qbwc-username">{credentials.username}</code>
            </dd>
            <dt>Password</dt>
            <dd style={{ margin: 0 }}>
              <code data-testid="qbwc-password">{credentials.password}</code>
            </dd>
          </dl>
          <Button
            variant="secondary"
            data-autofocus
            onClick={async () => {
              await navigator.clipboard?.writeText(credentials.password).catch(() => undefined);
              setCopied(true);
            }}
          >
            Copy password
          </Button>
          <span role="status" aria-live="polite" style={{ marginLeft: 8 }}>
            {copied ? 'Copied.' : ''}
          </span>
        </div>
      ) : null}
    </Dialog>
  );
}
