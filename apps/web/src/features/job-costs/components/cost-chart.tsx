import { useId } from 'react';
import { formatCents } from '../../../lib/format.ts';

export interface ChartGroup {
  label: string;
  /** null: the figure is not known (no bar, "—"), which is not the same as zero. */
  committedCents: number | null;
  jobToDateCents: number | null;
  paidCents: number | null;
  highlight?: boolean;
}

const SERIES = [
  { key: 'committedCents', label: 'Committed', color: '#1d5cc9' },
  { key: 'jobToDateCents', label: 'Job to date cost', color: '#e04e0b' },
  { key: 'paidCents', label: 'Paid', color: '#1f6f43' },
] as const;

/**
 * Committed vs job-to-date vs paid as grouped horizontal bars. An SVG image with a title and a written
 * summary for screen readers; the table beside it carries every number.
 */
export function CostChart({ title, groups }: { title: string; groups: ChartGroup[] }) {
  const titleId = useId();
  const descId = useId();
  const max = Math.max(1, ...groups.flatMap((g) => SERIES.map((s) => Math.abs(g[s.key] ?? 0))));
  const labelWidth = 250;
  const barArea = 420;
  const barHeight = 10;
  const groupHeight = SERIES.length * (barHeight + 2) + 14;
  const height = groups.length * groupHeight + 30;
  const totals = SERIES.map(
    (s) => `${s.label} ${groups.some((g) => g[s.key] !== null) ? formatCents(groups.reduce((sum, g) => sum + (g[s.key] ?? 0), 0)) : 'not known'}`,
  ).join(', ');
  return (
    <figure style={{ margin: '12px 0' }}>
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        width="100%"
        viewBox={`0 0 ${labelWidth + barArea + 110} ${height}`}
        style={{ maxWidth: 760, display: 'block' }}
      >
        <title id={titleId}>{title}</title>
        <desc id={descId}>{`${groups.length} ${groups.length === 1 ? 'group' : 'groups'} of bars. Totals: ${totals}.`}</desc>
        {SERIES.map((s, i) => (
          <g key={s.key} transform={`translate(${labelWidth + i * 140}, 4)`}>
            <rect width="12" height="12" fill={s.color} />
            <text x="16" y="11" fontSize="12" fill="#232729">
              {s.label}
            </text>
          </g>
        ))}
        {groups.map((g, gi) => {
          const y = 26 + gi * groupHeight;
          return (
            <g key={`${g.label}-${gi}`}>
              <text
                x={labelWidth - 8}
                y={y + groupHeight / 2 - 4}
                fontSize="12"
                textAnchor="end"
                fill={g.highlight ? '#b3261e' : '#232729'}
                fontWeight={g.highlight ? 700 : 400}
              >
                {truncate(g.label, 34)}
                {g.highlight ? ' ⚠' : ''}
              </text>
              {SERIES.map((s, si) => {
                const value = g[s.key];
                const width = value === null ? 0 : Math.max(1, (Math.abs(value) / max) * barArea);
                const by = y + si * (barHeight + 2);
                return (
                  <g key={s.key}>
                    <rect x={labelWidth} y={by} width={width} height={barHeight} fill={s.color} />
                    <text x={labelWidth + width + 4} y={by + barHeight - 1} fontSize="10" fill="#232729">
                      {formatCents(value)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
