import { Tooltip } from '@procore/core-react';
import { Button } from './button.tsx';
import type { ComponentProps } from 'react';
import { useId } from 'react';
import { mayDo, describeNeededRoles, type GuardedAction } from '../lib/roles.ts';
import { useCompany } from '../lib/session.ts';

type ButtonProps = ComponentProps<typeof Button>;

/**
 * A button guarded by the user's roles: usable when they have one of the roles the action needs,
 * otherwise disabled, with a tooltip (and a description for screen readers) naming the role.
 */
export function RoleButton({ action, disabled, ...props }: ButtonProps & { action: GuardedAction }) {
  const { company } = useCompany();
  const reasonId = useId();
  if (mayDo(company, action)) return <Button disabled={disabled} {...props} />;
  const reason = describeNeededRoles(action);
  return (
    <Tooltip overlay={reason} trigger={['hover', 'focus']}>
      {/* A disabled button takes no focus or hover: the wrapper carries the tooltip and stays reachable by keyboard. */}
      <span tabIndex={0} aria-describedby={reasonId} style={{ display: 'inline-block' }} data-needs-role={action}>
        <Button {...props} disabled aria-describedby={reasonId} />
        <span id={reasonId} hidden>
          {reason}
        </span>
      </span>
    </Tooltip>
  );
}
