import type { UseQueryResult } from '@tanstack/react-query';
import type { CompanySettings, QuickBooksItem, QuickBooksLists } from '../api/settings-queries.ts';
import { CreateRetainageReceivableItem } from './create-retainage-receivable-item.tsx';
import type { ListRefresh } from './quickbooks-ref-picker.tsx';
import { AccountField, Field, QuickBooksItemSelect, RadioGroup, describedBy } from './settings-fields.tsx';

/**
 * The owner side's settings (issue 21; @connector/contract company-settings.ts): how an approved Procore owner invoice
 * becomes a QuickBooks invoice — the Retainage Receivable item, the A/R account, the item on each schedule-of-values
 * line (one item per contract needs that item), and where the invoice number comes from. Problems are the form's
 * (the shared checkSettingsChange rules), shown beside each field.
 */
export function OwnerInvoiceSettings({
  draft,
  set,
  problemFor,
  items,
  lists,
  refresh,
  refreshPending,
}: {
  draft: CompanySettings;
  set: <K extends keyof CompanySettings>(key: K, value: CompanySettings[K]) => void;
  problemFor: (key: keyof CompanySettings) => string | undefined;
  items: UseQueryResult<QuickBooksItem[] | null, Error>;
  lists: UseQueryResult<QuickBooksLists, Error>;
  refresh: ListRefresh;
  refreshPending: boolean;
}) {
  const itemPicker = (key: 'retainageReceivableItem' | 'ownerInvoiceContractItem', hint: string) => (
    <QuickBooksItemSelect
      id={key}
      items={items}
      value={draft[key]}
      onChange={(v) => set(key, v)}
      refresh={refresh}
      refreshPending={refreshPending}
      describedBy={describedBy(key, hint, problemFor(key))}
      invalid={Boolean(problemFor(key))}
    />
  );
  const retainageHint =
    'Retainage the owner holds back goes on each QuickBooks invoice as a negative line on this item, and retainage Procore marks released is billed on an invoice of its own with it. Usually an Other Charge item posting to an asset account such as Retainage Receivable. Owner invoices with retainage are not sent until it is chosen.';
  const contractItemHint =
    'Every line of every owner invoice is billed on this item, so its income account is where owner billings post. A Service or Other Charge item such as "Contract Billing".';
  return (
    <fieldset>
      <legend>Owner invoices</legend>
      <p className="hint">
        Owner invoices (payment applications) that Procore marks approved become QuickBooks invoices for the project&apos;s customer and job; payments received
        against them in QuickBooks are recorded in Procore.
      </p>
      <Field
        label="Retainage Receivable item"
        htmlFor="retainageReceivableItem"
        hint={retainageHint}
        problem={problemFor('retainageReceivableItem')}
        required={!draft.retainageReceivableItem}
      >
        {itemPicker('retainageReceivableItem', retainageHint)}
        {draft.retainageReceivableItem ? null : <CreateRetainageReceivableItem lists={lists} />}
      </Field>
      <AccountField
        id="ownerInvoiceArAccount"
        label="Accounts Receivable account (optional)"
        hint="The A/R account owner invoices post to: only Accounts Receivable accounts are offered. With none chosen, QuickBooks uses its default Accounts Receivable account."
        value={draft.ownerInvoiceArAccount}
        onChange={(v) => set('ownerInvoiceArAccount', v)}
        problem={problemFor('ownerInvoiceArAccount')}
        lists={lists}
        refresh={refresh}
      />
      <RadioGroup
        label="Item on each schedule-of-values line"
        name="ownerInvoiceLineItem"
        hint="What each line of the QuickBooks invoice is billed on. By cost code, the invoice shows the owner's billing per cost code; one item per contract keeps the invoice to the contract's lines on a single item."
        value={draft.ownerInvoiceLineItem}
        onChange={(v) => set('ownerInvoiceLineItem', v as CompanySettings['ownerInvoiceLineItem'])}
        problem={problemFor('ownerInvoiceLineItem')}
        options={[
          { value: 'cost_code', label: "The line's cost code item (the items purchase orders and bills use)" },
          { value: 'contract', label: 'One item for the whole contract' },
        ]}
      />
      {draft.ownerInvoiceLineItem === 'contract' ? (
        <Field
          label="Contract item"
          htmlFor="ownerInvoiceContractItem"
          hint={contractItemHint}
          problem={problemFor('ownerInvoiceContractItem')}
          required={!draft.ownerInvoiceContractItem}
        >
          {itemPicker('ownerInvoiceContractItem', contractItemHint)}
        </Field>
      ) : null}
      <RadioGroup
        label="QuickBooks invoice number"
        name="ownerInvoiceNumberSource"
        hint="The number the QuickBooks invoice carries (its Invoice No.). When typed, Export to QuickBooks asks for each owner invoice's number as it is sent to accounting, starting from Procore's number, up to 11 characters."
        value={draft.ownerInvoiceNumberSource}
        onChange={(v) => set('ownerInvoiceNumberSource', v as CompanySettings['ownerInvoiceNumberSource'])}
        problem={problemFor('ownerInvoiceNumberSource')}
        options={[
          { value: 'procore', label: "Procore's owner invoice number" },
          { value: 'typed', label: 'Typed for each invoice, for companies that number invoices in their own series' },
        ]}
      />
    </fieldset>
  );
}
