import { useQuery, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { Banner } from '@procore/core-react';
import { Button } from '../../../components/button.tsx';
import { useEffect, useMemo, useRef, useState } from 'react';
import styled from 'styled-components';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { fieldErrors } from '../../../lib/api-client.ts';
import { mayDo, describeNeededRoles } from '../../../lib/roles.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import {
  procoreCostCodesQuery,
  quickBooksItemsQuery,
  quickBooksListsQuery,
  refreshQuickBooksLists,
  saveSettings,
  settingsKeys,
  type CompanySettings,
  type QuickBooksLists,
} from '../api/settings-queries.ts';
import { changedSettings, missingRequired, validateSettings, type SettingsProblems } from '../api/validate-settings.ts';
import { ClassMappingEditor } from './class-mapping-editor.tsx';
import { OwnerInvoiceSettings } from './owner-invoice-settings.tsx';
import type { ListRefresh, PickerList } from './quickbooks-ref-picker.tsx';
import { AccountField, Check, Field, NumberField, QuickBooksItemSelect, RadioGroup, describedBy } from './settings-fields.tsx';

const Form = styled.form`
  max-width: 760px;
  fieldset {
    border: 1px solid #d6dadc;
    border-radius: 4px;
    padding: 12px 16px 16px;
    margin: 0 0 16px;
  }
  legend {
    font-weight: 600;
    font-size: 16px;
    padding: 0 4px;
  }
  .field {
    margin: 12px 0;
  }
  .field > label,
  .label {
    display: block;
    font-weight: 600;
    margin-bottom: 4px;
  }
  .hint {
    color: #5a6168;
    font-size: 13px;
    margin: 2px 0 4px;
  }
  .problem {
    color: #b3261e;
    font-size: 13px;
    margin: 4px 0 0;
  }
  .required {
    color: #b3261e;
    font-weight: 600;
    font-size: 12px;
    margin-left: 6px;
  }
  input[type='number'],
  input[type='text'],
  select {
    font: inherit;
    padding: 6px 8px;
    border: 1px solid #8f979c;
    border-radius: 4px;
  }
  .choice {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    margin: 6px 0;
    font-weight: 400;
  }
`;

