import { Pill } from '@procore/core-react';
import type { ComponentProps } from 'react';

type PillColor = NonNullable<ComponentProps<typeof Pill>['color']>;

/** A status as a coloured pill with its words (never colour alone). */
export function StatusPill({ label, color }: { label: string; color: PillColor }) {
  return <Pill color={color}>{label}</Pill>;
}
