import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { fakeServer, renderWithApp, TEST_COMPANY_ID } from '../../../test/render-with-app.tsx';
import { ActivityPage } from './activity-page.tsx';

/** A page render with its queries: more than the default 5 s on a busy 2-core machine (a limit, not a measurement). */
const SLOW = 30_000;
const MESSAGE_ID = '0c7f6a8e-5d1b-4b7e-9a53-1f2e3d4c5b6a';
const SENT_XML =
  '<?xml version="1.0"?><QBXML><QBXMLMsgsRq onError="stopOnError"><VendorAddRq requestID="1"><VendorAdd><Name>Acme &amp; Sons</Name></VendorAdd></VendorAddRq></QBXMLMsgsRq></QBXML>';
const ANSWER_XML = '<QBXML><QBXMLMsgsRs><CustomerAddRs requestID="1" statusCode="0"/></QBXMLMsgsRs></QBXML>';

const entry = (id: string, subjectType: string, action: string) => ({
  id,
  at: '2026-12-01T10:00:00Z',
  actor: 'qbwc',
  actorName: 'Web Connector',
  action,
  direction: 'to_quickbooks',
  outcome: 'ok',
  subjectType,
  subjectId: subjectType === 'qbwc_message' ? MESSAGE_ID : 'x',
  summary: `${action} summary`,
  detail: null,
});

describe('Activity: what was sent and what came back', () => {
  it(
    'opens the qbXML sent and the answer kept for a message entry, as text (escaped), monospace and copyable',
    async () => {
      const fake = fakeServer((call) => {
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/members`) return { items: [] };
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/activity`) {
          return { total: 2, items: [entry('e1', 'qbwc_message', 'qbwc.message_sent'), entry('e2', 'company', 'company.created')] };
        }
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/activity/e1/exchange`) {
          return {
            entryId: 'e1',
            messageId: MESSAGE_ID,
            status: 'answered',
            sentAt: '2026-12-01T10:00:00Z',
            answeredAt: '2026-12-01T10:00:02Z',
            requestXml: SENT_XML,
            answers: [
              {
                at: '2026-12-01T10:00:02Z',
                action: 'qbwc.response_mismatch',
                outcome: 'error',
                excerpt: ANSWER_XML,
                truncated: false,
                detail: { reason: 'type' },
              },
            ],
          };
        }
        throw new Error(`unexpected ${call.method} ${call.url}`);
      });
      const user = userEvent.setup();
      renderWithApp(<ActivityPage />, { path: '/activity?company_id=4264807' });
      // Only entries with a Web Connector message behind them offer it.
      const open = await screen.findByRole('button', { name: 'Sent and received: qbwc.message_sent summary' });
      expect(screen.queryByRole('button', { name: /Sent and received: company.created/ })).toBeNull();
      await user.click(open);
      const dialog = await screen.findByRole('dialog', { name: 'Sent to QuickBooks and back' });
      const sent = await within(dialog).findByLabelText('qbXML sent', { selector: 'pre' });
      // Shown as written (escaped text, not markup): the entity stays an entity, no element is made from it.
      expect(sent.textContent).toBe(SENT_XML);
      expect(sent.querySelector('vendoradd, VendorAdd')).toBeNull();
      expect(sent.getAttribute('style')).toContain('monospace');
      expect(within(dialog).getByLabelText('Answer received', { selector: 'pre' }).textContent).toBe(ANSWER_XML);
      expect(within(dialog).getByText(/did not fit what was sent/)).toBeTruthy();
      expect(fake.calls.some((c) => c.url.pathname.endsWith('/activity/e1/exchange'))).toBe(true);

      await user.click(within(dialog).getByRole('button', { name: 'Copy qbxml sent' }));
      await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Copied' })).toBeTruthy());
      expect(await navigator.clipboard.readText()).toBe(SENT_XML);
    },
    SLOW,
  );

  it(
    'says so when the entry went through no message',
    async () => {
      fakeServer((call) => {
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/members`) return { items: [] };
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/activity`) return { total: 1, items: [entry('e3', 'queued_request', 'request.queued')] };
        if (call.url.pathname === `/api/companies/${TEST_COMPANY_ID}/activity/e3/exchange`) {
          return { entryId: 'e3', messageId: null, status: null, sentAt: null, answeredAt: null, requestXml: null, answers: [] };
        }
        throw new Error(`unexpected ${call.method} ${call.url}`);
      });
      const user = userEvent.setup();
      renderWithApp(<ActivityPage />, { path: '/activity?company_id=4264807' });
      await user.click(await screen.findByRole('button', { name: 'Sent and received: request.queued summary' }));
      const dialog = await screen.findByRole('dialog', { name: 'Sent to QuickBooks and back' });
      expect(await within(dialog).findByText(/no qbXML to show/)).toBeTruthy();
    },
    SLOW,
  );
});
