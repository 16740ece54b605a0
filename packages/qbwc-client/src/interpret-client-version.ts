// What QBWC does with clientVersion's answer (QBWC guide p.21 and p.66): '' or null → go on;
// 'W:<text>' → warn (the user may continue; we continue); 'E:<text>' → stop with an error;
// 'O:<version>' → stop, the service needs that QBWC version. QBWC goes on unless it sees E: or O:.

export type ClientVersionVerdict = { action: 'continue'; warning?: string } | { action: 'stop'; reason: 'error' | 'upgrade'; message: string };

export function interpretClientVersion(answer: string | null): ClientVersionVerdict {
  if (answer === null || answer === '') return { action: 'continue' };
  if (answer.startsWith('W:')) return { action: 'continue', warning: `clientVersion warning: ${answer.slice(2)}` };
  if (answer.startsWith('E:')) return { action: 'stop', reason: 'error', message: `clientVersion error: ${answer.slice(2)}` };
  if (answer.startsWith('O:')) {
    return { action: 'stop', reason: 'upgrade', message: `The web service requires QuickBooks Web Connector version ${answer.slice(2)}; please upgrade` };
  }
  return { action: 'continue', warning: `clientVersion returned '${answer}' without a W:/E:/O: prefix; QBWC goes on` };
}
