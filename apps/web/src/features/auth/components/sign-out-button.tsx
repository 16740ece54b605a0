import { Button } from '../../../components/button.tsx';
import { useQueryClient } from '@tanstack/react-query';
import { useToast } from '../../../components/toasts.tsx';
import { useAction } from '../../../lib/use-action.ts';
import { sessionKeys, signOut } from '../api/session-queries.ts';

export function SignOutButton() {
  const queryClient = useQueryClient();
  const toast = useToast();
  const action = useAction((_: void, key: string) => signOut(key), {
    onSuccess: () => {
      // Signed out: the session is known to be none at once (the gate shows sign-in, so the header and every
      // panel unmount instead of refetching into 401 errors), then the company's data leaves the cache.
      queryClient.setQueryData(sessionKeys.session, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKeys.session[0] });
    },
    onError: (error) => toast.show(`Could not sign out: ${error.message}`, 'error'),
  });
  return (
    <Button variant="tertiary" size="sm" loading={action.isPending} onClick={() => void action.run()}>
      Sign out
    </Button>
  );
}
