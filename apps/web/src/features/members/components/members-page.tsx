import { useQuery } from '@tanstack/react-query';
import { ACTION_ROLES, GUARDED_ACTIONS, ROLES, ROLE_LABELS, type GuardedAction, type Role } from '@connector/contract';
import { useEffect, useRef, useState } from 'react';
import { DataTable, VisuallyHidden } from '../../../components/data-table.tsx';
import { ErrorNotice } from '../../../components/error-notice.tsx';
import { PageSection, ScreenHeader } from '../../../components/page-section.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { RoleButton } from '../../../components/role-button.tsx';
import { useToast } from '../../../components/toasts.tsx';
import { isApiError } from '../../../lib/api-client.ts';
import { mayDo } from '../../../lib/roles.ts';
import { useCompany } from '../../../lib/session.ts';
import { useAction } from '../../../lib/use-action.ts';
import { membersKeys, membersQuery, saveMemberRoles, type Member } from '../api/members-queries.ts';

/** What each action is, in the words of the screens that offer it (the role table's keys are for code). */
const ACTION_WORDS: Record<GuardedAction, string> = {
  sendToAccounting: 'send records to accounting',
  approveOrReject: 'approve or reject exports',
  retryOrDismiss: 'retry or dismiss failed exports',
  resolveException: 'settle "changed in QuickBooks" exceptions',
  refreshFromQuickBooks: 'refresh jobs, vendors and job costs from QuickBooks',
  retryJobCostPush: 'push job costs to Procore again',
  linkRecords: 'link QuickBooks jobs and vendors to Procore',
  manageConnection: 'manage the Procore and Web Connector connections',
  editSettings: 'change settings',
  manageMembers: 'give people roles',
};

/**
 * Members: who can open the company in the app and what each may do. An admin gives roles (people who sign in
 * after the first have none, so they can look but not act); the last admin cannot lose the role (the server
 * answers LAST_ADMIN). The role table shown is the one the server enforces (@connector/contract).
 */
export function MembersPage() {
  const { company, user } = useCompany();
  const query = useQuery(membersQuery(company.id));
  const toast = useToast();
  const canManage = mayDo(company, 'manageMembers');
  // Each row's unsaved choice; a saved row goes back to what the server holds.
  const [drafts, setDrafts] = useState<Record<string, Role[]>>({});
  const listRef = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  useEffect(() => {
    // Saving disables the Save button it was pressed on: focus stays on the list instead of falling to the page body.
    if (focusRequest > 0) listRef.current?.focus();
  }, [focusRequest]);
  const save = useAction((input: { member: Member; roles: Role[] }, key: string) => saveMemberRoles(company.id, input.member.userId, input.roles, key), {
    invalidates: () => [membersKeys.all(company.id), membersKeys.session],
    onSuccess: (saved, { member }) => {
      setDrafts(({ [member.userId]: _saved, ...rest }) => rest);
      toast.show(`${nameOf(member)} now has ${saved.roles.length ? saved.roles.map((r) => ROLE_LABELS[r]).join(', ') : 'no role'}.`, 'success');
      setFocusRequest((n) => n + 1);
    },
    // A refusal (LAST_ADMIN, FORBIDDEN_ROLE) leaves the roles as they were: the row shows them again, the notice says why.
    onError: (_error, { member }) => setDrafts(({ [member.userId]: _refused, ...rest }) => rest),
  });
  // "Try again" only where trying again can help (the network, the server); a refusal would only be refused again.
  const retryable = save.error !== null && !(isApiError(save.error) && save.error.status >= 400 && save.error.status < 500);
  const toggle = (member: Member, role: Role) =>
    setDrafts((current) => {
      const roles = current[member.userId] ?? member.roles;
      const next = roles.includes(role) ? roles.filter((r) => r !== role) : ROLES.filter((r) => r === role || roles.includes(r));
      return { ...current, [member.userId]: next };
    });

  return (
    <div>
      <ScreenHeader
        title="Members"
        description="Who can open this company in the app, and what each may do. People appear here after signing in with Procore once; someone new has no role until an admin gives one."
      />
      {save.error ? <ErrorNotice error={save.error} title="The roles were not changed" {...(retryable ? { onRetry: () => void save.retry() } : {})} /> : null}
      <div ref={listRef} tabIndex={-1} role="region" aria-label="Members list">
        <QueryState query={query} label="Loading members" isEmpty={(d) => d.items.length === 0}>
          {(data) => (
            <DataTable>
              <caption>
                <VisuallyHidden>Members and their roles</VisuallyHidden>
              </caption>
              <thead>
                <tr>
                  <th scope="col">Person</th>
                  {ROLES.map((role) => (
                    <th scope="col" key={role}>
                      {capitalize(ROLE_LABELS[role])}
                    </th>
                  ))}
                  <th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((member) => (
                  <MemberRow
                    key={member.userId}
                    member={member}
                    roles={drafts[member.userId] ?? member.roles}
                    isYou={member.userId === user.id}
                    canManage={canManage}
                    busy={save.isPending}
                    onToggle={(role) => toggle(member, role)}
                    onSave={(roles) => void save.run({ member, roles })}
                  />
                ))}
              </tbody>
            </DataTable>
          )}
        </QueryState>
      </div>
      <div style={{ marginTop: 24 }} />
      <RoleSummary />
    </div>
  );
}

