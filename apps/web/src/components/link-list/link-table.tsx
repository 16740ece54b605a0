import { DataTable, VisuallyHidden } from '../data-table.tsx';
import type { LinkEntry, LinkListApi } from './link-list-types.ts';
import { LinkRow } from './link-row.tsx';

/** One page of QuickBooks jobs or vendors, a LinkRow each. */
export function LinkTable({
  caption,
  words,
  items,
  pendingFor,
  onAccept,
  onLink,
  onCreate,
  onArchive,
}: {
  caption: string;
  words: LinkListApi['words'];
  items: LinkEntry[];
  pendingFor: (entry: LinkEntry) => boolean;
  onAccept: (entry: LinkEntry) => void;
  onLink: (entry: LinkEntry) => void;
  onCreate: (entry: LinkEntry) => void;
  onArchive: (entry: LinkEntry) => void;
}) {
  return (
    <DataTable>
      <caption>
        <VisuallyHidden>{caption}</VisuallyHidden>
      </caption>
      <thead>
        <tr>
          <th scope="col">QuickBooks {words.qbNoun}</th>
          <th scope="col">Status</th>
          <th scope="col">Procore {words.procoreNoun}</th>
          <th scope="col">Changed in QuickBooks</th>
          <th scope="col">
            <VisuallyHidden>Actions</VisuallyHidden>
          </th>
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <LinkRow
            key={entry.qbListId}
            entry={entry}
            words={words}
            pending={pendingFor(entry)}
            onAccept={() => onAccept(entry)}
            onLink={() => onLink(entry)}
            onCreate={() => onCreate(entry)}
            onArchive={() => onArchive(entry)}
          />
        ))}
      </tbody>
    </DataTable>
  );
}
