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
      queryClient.clear();
      void queryClient.invalidateQueries({ queryKey: sessionKeys.session });
    },
    onError: (error) => toast.show(`Could not sign out: ${error.message}`, 'error'),
  });
  return (
    <Button
      variant="tertiary"
      size="sm"
      loading={action.isPending}
      onClick={() => void action.run()}
    >
      Sign out
    </Button>
  );
}
