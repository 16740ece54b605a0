import { useCallback, useState } from 'react';

/**
 * Row selection for bulk actions. Selection is per view: it is cleared when `scope` changes (another tab,
 * filter or page), so an action never applies to rows the person can no longer see.
 */
export function useSelection(scope: string) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  // Cleared while rendering the new scope (React: "adjusting state when a prop changes"), so no frame
  // ever shows the old selection against the new rows.
  const [selectionScope, setSelectionScope] = useState(scope);
  if (selectionScope !== scope) {
    setSelectionScope(scope);
    setSelected(new Set());
  }
  const toggle = useCallback((id: string) => {
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);
  const setMany = useCallback((ids: readonly string[], on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  }, []);
  const clear = useCallback(() => setSelected(new Set()), []);
  return { selected, toggle, setMany, clear };
}
