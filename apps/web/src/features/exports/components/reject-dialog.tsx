import { useId, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';

/** Rejecting needs a reason: it goes back to the person who sent the records (export-workflow.ts). */
export function RejectDialog({
  open,
  count,
  onCancel,
  onReject,
  busy,
}: {
  open: boolean;
  count: number;
  onCancel: () => void;
  onReject: (comment: string) => void;
  busy: boolean;
}) {
  const [comment, setComment] = useState('');
  const [touched, setTouched] = useState(false);
  const fieldId = useId();
  const errorId = useId();
  const missing = comment.trim().length === 0;
  const submit = () => {
    setTouched(true);
    if (!missing) onReject(comment.trim());
  };
  return (
    <ConfirmDialog
      open={open}
      title={`Reject ${count === 1 ? 'this record' : `${count} records`}`}
      confirmLabel="Reject"
      busy={busy}
      onCancel={onCancel}
      onConfirm={submit}
    >
      <label htmlFor={fieldId} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
        Why are they rejected? (required)
      </label>
      <p style={{ margin: '0 0 8px', color: '#5a6168', fontSize: 13 }}>The comment goes to the person who sent them; they become editable in Procore again.</p>
      <textarea
        id={fieldId}
        data-autofocus
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        onBlur={() => setTouched(true)}
        rows={4}
        maxLength={2000}
        required
        aria-required="true"
        aria-invalid={touched && missing}
        aria-describedby={touched && missing ? errorId : undefined}
        style={{ width: '100%', font: 'inherit', padding: 8, boxSizing: 'border-box' }}
      />
      {touched && missing ? (
        <p id={errorId} role="alert" style={{ color: '#b3261e', margin: '4px 0 0' }}>
          Say why they are rejected.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
