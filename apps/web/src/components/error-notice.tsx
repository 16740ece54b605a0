import { Banner } from '@procore/core-react';
import { Button } from './button.tsx';
import { isApiError } from '../lib/api-client.ts';

/**
 * A failure as a person reads it: what went wrong in words, the raw code beside it (for support), and a
 * way to try again. `onRetry` re-sends the same action (same idempotency key) or re-reads the data.
 */
export function ErrorNotice({
  error,
  title = 'Something went wrong',
  onRetry,
  retryLabel = 'Try again',
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  const message = error instanceof Error ? error.message : String(error);
  const code = isApiError(error) ? error.code : null;
  const raw = isApiError(error)
    ? [error.qbStatusCode !== null ? `QuickBooks ${error.qbStatusCode}` : null, error.procoreStatus !== null ? `Procore ${error.procoreStatus}` : null]
        .filter(Boolean)
        .join(', ')
    : '';
  return (
    <div role="alert">
      <Banner variant="error">
        {onRetry ? (
          <Banner.Action>
            <Button onClick={onRetry}>{retryLabel}</Button>
          </Banner.Action>
        ) : null}
        <Banner.Content>
          <Banner.Title>{title}</Banner.Title>
          <Banner.Body>
            {message}
            {code ? (
              <span style={{ display: 'block', marginTop: 4, fontSize: 12 }}>
                Code: {code}
                {raw ? ` (${raw})` : ''}
              </span>
            ) : null}
          </Banner.Body>
        </Banner.Content>
      </Banner>
    </div>
  );
}
