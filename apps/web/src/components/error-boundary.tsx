import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorNotice } from './error-notice.tsx';

/**
 * A screen that fails to render says so (and offers a reload) instead of leaving a blank frame inside
 * Procore; the rest of the app (navigation) stays usable. Keyed by the route, so moving on resets it.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // Kept in the browser console for support; the person sees the message below.
    console.error('screen failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <ErrorNotice
          error={new Error(`This screen could not be shown: ${this.state.error.message}`)}
          title="Something went wrong"
          onRetry={() => window.location.reload()}
          retryLabel="Reload"
        />
      );
    }
    return this.props.children;
  }
}
