import { ACTIVITY_DIRECTIONS, ACTIVITY_OUTCOMES, ACTIVITY_RECORD_TYPES, ACTIVITY_RECORD_TYPE_KEYS, type ActivityDirection } from '@connector/contract';
import { useQuery } from '@tanstack/react-query';
import { Pill } from '@procore/core-react';
import { useEffect, useState } from 'react';
import { Button } from '../../../components/button.tsx';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { EmptyMessage } from '../../../components/empty-message.tsx';
import { FilterBar } from '../../../components/filter-bar.tsx';
import { ScreenHeader } from '../../../components/page-section.tsx';
import { Pager } from '../../../components/pager.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCompany } from '../../../lib/session.ts';
import { useSearchState } from '../../../lib/use-search-state.ts';
import {
  activityCsvUrl,
  activityPeopleQuery,
  activityQuery,
  hasExchange,
  isSessionRow,
  listedOrAny,
  type ActivityEntry,
  type ActivityFilters,
  type ActivitySessionRow,
} from '../api/activity-queries.ts';
import { ActivityExchangeDrawer } from './activity-exchange-drawer.tsx';

const PAGE_SIZE = 50;
// Every direction the API sends (@connector/contract): a missing one showed raw ("to_procore") and could not be filtered on.
const DIRECTION_WORDS: Record<ActivityDirection, string> = {
  to_quickbooks: 'To QuickBooks',
  from_quickbooks: 'From QuickBooks',
  to_procore: 'To Procore',
  from_procore: 'From Procore',
  internal: 'In the connector',
};
const OUTCOME_COLORS: Record<string, 'green' | 'red' | 'gray'> = { ok: 'green', error: 'red', info: 'gray' };

