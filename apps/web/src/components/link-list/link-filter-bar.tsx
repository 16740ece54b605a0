import { FilterBar } from '../filter-bar.tsx';
import { RoleButton } from '../role-button.tsx';

/** Search and sort the Jobs or Vendors list; on the Suggested tab, "Link all suggested". */
export function LinkFilterBar({
  qbNoun,
  search,
  onSearch,
  sort,
  onSort,
  suggested,
}: {
  qbNoun: string;
  search: string;
  onSearch: (text: string) => void;
  sort: string;
  onSort: (sort: string) => void;
  /** Present on the Suggested tab: how many are suggested, and linking them all. */
  suggested: { count: number; busy: boolean; onLinkAll: () => void } | null;
}) {
  return (
    <FilterBar>
      <label>
        Search {qbNoun}s
        <input type="search" value={search} onChange={(e) => onSearch(e.target.value)} placeholder="Name" />
      </label>
      <label>
        Sort by
        <select value={sort} onChange={(e) => onSort(e.target.value)}>
          <option value="name">Name A–Z</option>
          <option value="-name">Name Z–A</option>
          <option value="-modified">Recently changed in QuickBooks</option>
          <option value="modified">Oldest change first</option>
        </select>
      </label>
      {suggested ? (
        <RoleButton
          action="linkRecords"
          variant="secondary"
          disabled={!suggested.count || suggested.busy}
          loading={suggested.busy}
          onClick={suggested.onLinkAll}
        >
          {`Link all suggested${suggested.count ? ` (${suggested.count})` : ''}`}
        </RoleButton>
      ) : null}
    </FilterBar>
  );
}