/** One person: their name (and login), a checkbox per role (an admin changes them), and Save when changed. */
function MemberRow({
  member,
  roles,
  isYou,
  canManage,
  busy,
  onToggle,
  onSave,
}: {
  member: Member;
  /** The roles shown: the unsaved choice, else what the server holds. */
  roles: Role[];
  isYou: boolean;
  canManage: boolean;
  busy: boolean;
  onToggle: (role: Role) => void;
  onSave: (roles: Role[]) => void;
}) {
  const changed = roles.join() !== member.roles.join();
  const name = nameOf(member);
  return (
    <tr data-testid={`member-row-${member.userId}`}>
      <th scope="row">
        {name}
        {isYou ? ' (you)' : ''}
        {member.login && member.login !== name ? <span style={{ display: 'block', fontSize: 12, color: '#5a6168' }}>{member.login}</span> : null}
        {member.roles.length === 0 ? <span style={{ display: 'block', fontSize: 12, color: '#8a5300' }}>No role yet: can look, cannot act</span> : null}
      </th>
      {ROLES.map((role) => (
        <td key={role}>
          <input
            type="checkbox"
            aria-label={`${capitalize(ROLE_LABELS[role])}: ${name}`}
            checked={roles.includes(role)}
            disabled={!canManage || busy}
            onChange={() => onToggle(role)}
          />
        </td>
      ))}
      <td>
        <RoleButton
          action="manageMembers"
          variant="secondary"
          size="sm"
          disabled={!changed || busy}
          onClick={() => onSave(roles)}
          aria-label={`Save roles of ${name}`}
        >
          Save
        </RoleButton>
      </td>
    </tr>
  );
}

/** The role table the server enforces (@connector/contract), in words. */
function RoleSummary() {
  return (
    <PageSection title="What each role may do">
      <ul>
        {ROLES.map((role) => (
          <li key={role}>
            <strong>{capitalize(ROLE_LABELS[role])}</strong>:{' '}
            {GUARDED_ACTIONS.filter((a) => (ACTION_ROLES[a] as readonly Role[]).includes(role))
              .map((a) => ACTION_WORDS[a])
              .join('; ')}
            .
          </li>
        ))}
        <li>Everyone who is a member can look at every screen.</li>
      </ul>
    </PageSection>
  );
}

function nameOf(member: Member): string {
  return member.name ?? member.login ?? 'A member';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
