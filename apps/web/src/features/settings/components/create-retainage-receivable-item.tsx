import type { UseQueryResult } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { createRetainageReceivableItem, settingsKeys, type QuickBooksLists } from '../api/settings-queries.ts';

/**
 * When the company has no Retainage Receivable item (issue 21): create one in QuickBooks — an Other Charge item on the
 * Other Current Asset account chosen here (the connector never adds accounts: the chart of accounts is the
 * accountant's). The server chooses an item of that name QuickBooks already has instead, without writing.
 */
export function CreateRetainageReceivableItem({ lists }: { lists: UseQueryResult<QuickBooksLists, Error> }) {
  const { company } = useCompany();
  const selectId = useId();
  const assets = (lists.data?.accounts.entries ?? []).filter((a) => a.accountType === 'OtherCurrentAsset' && a.isActive);
  const preferred = assets.find((a) => /retainage/i.test(a.fullName)) ?? assets[0];
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const accountListId = chosen ?? preferred?.listId ?? '';
  const create = useAction((listId: string, key: string) => createRetainageReceivableItem(company.id, listId, key), {
    invalidates: () => [settingsKeys.settings(company.id), settingsKeys.items(company.id)],
  });
  if (!lists.data) return null;
  return (
    <div className="create-item" data-testid="create-retainage-receivable-item">
      <p className="hint">
        No such item in QuickBooks yet? The connector can create <strong>Retainage Receivable</strong> as an Other Charge item on an Other Current Asset
        account.
      </p>
      {assets.length === 0 ? (
        <p className="hint">
          QuickBooks has no active Other Current Asset account in the lists read so far. Add one in QuickBooks (for example &quot;Retainage Receivable&quot;),
          then refresh the lists.
        </p>
      ) : (
        <div className="choice">
          <label htmlFor={selectId}>Account</label>
          <select id={selectId} value={accountListId} onChange={(e) => setChosen(e.target.value)}>
            {assets.map((a) => (
              <option key={a.listId} value={a.listId}>
                {a.accountNumber ? `${a.accountNumber} · ${a.fullName}` : a.fullName}
              </option>
            ))}
          </select>
          <RoleButton
            action="editSettings"
            variant="secondary"
            type="button"
            loading={create.isPending}
            disabled={create.isPending || !accountListId || create.data?.outcome === 'queued'}
            onClick={() => void create.run(accountListId)}
          >
            Create in QuickBooks
          </RoleButton>
        </div>
      )}
      {create.data ? (
        <p className="hint" role="status">
          {create.data.message}
        </p>
      ) : null}
      {create.error ? <ErrorNotice error={create.error} title="The item was not created" onRetry={() => void create.retry()} /> : null}
    </div>
  );
}
