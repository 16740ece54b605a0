import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client.ts';

/** Reads retry when the server may not have answered (network, 502–504), never on a 4xx. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: (failures, error) => (isApiError(error) ? error.retryable && failures < 2 : failures < 2),
        staleTime: 5_000,
        refetchOnWindowFocus: true,
      },
      mutations: {
        // An action that may not have reached the server is sent again with its same Idempotency-Key.
        retry: (failures, error) => isApiError(error) && error.retryable && failures < 2,
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 4000),
      },
    },
  });
}
