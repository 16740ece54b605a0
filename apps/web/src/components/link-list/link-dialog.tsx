import { useQuery } from '@tanstack/react-query';
import { Button } from '../button.tsx';
import { useId, useMemo, useState } from 'react';
import { Dialog } from '../dialog.tsx';
import { ErrorNotice } from '../error-notice.tsx';
import { QueryState } from '../query-state.tsx';
import type { LinkEntry, LinkListApi } from './link-list-types.ts';

/** Pick the Procore record a QuickBooks job or vendor is the same as (the suggestion first). */
export function LinkDialog({
  entry,
  api,
  busy,
  error,
  onRetry,
  onCancel,
  onLink,
}: {
  entry: LinkEntry | null;
  api: LinkListApi;
  busy: boolean;
  error: unknown;
  onRetry: () => void;
  onCancel: () => void;
  onLink: (procoreId: number) => void;
}) {
  return (
    <Dialog open={entry !== null} title={entry ? `Link ${entry.fullName}` : 'Link'} onClose={onCancel}>
      {error ? <ErrorNotice error={error} title="The link did not go through" onRetry={onRetry} /> : null}
      {entry ? <LinkForm key={entry.qbListId} entry={entry} api={api} busy={busy} onCancel={onCancel} onLink={onLink} /> : null}
    </Dialog>
  );
}

function LinkForm({
  entry,
  api,
  busy,
  onCancel,
  onLink,
}: {
  entry: LinkEntry;
  api: LinkListApi;
  busy: boolean;
  onCancel: () => void;
  onLink: (procoreId: number) => void;
}) {
  const choices = useQuery(api.procoreChoicesQuery());
  const [filter, setFilter] = useState('');
  const [chosen, setChosen] = useState<string>(entry.suggestion ? String(entry.suggestion.id) : '');
  const filterId = useId();
  const selectId = useId();
  const visible = useMemo(() => (choices.data ?? []).filter((c) => c.name.toLowerCase().includes(filter.toLowerCase())), [choices.data, filter]);
  return (
    <QueryState query={choices} label={`Loading Procore ${api.words.procoreNoun}s`}>
      {() => (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (chosen) onLink(Number(chosen));
          }}
        >
          {entry.suggestion ? (
            <p>
              Suggested: <strong>{entry.suggestion.name}</strong> ({entry.suggestion.reason})
            </p>
          ) : null}
          <label htmlFor={filterId} style={{ display: 'block', fontWeight: 600 }}>
            Filter Procore {api.words.procoreNoun}s
          </label>
          <input
            id={filterId}
            data-autofocus
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            style={{ width: '100%', padding: 6, marginBottom: 8, boxSizing: 'border-box' }}
          />
          <label htmlFor={selectId} style={{ display: 'block', fontWeight: 600 }}>
            Procore {api.words.procoreNoun} (required)
          </label>
          <select
            id={selectId}
            required
            value={chosen}
            onChange={(e) => setChosen(e.target.value)}
            style={{ width: '100%', padding: 6 }}
            size={Math.min(8, Math.max(2, visible.length + 1))}
          >
            <option value="">Choose a {api.words.procoreNoun}</option>
            {visible.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8, marginTop: 16 }}>
            <Button variant="secondary" type="button" onClick={onCancel}>
              Cancel
            </Button>
            <Button variant="primary" type="submit" disabled={!chosen || busy} loading={busy}>
              Link
            </Button>
          </div>
        </form>
      )}
    </QueryState>
  );
}
