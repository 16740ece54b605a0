import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import styled from 'styled-components';

type Tone = 'success' | 'error' | 'info';
interface Toast {
  id: number;
  tone: Tone;
  message: string;
}

interface ToastApi {
  show: (message: string, tone?: Tone) => void;
}

const ToastContext = createContext<ToastApi>({ show: () => undefined });

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

const Stack = styled.div`
  position: fixed;
  right: 16px;
  bottom: 16px;
  display: flex;
  flex-direction: column;
  gap: 8px;
  z-index: 2000;
  max-width: 420px;
`;

const Item = styled.div<{ $tone: Tone }>`
  padding: 12px 16px;
  border-radius: 4px;
  color: #fff;
  background: ${({ $tone }) => ($tone === 'error' ? '#b3261e' : $tone === 'success' ? '#1f6f43' : '#232729')};
  box-shadow: 0 2px 8px rgba(0, 0, 0, 0.25);
  font-size: 14px;
`;

/**
 * Toasts live in two regions that exist from the start (screen readers announce only changes to a region
 * already in the page): polite for outcomes, assertive for errors.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const show = useCallback((message: string, tone: Tone = 'success') => {
    const id = nextId.current++;
    setToasts((current) => [...current, { id, tone, message }]);
    setTimeout(() => setToasts((current) => current.filter((t) => t.id !== id)), tone === 'error' ? 10_000 : 6_000);
  }, []);
  const api = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <Stack>
        <div role="status" aria-live="polite" data-testid="toasts">
          {toasts
            .filter((t) => t.tone !== 'error')
            .map((t) => (
              <Item key={t.id} $tone={t.tone}>
                {t.message}
              </Item>
            ))}
        </div>
        <div role="alert" aria-live="assertive">
          {toasts
            .filter((t) => t.tone === 'error')
            .map((t) => (
              <Item key={t.id} $tone="error">
                {t.message}
              </Item>
            ))}
        </div>
      </Stack>
    </ToastContext.Provider>
  );
}
