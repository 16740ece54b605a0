import { useRef, type KeyboardEvent } from 'react';
import styled from 'styled-components';

const List = styled.div`
  display: flex;
  flex-wrap: wrap;
  border-bottom: 1px solid #d6dadc;
  margin-bottom: 12px;
`;

const Tab = styled.button`
  font: inherit;
  font-size: 14px;
  background: none;
  border: none;
  border-bottom: 3px solid transparent;
  padding: 8px 14px;
  cursor: pointer;
  color: #232729;
  &[aria-selected='true'] {
    border-bottom-color: #e04e0b;
    font-weight: 600;
  }
  &:focus-visible {
    outline: 2px solid #1d5cc9;
    outline-offset: -2px;
  }
`;

/**
 * Tabs with the WAI-ARIA tab pattern: one tab stop, arrow keys move between tabs, Home/End jump; the panel
 * is labelled by the selected tab (`panelId` on the panel element).
 */
export function TabList<T extends string>({
  label,
  tabs,
  value,
  onChange,
  panelId,
}: {
  label: string;
  tabs: ReadonlyArray<{ value: T; label: string }>;
  value: T;
  onChange: (value: T) => void;
  panelId: string;
}) {
  const refs = useRef<Array<HTMLButtonElement | null>>([]);
  const index = Math.max(
    0,
    tabs.findIndex((t) => t.value === value),
  );
  const move = (event: KeyboardEvent) => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : null;
    if (next === null) return;
    event.preventDefault();
    onChange(tabs[next]!.value);
    refs.current[next]?.focus();
  };
  return (
    <List role="tablist" aria-label={label} onKeyDown={move}>
      {tabs.map((tab, i) => (
        <Tab
          key={tab.value}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${panelId}-tab-${tab.value}`}
          aria-selected={tab.value === value}
          aria-controls={panelId}
          tabIndex={tab.value === value ? 0 : -1}
          onClick={() => onChange(tab.value)}
        >
          {tab.label}
        </Tab>
      ))}
    </List>
  );
}
