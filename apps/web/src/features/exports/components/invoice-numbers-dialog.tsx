import { useEffect, useId, useRef, useState } from 'react';
import { ConfirmDialog } from '../../../components/confirm-dialog.tsx';
import type { ExportItem } from '../api/export-queries.ts';
import { checkInvoiceNumber, INVOICE_NUMBER_MAX, procoreInvoiceNumber, type TypedInvoiceNumber } from '../api/send-owner-invoices.ts';

/**
 * With the setting "typed" (ownerInvoiceNumberSource), sending owner invoices to accounting asks for each one's
 * QuickBooks invoice number, prefilled with Procore's. Each field's problem shows beside it before anything is sent.
 * Mount it per opening (it starts from `invoices`); `onSend` is called at most once until `busy` has come and gone.
 */
export function InvoiceNumbersDialog({
  invoices,
  busy,
  onCancel,
  onSend,
}: {
  invoices: readonly ExportItem[];
  busy: boolean;
  onCancel: () => void;
  onSend: (numbers: TypedInvoiceNumber[]) => void;
}) {
  const [numbers, setNumbers] = useState<Record<string, string>>(() => Object.fromEntries(invoices.map((i) => [i.procoreId, procoreInvoiceNumber(i)])));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const baseId = useId();
  const fieldId = (procoreId: string) => `${baseId}-number-${procoreId}`;
  // A double click sends once: `busy` comes from the action's state, which is updated after the next render.
  const sending = useRef(false);
  useEffect(() => {
    if (!busy) sending.current = false;
  }, [busy]);

  const submit = () => {
    setTouched(new Set(invoices.map((i) => i.procoreId)));
    const firstWrong = invoices.find((i) => checkInvoiceNumber(numbers[i.procoreId] ?? '') !== null);
    if (firstWrong) {
      document.getElementById(fieldId(firstWrong.procoreId))?.focus();
      return;
    }
    if (busy || sending.current) return;
    sending.current = true;
    onSend(invoices.map((i) => ({ procoreId: i.procoreId, title: i.title, status: i.status, refNumber: (numbers[i.procoreId] ?? '').trim() })));
  };

  return (
    <ConfirmDialog
      open
      title={invoices.length === 1 ? 'QuickBooks invoice number' : `QuickBooks invoice numbers (${invoices.length})`}
      confirmLabel="Send to accounting"
      busy={busy}
      onCancel={onCancel}
      onConfirm={submit}
    >
      <p style={{ margin: '0 0 12px', color: '#5a6168', fontSize: 13 }}>
        Your company numbers QuickBooks invoices itself (Settings, Owner invoices). Each starts with Procore&apos;s number; up to {INVOICE_NUMBER_MAX}{' '}
        characters.
      </p>
      {invoices.map((invoice, index) => {
        const id = fieldId(invoice.procoreId);
        const problem = touched.has(invoice.procoreId) ? checkInvoiceNumber(numbers[invoice.procoreId] ?? '') : null;
        return (
          <div key={invoice.procoreId} style={{ marginBottom: 12 }}>
            <label htmlFor={id} style={{ display: 'block', fontWeight: 600, marginBottom: 4 }}>
              {invoice.title}
            </label>
            <input
              id={id}
              type="text"
              {...(index === 0 ? { 'data-autofocus': true } : {})}
              value={numbers[invoice.procoreId] ?? ''}
              onChange={(e) => setNumbers((all) => ({ ...all, [invoice.procoreId]: e.target.value }))}
              onBlur={() => setTouched((all) => new Set(all).add(invoice.procoreId))}
              required
              aria-required="true"
              aria-invalid={problem !== null}
              aria-describedby={problem ? `${id}-problem` : undefined}
              style={{ width: '100%', font: 'inherit', padding: 8, boxSizing: 'border-box' }}
            />
            {problem ? (
              <p id={`${id}-problem`} style={{ color: '#b3261e', margin: '4px 0 0' }}>
                {problem}
              </p>
            ) : null}
          </div>
        );
      })}
    </ConfirmDialog>
  );
}
