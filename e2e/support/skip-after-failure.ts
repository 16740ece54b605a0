import { beforeEach } from 'vitest';

/** For journeys that build on each other (signed in, connected, exported): once one fails, the rest of the describe are skipped. */
export function skipTheRestAfterAFailure(): void {
  let broken = false;
  beforeEach((context) => {
    if (broken) context.skip();
    context.onTestFailed(() => {
      broken = true;
    });
  });
}
