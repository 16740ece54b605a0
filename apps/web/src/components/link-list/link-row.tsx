import { Pill } from '@procore/core-react';
import { formatDateTime } from '../../lib/format.ts';
import { RoleButton } from '../role-button.tsx';
import type { LinkEntry, LinkListApi, LinkStatus } from './link-list-types.ts';

export const STATUS_WORDS: Record<LinkStatus, string> = { suggested: 'Suggested', unlinked: 'Unlinked', linked: 'Linked', archived: 'Archived' };

interface LinkRowProps {
  entry: LinkEntry;
  words: LinkListApi['words'];
  /** An action on this row is under way: its buttons wait. */
  pending: boolean;
  onAccept: () => void;
  onLink: () => void;
  onCreate: () => void;
  /** Archive, or restore an archived one. */
  onArchive: () => void;
}

/**
 * One QuickBooks job or vendor of the Jobs or Vendors list: its name with what keeps it from being linked and its
 * possible duplicates (flagged, never merged), its link status, its Procore record or suggestion, and its actions.
 */
export function LinkRow(props: LinkRowProps) {
  const { entry } = props;
  return (
    <tr data-testid={`link-row-${entry.qbListId}`}>
      <td>
        {entry.fullName}
        {!entry.isActive ? <span style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>Inactive in QuickBooks</span> : null}
        {entry.refusal ? (
          <span style={{ display: 'block', marginTop: 4 }} data-testid={`link-refusal-${entry.qbListId}`}>
            <Pill color="yellow">Cannot be linked</Pill> <span style={{ fontSize: 12 }}>{entry.refusal}</span>
          </span>
        ) : null}
        {entry.currencyNote ? (
          <span style={{ display: 'block', marginTop: 4 }} data-testid={`link-currency-${entry.qbListId}`}>
            <Pill color="yellow">Other currency</Pill> <span style={{ fontSize: 12 }}>{entry.currencyNote}</span>
          </span>
        ) : null}
        {entry.duplicates.length > 0 ? (
          <span style={{ display: 'block', marginTop: 4 }}>
            <Pill color="yellow">Possible duplicate</Pill>{' '}
            <span style={{ fontSize: 12 }}>Looks like {entry.duplicates.map((d) => d.name).join(', ')} in QuickBooks (not merged).</span>
          </span>
        ) : null}
      </td>
      <td>
        <Pill color={entry.status === 'linked' ? 'green' : entry.status === 'suggested' ? 'blue' : 'gray'}>{STATUS_WORDS[entry.status]}</Pill>
      </td>
      <td>
        {entry.procoreRecord ? (
          entry.procoreRecord.name
        ) : entry.suggestion ? (
          <span>
            Suggested: <strong>{entry.suggestion.name}</strong>
            <span style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>{entry.suggestion.reason}</span>
          </span>
        ) : (
          <span style={{ color: '#5a6168' }}>—</span>
        )}
      </td>
      <td>{formatDateTime(entry.qbModifiedAt)}</td>
      <td>
        <LinkRowActions {...props} />
      </td>
    </tr>
  );
}

/** The row's actions: accept the suggestion, link or change the link, create in Procore, archive or restore. */
function LinkRowActions({ entry, words, pending, onAccept, onLink, onCreate, onArchive }: LinkRowProps) {
  return (
    <div style={{ display: 'flex', gap: 4, flexWrap: 'wrap' }}>
      {entry.status === 'suggested' && entry.suggestion ? (
        <RoleButton
          action="linkRecords"
          size="sm"
          variant="secondary"
          disabled={pending}
          onClick={onAccept}
          aria-label={`Accept suggestion for ${entry.fullName}`}
        >
          Accept
        </RoleButton>
      ) : null}
      {entry.status !== 'archived' && !entry.refusal ? (
        <RoleButton
          action="linkRecords"
          size="sm"
          variant="tertiary"
          disabled={pending}
          onClick={onLink}
          aria-label={`${entry.status === 'linked' ? 'Change link' : 'Link'} ${entry.fullName} to a Procore ${words.procoreNoun}`}
        >
          {entry.status === 'linked' ? 'Change link' : 'Link'}
        </RoleButton>
      ) : null}
      {(entry.status === 'unlinked' || entry.status === 'suggested') && !entry.refusal ? (
        <RoleButton
          action="linkRecords"
          size="sm"
          variant="tertiary"
          disabled={pending}
          onClick={onCreate}
          aria-label={`${words.createLabel} from ${entry.fullName}`}
        >
          {words.createLabel}
        </RoleButton>
      ) : null}
      <RoleButton
        action="linkRecords"
        size="sm"
        variant="tertiary"
        disabled={pending}
        onClick={onArchive}
        aria-label={`${entry.status === 'archived' ? 'Restore' : 'Archive'} ${entry.fullName}`}
      >
        {entry.status === 'archived' ? 'Restore' : 'Archive'}
      </RoleButton>
    </div>
  );
}