/** Every company setting (docs/integration-map.md#settings), validated beside each field, saved as one change. */
export function SettingsForm({ saved }: { saved: CompanySettings }) {
  const { company } = useCompany();
  const toast = useToast();
  const [draft, setDraft] = useState<CompanySettings>(saved);
  const [showProblems, setShowProblems] = useState(false);
  const items = useQuery(quickBooksItemsQuery(company.id));
  const lists = useQuery(quickBooksListsQuery(company.id));
  const costCodes = useQuery(procoreCostCodesQuery(company.id));
  const refreshAction = useAction((_: void, key: string) => refreshQuickBooksLists(company.id, key), {
    invalidates: () => [settingsKeys.quickBooksLists(company.id), settingsKeys.items(company.id)],
    onSuccess: () => toast.show('QuickBooks items, accounts and classes will be read at the next Web Connector session.'),
  });
  const refresh: ListRefresh = { run: () => void refreshAction.run(), isPending: refreshAction.isPending };
  // Items ride in the same refresh as accounts and classes: when it is done, the items list is read again too.
  const queryClient = useQueryClient();
  const refreshWasPending = useRef(false);
  const refreshPending = lists.data?.refreshPending ?? false;
  useEffect(() => {
    if (refreshWasPending.current && !refreshPending) void queryClient.invalidateQueries({ queryKey: settingsKeys.items(company.id) });
    refreshWasPending.current = refreshPending;
  }, [refreshPending, queryClient, company.id]);
  const editable = mayDo(company, 'editSettings');
  const problems = useMemo(() => validateSettings(draft), [draft]);
  const change = useMemo(() => changedSettings(saved, draft), [saved, draft]);
  const save = useAction((body: Partial<CompanySettings>, key: string) => saveSettings(company.id, body, key), {
    invalidates: () => [settingsKeys.settings(company.id)],
    onSuccess: () => toast.show('Settings saved.'),
  });
  const serverProblems = fieldErrors(save.error) as SettingsProblems;
  const problemFor = (key: keyof CompanySettings) => (showProblems ? problems[key] : undefined) ?? serverProblems[key];
  const set = <K extends keyof CompanySettings>(key: K, value: CompanySettings[K]) => setDraft((d) => ({ ...d, [key]: value }));
  /** What a field bound to one setting takes: its id, the draft's value, how it changes it, and its problem. */
  const fieldProps = <K extends keyof CompanySettings>(key: K) => ({
    id: key,
    value: draft[key],
    onChange: (v: CompanySettings[K]) => set(key, v),
    problem: problemFor(key),
  });
  const required = missingRequired(draft);
  const dirty = Object.keys(change).length > 0;

  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setShowProblems(true);
    if (Object.keys(problems).length > 0) {
      // Focus the first field with a problem, in the order the form shows them.
      const fields = [...event.currentTarget.querySelectorAll<HTMLElement>('input[id], select[id]')];
      fields.find((field) => field.id in problems)?.focus();
      return;
    }
    if (dirty) void save.run(change);
  };

  return (
    <Form onSubmit={submit} noValidate aria-label="Company settings">
      {!editable ? (
        <Banner variant="info" style={{ marginBottom: 16 }}>
          <Banner.Content>
            <Banner.Body>{`You can read these settings. Changing them ${describeNeededRoles('editSettings').toLowerCase()}.`}</Banner.Body>
          </Banner.Content>
        </Banner>
      ) : null}
      {required.length > 0 ? (
        <div role="note" style={{ marginBottom: 16 }}>
          <Banner variant="attention">
            <Banner.Content>
              <Banner.Title>Required before some records can sync</Banner.Title>
              <Banner.Body>
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {required.map((r) => (
                    <li key={r.key}>{r.message}</li>
                  ))}
                </ul>
              </Banner.Body>
            </Banner.Content>
          </Banner>
        </div>
      ) : null}
      <fieldset disabled={!editable} style={{ border: 'none', padding: 0, margin: 0 }}>
        <fieldset>
          <legend>Export to QuickBooks</legend>
          <RadioGroup
            label="Approval"
            name="approvalRequired"
            value={draft.approvalRequired ? 'yes' : 'no'}
            onChange={(v) => set('approvalRequired', v === 'yes')}
            options={[
              { value: 'yes', label: 'Approval required: an accountant approves commitments, change orders and invoices before they go to QuickBooks' },
              { value: 'no', label: 'Direct export: sending them queues them for QuickBooks at once' },
            ]}
          />
          <Check
            id="useProcoreContractNumber"
            checked={draft.useProcoreContractNumber}
            onChange={(v) => set('useProcoreContractNumber', v)}
            label="Use the Procore contract # as the QuickBooks RefNumber"
            hint="QuickBooks allows 11 characters on a purchase order number; longer numbers are refused with the limit named."
          />
          <Check
            id="autoAddCostCodesToBudgets"
            checked={draft.autoAddCostCodesToBudgets}
            onChange={(v) => set('autoAddCostCodesToBudgets', v)}
            label="Automatically add new cost codes to the budgets of integrated projects"
          />
          <RadioGroup
            label="Cost code items"
            name="itemType"
            value={draft.itemType}
            onChange={(v) => set('itemType', v as CompanySettings['itemType'])}
            options={[
              { value: 'service', label: 'Service items' },
              { value: 'other_charge', label: 'Other Charge items' },
            ]}
          />
          <RadioGroup
            label="Cost code names over QuickBooks' 31 characters"
            name="itemNameRule"
            value={draft.itemNameRule}
            onChange={(v) => set('itemNameRule', v as CompanySettings['itemNameRule'])}
            options={[
              { value: 'refuse', label: 'Refuse them, naming the cost code, so someone shortens it in Procore' },
              { value: 'abbreviate', label: 'Abbreviate them by the documented rule' },
            ]}
          />
          <Field
            label="Invoice Retainage Item"
            required={!draft.invoiceRetainageItem}
            hint="Retainage withheld on subcontractor invoices posts to this QuickBooks item."
            problem={problemFor('invoiceRetainageItem')}
            htmlFor="invoiceRetainageItem"
          >
            <QuickBooksItemSelect
              id="invoiceRetainageItem"
              describedBy={describedBy('invoiceRetainageItem', 'hint', problemFor('invoiceRetainageItem'))}
              invalid={Boolean(problemFor('invoiceRetainageItem'))}
              items={items}
              value={draft.invoiceRetainageItem}
              onChange={(v) => set('invoiceRetainageItem', v)}
              refresh={refresh}
              refreshPending={refreshPending}
            />
          </Field>
          <AccountField
            {...fieldProps('itemExpenseAccount')}
            label="Expense account for new cost-code items"
            hint="Purchase orders and bills post job cost to it: a cost of goods sold or expense account."
            required={!draft.itemExpenseAccount?.listId}
            lists={lists}
            refresh={refresh}
          />
          <AccountField
            {...fieldProps('itemIncomeAccount')}
            label="Income account for new cost-code items (optional)"
            hint="With an income account, items are two-sided so estimates post to income: an income account."
            lists={lists}
            refresh={refresh}
          />
          {refreshAction.error ? (
            <ErrorNotice error={refreshAction.error} title="Could not ask for a refresh" onRetry={() => void refreshAction.retry()} />
          ) : null}
        </fieldset>
        <OwnerInvoiceSettings draft={draft} set={set} problemFor={problemFor} items={items} lists={lists} refresh={refresh} refreshPending={refreshPending} />
        <fieldset>
          <legend>Budgets and vendors</legend>
          <RadioGroup
            label="Budget Direct Cost column"
            name="directCostColumn"
            value={draft.directCostColumn}
            onChange={(v) => {
              set('directCostColumn', v as CompanySettings['directCostColumn']);
              // Hiding Job to date goes with the editable column only (the server refuses it otherwise).
              if (v !== 'editable') set('hideJobToDateCosts', false);
            }}
            options={[
              { value: 'read_only_from_quickbooks', label: 'Read-only, filled from QuickBooks' },
              { value: 'editable', label: 'Editable in Procore (not filled from QuickBooks)' },
            ]}
          />
          {draft.directCostColumn === 'editable' && (
            <Check
              id="hideJobToDateCosts"
              checked={draft.hideJobToDateCosts}
              onChange={(v) => set('hideJobToDateCosts', v)}
              label="Hide the Job to date costs column"
            />
          )}
          <RadioGroup
            label="Vendor updates on refresh"
            name="vendorUpdatePolicy"
            value={draft.vendorUpdatePolicy}
            onChange={(v) => set('vendorUpdatePolicy', v as CompanySettings['vendorUpdatePolicy'])}
            options={[
              { value: 'update', label: 'Update linked Procore vendors from QuickBooks when vendors are refreshed' },
              { value: 'never', label: 'Never update Procore vendors from QuickBooks' },
            ]}
          />
        </fieldset>
        <fieldset>
          <legend>Schedules</legend>
          <NumberField
            {...fieldProps('qbwcRunEveryMinutes')}
            label="Web Connector runs every (minutes)"
            hint="Written into the .qwc file: download it again after changing this."
            min={1}
            max={1440}
          />
          <NumberField {...fieldProps('refreshJobsAndVendorsEveryHours')} label="Refresh jobs and vendors every (hours)" min={1} max={168} />
          <NumberField {...fieldProps('refreshJobCostsEveryHours')} label="Update job costs every (hours)" min={1} max={168} />
        </fieldset>
        <fieldset>
          <legend>Cost code → QuickBooks class</legend>
          <ClassMappingEditor
            value={draft.classByCostCode}
            onChange={(v) => set('classByCostCode', v)}
            problem={problemFor('classByCostCode')}
            classes={classList(lists)}
            costCodes={costCodes.isSuccess ? costCodes.data : null}
            refresh={refresh}
          />
        </fieldset>
      </fieldset>
      {save.error ? <ErrorNotice error={save.error} title="Settings not saved" onRetry={() => void save.retry()} /> : null}
      <div style={{ display: 'flex', gap: 8, alignItems: 'center', margin: '16px 0 32px' }}>
        <RoleButton action="editSettings" variant="primary" type="submit" loading={save.isPending} disabled={save.isPending || !dirty}>
          Save settings
        </RoleButton>
        <Button variant="secondary" type="button" disabled={!dirty || !editable} onClick={() => setDraft(saved)}>
          Discard changes
        </Button>
        <span role="status" aria-live="polite">
          {showProblems && Object.keys(problems).length > 0
            ? `${Object.keys(problems).length} field${Object.keys(problems).length === 1 ? ' needs' : 's need'} attention.`
            : dirty
              ? 'Unsaved changes.'
              : ''}
        </span>
      </div>
    </Form>
  );
}

function classList(lists: UseQueryResult<QuickBooksLists, Error>): PickerList {
  if (lists.isPending) return { state: 'loading' };
  if (lists.isError) return { state: 'error', error: lists.error, retry: () => void lists.refetch() };
  const { classes, refreshPending } = lists.data;
  return { state: 'ready', readAt: classes.readAt, refreshPending, entries: classes.entries };
}
