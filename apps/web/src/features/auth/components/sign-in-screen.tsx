import { Button } from '../../../components/button.tsx';
import { useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { openSignInPopup } from '../../../lib/open-sign-in-popup.ts';
import type { Session } from '../../../lib/session.ts';
import { exchangeHandoff } from '../api/session-queries.ts';

/** Not signed in: one button that opens Procore's sign-in in a popup, then reads the session again. */
export function SignInScreen({ procoreCompanyId, onSignedIn }: { procoreCompanyId: string | null; onSignedIn: (session: Session | null) => void }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const signIn = async () => {
    setState({ busy: true, error: null });
    const url = `/auth/sign-in${procoreCompanyId ? `?procoreCompanyId=${encodeURIComponent(procoreCompanyId)}` : ''}`;
    try {
      const outcome = await openSignInPopup(url);
      if (!outcome.ok) {
        setState({ busy: false, error: outcome.message ?? 'Procore did not complete the sign-in.' });
        return;
      }
      // The popup's cookie is not this frame's (partitioned in Procore's iframe): trade the handoff for ours.
      const session = outcome.handoff ? await exchangeHandoff(outcome.handoff) : null;
      setState({ busy: false, error: null });
      onSignedIn(session);
    } catch (error) {
      setState({ busy: false, error: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <main style={{ maxWidth: 520, margin: '64px auto', padding: 24 }}>
      <h1 style={{ fontSize: 24 }}>QuickBooks Desktop for Procore</h1>
      <p>Sign in with your Procore account to export commitments, link jobs and vendors, and see job costs from QuickBooks.</p>
      {state.error ? <ErrorNotice error={new Error(state.error)} title="Sign-in did not complete" /> : null}
      <div style={{ marginTop: 16 }}>
        <Button onClick={() => void signIn()} loading={state.busy} disabled={state.busy}>
          Sign in with Procore
        </Button>
      </div>
      <p role="status" aria-live="polite" style={{ marginTop: 12, color: '#5a6168' }}>
        {state.busy ? 'Waiting for the Procore sign-in window…' : ''}
      </p>
    </main>
  );
}