/** Activity (the "View Log"): the audit trail, filterable by record, user, direction and outcome; CSV export. */
export function ActivityPage() {
  const { company } = useCompany();
  const [state, update] = useSearchState({ recordType: '', subjectId: '', actor: '', direction: '', outcome: '', from: '', to: '', offset: '0' });
  const filters: ActivityFilters = {
    ...state,
    recordType: listedOrAny(ACTIVITY_RECORD_TYPE_KEYS, state.recordType),
    direction: listedOrAny(ACTIVITY_DIRECTIONS, state.direction),
    outcome: listedOrAny(ACTIVITY_OUTCOMES, state.outcome),
    limit: PAGE_SIZE,
    offset: Number(state.offset) || 0,
  };
  const query = useQuery(activityQuery(company.id, filters));
  const people = useQuery(activityPeopleQuery(company.id)).data?.items ?? [];
  const [subjectIdText, setSubjectIdText] = useState(state.subjectId);
  const [opened, setOpened] = useState<ActivityEntry | null>(null);
  useEffect(() => {
    if (subjectIdText === state.subjectId) return;
    const timer = setTimeout(() => update({ subjectId: subjectIdText, offset: '0' }), 350);
    return () => clearTimeout(timer);
  }, [subjectIdText, state.subjectId, update]);
  const set = (key: keyof typeof state) => (e: { target: { value: string } }) => update({ [key]: e.target.value, offset: '0' });

  return (
    <div>
      <ScreenHeader
        title="Activity"
        description="Everything the connector did and who asked: what went to QuickBooks, what came back, and when."
        actions={
          <a href={activityCsvUrl(company.id, filters)} download>
            Export CSV<VisuallyHidden> of the filtered activity</VisuallyHidden>
          </a>
        }
      />
      <FilterBar role="search" aria-label="Filter activity">
        <label>
          Record type
          <select value={state.recordType} onChange={set('recordType')}>
            <option value="">All records</option>
            {ACTIVITY_RECORD_TYPE_KEYS.map((key) => (
              <option key={key} value={key}>
                {ACTIVITY_RECORD_TYPES[key].label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Record id
          <input value={subjectIdText} onChange={(e) => setSubjectIdText(e.target.value)} inputMode="numeric" />
        </label>
        <label>
          User
          <select value={state.actor} onChange={set('actor')}>
            <option value="">Anyone</option>
            {/* An actor from a shared link that is not a member (the Web Connector, a schedule…) stays chosen. */}
            {state.actor && !people.some((p) => p.userId === state.actor) ? <option value={state.actor}>{state.actor}</option> : null}
            {people.map((p) => (
              <option key={p.userId} value={p.userId}>
                {p.name ?? p.login ?? 'A member'}
              </option>
            ))}
          </select>
        </label>
        <label>
          Direction
          <select value={state.direction} onChange={set('direction')}>
            <option value="">Any direction</option>
            {ACTIVITY_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {DIRECTION_WORDS[d]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select value={state.outcome} onChange={set('outcome')}>
            <option value="">Any outcome</option>
            <option value="ok">OK</option>
            <option value="error">Error</option>
            <option value="info">Info</option>
          </select>
        </label>
        <label>
          From
          <input type="date" value={state.from} onChange={set('from')} />
        </label>
        <label>
          To
          <input type="date" value={state.to} onChange={set('to')} />
        </label>
      </FilterBar>
      <QueryState
        query={query}
        label="Loading activity"
        isEmpty={(d) => d.items.length === 0}
        empty={<EmptyMessage title="No activity matches these filters" />}
      >
        {(data) => (
          <>
            <DataTable>
              <caption>
                <VisuallyHidden>Activity entries</VisuallyHidden>
              </caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Who</th>
                  <th scope="col">What</th>
                  <th scope="col">Record</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">qbXML</th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((row) =>
                  isSessionRow(row) ? (
                    <SessionRows key={row.sessionId} session={row} onOpen={setOpened} />
                  ) : (
                    <ActivityRow key={row.id} entry={row} onOpen={setOpened} />
                  ),
                )}
              </tbody>
            </DataTable>
          </>
        )}
      </QueryState>
      {/* Outside the list's loading state: paging keeps the pager (and the keyboard focus on it) while the next page loads. */}
      {query.data && !query.isError ? (
        <Pager total={query.data.total} limit={PAGE_SIZE} offset={filters.offset} onChange={(o) => update({ offset: String(o) })} label="Activity" />
      ) : null}
      <ActivityExchangeDrawer entry={opened} onClose={() => setOpened(null)} />
    </div>
  );
}

/** A Web Connector session as one row (when, how long, messages, requests done and failed, result); its entries on demand. */
function SessionRows({ session, onOpen }: { session: ActivitySessionRow; onOpen: (entry: ActivityEntry) => void }) {
  const [expanded, setExpanded] = useState(false);
  const duration = session.durationSeconds === null ? 'still running' : `${session.durationSeconds} s`;
  const messages = `${session.messages} message${session.messages === 1 ? '' : 's'}`;
  const entries = `${session.entries.length} ${session.entries.length === 1 ? 'entry' : 'entries'}`;
  return (
    <>
      <tr>
        <td>{formatDateTime(session.startedAt)}</td>
        <td>Web Connector</td>
        <td>
          Web Connector session: {messages}, {session.requestsDone} done, {session.requestsFailed} failed, {duration}
          <span style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>{session.result}</span>
        </td>
        <td>—</td>
        <td>To and from QuickBooks</td>
        <td>
          <Pill color={OUTCOME_COLORS[session.outcome] ?? 'gray'}>{session.outcome}</Pill>
        </td>
        <td>
          <Button variant="tertiary" size="sm" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
            {expanded ? 'Hide' : 'Show'} {entries}
            <VisuallyHidden> of the session started {formatDateTime(session.startedAt)}</VisuallyHidden>
          </Button>
        </td>
      </tr>
      {expanded ? session.entries.map((entry) => <ActivityRow key={entry.id} entry={entry} onOpen={onOpen} nested />) : null}
    </>
  );
}

function ActivityRow({ entry, onOpen, nested = false }: { entry: ActivityEntry; onOpen: (entry: ActivityEntry) => void; nested?: boolean }) {
  return (
    <tr style={nested ? { background: '#f4f5f6' } : undefined}>
      <td style={nested ? { paddingLeft: 24 } : undefined}>{formatDateTime(entry.at)}</td>
      {/* People by name (the stored id stays in the CSV and the tooltip). */}
      <td title={entry.actor}>{entry.actorName ?? entry.actor}</td>
      <td>
        {entry.summary ?? entry.action}
        {entry.summary ? <span style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>{entry.action}</span> : null}
      </td>
      <td>{entry.subjectType ? `${entry.subjectType.replace('_', ' ')} ${entry.subjectId ?? ''}` : '—'}</td>
      <td>{entry.direction ? (DIRECTION_WORDS[entry.direction as ActivityDirection] ?? entry.direction) : '—'}</td>
      <td>
        <Pill color={OUTCOME_COLORS[entry.outcome] ?? 'gray'}>{entry.outcome}</Pill>
      </td>
      <td>
        {hasExchange(entry) ? (
          <Button variant="tertiary" size="sm" onClick={() => onOpen(entry)} aria-label={`Sent and received: ${entry.summary ?? entry.action}`}>
            Sent and received
          </Button>
        ) : null}
      </td>
    </tr>
  );
}
