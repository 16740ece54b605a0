import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button } from '../../../components/button.tsx';
import { Dialog } from '../../../components/dialog.tsx';
import { QueryState } from '../../../components/query-state.tsx';
import { formatDateTime } from '../../../lib/format.ts';
import { useCompany } from '../../../lib/session.ts';
import { activityExchangeQuery, type ActivityEntry } from '../api/activity-queries.ts';

const ANSWER_WORDS: Record<string, string> = {
  'qbwc.response_received': 'QuickBooks answered; the answer was applied',
  'qbwc.response_error': 'QuickBooks refused the whole message',
  'qbwc.response_unreadable': 'The answer could not be read',
  'qbwc.response_mismatch': 'The answer did not fit what was sent; it was not applied',
  'qbwc.recovery_answered': 'QuickBooks answered the status check',
};

/** The qbXML sent to QuickBooks for an entry and what the trail kept of the answer: text as text, monospace, copyable. */
export function ActivityExchangeDrawer({ entry, onClose }: { entry: ActivityEntry | null; onClose: () => void }) {
  return (
    <Dialog open={entry !== null} title="Sent to QuickBooks and back" onClose={onClose} placement="side">
      {entry ? <ExchangeBody entry={entry} /> : null}
    </Dialog>
  );
}

function ExchangeBody({ entry }: { entry: ActivityEntry }) {
  const { company } = useCompany();
  const query = useQuery(activityExchangeQuery(company.id, entry.id));
  return (
    <QueryState query={query} label="Loading what was sent and received">
      {(exchange) =>
        exchange.messageId === null ? (
          <p>This entry did not go to QuickBooks through a Web Connector message, so there is no qbXML to show.</p>
        ) : (
          <div>
            <p>
              Message {exchange.messageId}: {exchange.status}
              {exchange.sentAt ? `, sent ${formatDateTime(exchange.sentAt)}` : ''}
              {exchange.answeredAt ? `, answered ${formatDateTime(exchange.answeredAt)}` : ''}.
            </p>
            <XmlBlock title="qbXML sent" text={exchange.requestXml ?? ''} />
            <h3 style={{ fontSize: 16, marginTop: 16 }}>What came back</h3>
            {exchange.answers.length === 0 ? <p>No answer has come back for this message.</p> : null}
            {exchange.answers.map((answer, i) => (
              <div key={`${answer.action}-${i}`}>
                <p>
                  {formatDateTime(answer.at)}: {ANSWER_WORDS[answer.action] ?? answer.action} ({answer.outcome}).
                </p>
                {answer.excerpt !== null ? (
                  <XmlBlock title={answer.truncated ? 'Answer received (the start of it)' : 'Answer received'} text={answer.excerpt} />
                ) : (
                  <p style={{ fontSize: 12, color: '#5a6168' }}>The answer itself is not kept once applied; what was recorded about it:</p>
                )}
                <XmlBlock title="Recorded about the answer" text={JSON.stringify(answer.detail, null, 2)} />
              </div>
            ))}
          </div>
        )
      }
    </QueryState>
  );
}

/** Text in a <pre>: React escapes it, so qbXML shows as written and is never markup. */
function XmlBlock({ title, text }: { title: string; text: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <section aria-label={title} style={{ marginTop: 8 }}>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <h4 style={{ margin: 0, fontSize: 14 }}>{title}</h4>
        <Button
          variant="tertiary"
          size="sm"
          onClick={() => {
            void navigator.clipboard?.writeText(text).then(() => setCopied(true));
          }}
        >
          {copied ? 'Copied' : `Copy ${title.toLowerCase()}`}
        </Button>
      </div>
      <pre
        tabIndex={0}
        aria-label={title}
        style={{
          fontFamily: 'ui-monospace, Menlo, Consolas, monospace',
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          wordBreak: 'break-all',
          background: '#f4f5f6',
          padding: 8,
          maxHeight: 400,
          overflow: 'auto',
        }}
      >
        {text}
      </pre>
    </section>
  );
}
