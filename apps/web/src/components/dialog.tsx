import { Button } from './button.tsx';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import styled from 'styled-components';

const Scrim = styled.div`
  position: fixed;
  inset: 0;
  background: rgba(0, 0, 0, 0.4);
  z-index: 1000;
  display: flex;
`;

const Panel = styled.div<{ $placement: 'center' | 'side' }>`
  background: #fff;
  box-shadow: 0 4px 24px rgba(0, 0, 0, 0.3);
  display: flex;
  flex-direction: column;
  max-height: 100%;
  ${({ $placement }) =>
    $placement === 'side'
      ? 'margin-left: auto; width: min(640px, 100%); height: 100%;'
      : 'margin: auto; width: min(560px, calc(100% - 32px)); max-height: calc(100% - 64px); border-radius: 6px;'}
`;

const Header = styled.div`
  display: flex;
  align-items: center;
  justify-content: space-between;
  padding: 16px 24px;
  border-bottom: 1px solid #d6dadc;
  h2 {
    margin: 0;
    font-size: 20px;
  }
`;

const Body = styled.div`
  padding: 16px 24px;
  overflow: auto;
  flex: 1;
`;

const Footer = styled.div`
  padding: 12px 24px;
  border-top: 1px solid #d6dadc;
  display: flex;
  justify-content: flex-end;
  gap: 8px;
`;

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog (centered) or drawer (side): labelled by its title, focus moved inside on open and kept
 * there (Tab wraps), Escape closes, and focus returns to what opened it (WAI-ARIA dialog pattern).
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  placement = 'center',
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  placement?: 'center' | 'side';
}) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  // The latest onClose, for the key handler registered once per opening (written after render, not during it).
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    const node = panel.current;
    const first = node?.querySelector<HTMLElement>('[data-autofocus]') ?? node?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? node)?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onCloseRef.current();
        return;
      }
      if (event.key !== 'Tab' || !node) return;
      const items = [...node.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
      if (items.length === 0) return;
      const firstItem = items[0]!;
      const lastItem = items[items.length - 1]!;
      if (event.shiftKey && document.activeElement === firstItem) {
        event.preventDefault();
        lastItem.focus();
      } else if (!event.shiftKey && document.activeElement === lastItem) {
        event.preventDefault();
        firstItem.focus();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
      opener?.focus?.();
    };
  }, [open]);

  if (!open) return null;
  return createPortal(
    <Scrim
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <Panel ref={panel} $placement={placement} role="dialog" aria-modal="true" aria-labelledby={titleId} tabIndex={-1}>
        <Header>
          <h2 id={titleId}>{title}</h2>
          <Button variant="tertiary" onClick={onClose} aria-label={`Close ${title}`}>
            Close
          </Button>
        </Header>
        {/* Focusable so a long body scrolls from the keyboard too (axe scrollable-region-focusable). */}
        <Body tabIndex={0} aria-labelledby={titleId} role="region">
          {children}
        </Body>
        {footer ? <Footer>{footer}</Footer> : null}
      </Panel>
    </Scrim>,
    document.body,
  );
}
