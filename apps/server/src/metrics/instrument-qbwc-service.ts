import { readAuthenticateResult } from '@connector/qbwc';
import type { QbwcAnswer, QbwcService } from '@connector/sync';
import type { Metrics } from './create-metrics.ts';

/**
 * The QBWC service with every call counted and timed (connector_qbwc_calls_total, _duration_seconds). The
 * outcome is read off the answer QBWC gets (guide: authenticate's second element, sendRequestXML's empty
 * string, receiveResponseXML's negative percentage), so it means what the Web Connector saw.
 */
export function instrumentQbwcService(service: QbwcService, metrics: Metrics): QbwcService {
  function observe<T extends QbwcAnswer>(method: string, run: () => Promise<T>): Promise<T> {
    const stop = metrics.qbwcCallSeconds.startTimer({ method });
    return run().then(
      (answer) => {
        stop();
        metrics.qbwcCalls.inc({ method, outcome: outcomeOf(answer) });
        return answer;
      },
      (error: unknown) => {
        stop();
        metrics.qbwcCalls.inc({ method, outcome: 'exception' });
        throw error;
      },
    );
  }
  return {
    ...service,
    handle: (call, context) => observe(call.method, () => service.handle(call, context)),
    // A large body with no live session is answered from its head alone (hostile input): counted apart.
    answerWithoutBody: (method, soapVersion, ticket) => observe(method, () => service.answerWithoutBody(method, soapVersion, ticket)),
  };
}

function outcomeOf(answer: QbwcAnswer): string {
  switch (answer.method) {
    case 'authenticate': {
      const outcome = readAuthenticateResult(answer.value).outcome;
      // 'companyFile' and '' both start a session; the rest say why not.
      return outcome === 'nvu' ? 'refused' : outcome === 'none' ? 'no_work' : outcome === 'busy' ? 'busy' : 'session';
    }
    case 'sendRequestXML':
      return answer.value === '' ? 'nothing_to_send' : 'request';
    case 'receiveResponseXML':
      return answer.value < 0 ? 'error' : answer.value >= 100 ? 'done' : 'more';
    default:
      return 'ok';
  }
}
