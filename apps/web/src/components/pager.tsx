import { Button } from './button.tsx';

/** Server-side paging: "41–60 of 130" with previous/next. */
export function Pager({
  total,
  limit,
  offset,
  onChange,
  label,
}: {
  total: number;
  limit: number;
  offset: number;
  onChange: (offset: number) => void;
  label: string;
}) {
  if (total <= limit && offset === 0) return null;
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  return (
    <nav aria-label={`${label} pages`} style={{ display: 'flex', alignItems: 'center', gap: 8, justifyContent: 'flex-end', margin: '12px 0' }}>
      <span aria-live="polite">{`${first}–${last} of ${total}`}</span>
      <Button variant="secondary" size="sm" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        Previous
      </Button>
      <Button variant="secondary" size="sm" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        Next
      </Button>
    </nav>
  );
}
