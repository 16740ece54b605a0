import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { newIdempotencyKey, type ApiError } from './api-client.ts';

interface ActionVariables<TInput> {
  input: TInput;
  /** Made once per click; the automatic retries and the "Try again" button send it again. */
  idempotencyKey: string;
}

export interface ActionOptions<TInput, TResult> {
  /** Queries to refetch after it succeeds (query keys from the feature's query options). */
  invalidates?: (input: TInput, result: TResult) => QueryKey[];
  onSuccess?: (result: TResult, input: TInput) => void;
  /** After the automatic retries gave up. */
  onError?: (error: ApiError, input: TInput) => void;
}

export interface Action<TInput, TResult> {
  /** A new click: a new idempotency key. */
  run: (input: TInput) => Promise<TResult | undefined>;
  /** The same click again after a failure: the same key, so the server does it at most once. */
  retry: () => Promise<TResult | undefined>;
  isPending: boolean;
  error: ApiError | null;
  data: TResult | undefined;
  lastInput: TInput | undefined;
  reset: () => void;
}

/**
 * A person's action on the server (send, approve, link, save…). Each click gets one Idempotency-Key;
 * TanStack Query's automatic retries (network errors, 502–504) and an explicit retry reuse it, so nothing
 * a person clicks is lost on a network error and nothing is done twice (embedded app).
 */
export function useAction<TInput, TResult>(
  perform: (input: TInput, idempotencyKey: string) => Promise<TResult>,
  options: ActionOptions<TInput, TResult> = {},
): Action<TInput, TResult> {
  const queryClient = useQueryClient();
  const mutation = useMutation<TResult, ApiError, ActionVariables<TInput>>({
    mutationFn: ({ input, idempotencyKey }) => perform(input, idempotencyKey),
    onSuccess: async (result, { input }) => {
      options.onSuccess?.(result, input);
      await Promise.all((options.invalidates?.(input, result) ?? []).map((queryKey) => queryClient.invalidateQueries({ queryKey })));
    },
    onError: (error, { input }) => options.onError?.(error, input),
  });
  const { mutateAsync, variables } = mutation;
  // Failures are shown through `error` (with a retry that keeps the key); the promise resolves undefined.
  const run = useCallback((input: TInput) => mutateAsync({ input, idempotencyKey: newIdempotencyKey() }).catch(() => undefined), [mutateAsync]);
  const retry = useCallback(async () => (variables ? mutateAsync(variables).catch(() => undefined) : undefined), [mutateAsync, variables]);
  return {
    run,
    retry,
    isPending: mutation.isPending,
    error: mutation.error ?? null,
    data: mutation.data,
    lastInput: variables?.input,
    reset: mutation.reset,
  };
}
