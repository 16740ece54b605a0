import { ConfirmDialog } from '../confirm-dialog.tsx';
import { ErrorNotice } from '../error-notice.tsx';
import type { LinkEntry, LinkListApi } from './link-list-types.ts';

/**
 * Creating a Procore record cannot be undone from here: it is confirmed first, saying what will exist after.
 * Open while `entry` is set.
 */
export function CreateInProcoreDialog({
  entry,
  words,
  busy,
  error,
  onCancel,
  onCreate,
  onRetry,
}: {
  entry: LinkEntry | null;
  words: LinkListApi['words'];
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onCreate: () => void;
  onRetry: () => void;
}) {
  return (
    <ConfirmDialog
      open={entry !== null}
      title={`${words.createLabel} in Procore?`}
      confirmLabel={words.createLabel}
      busy={busy}
      onCancel={onCancel}
      onConfirm={onCreate}
    >
      <p style={{ marginTop: 0 }}>
        A new Procore {words.procoreNoun} named “{entry?.fullName}” is created from the QuickBooks {words.qbNoun} and linked to it. Procore keeps it if you
        change your mind: it is removed in Procore, not here. If the {words.procoreNoun} already exists in Procore, cancel and link it instead.
      </p>
      {error && entry ? <ErrorNotice error={error} title="Not created" onRetry={onRetry} /> : null}
    </ConfirmDialog>
  );
}
