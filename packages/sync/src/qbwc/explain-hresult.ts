// HRESULTs the QuickBooks request processor reports to QBWC (connectionError / receiveResponseXML),
// with what a person at the QuickBooks PC should do. Meanings from Intuit's SDK HRESULT table
// (QBD-errorcodes, "HRESULT values"); the advice is ours.
const KNOWN_HRESULTS: Record<string, string> = {
  '0x80040400': 'QuickBooks could not parse the request the connector sent. Nothing in it was applied; this is a connector bug worth reporting.',
  '0x80040401': 'The Web Connector could not reach QuickBooks. Check that QuickBooks is installed and working on the Web Connector PC.',
  '0x80040402': 'QuickBooks reported an unexpected error (see qbsdklog.txt on the QuickBooks PC). The next run will retry.',
  '0x80040403': 'QuickBooks could not open the company file. Check that the file exists and that the PC can reach it.',
  '0x80040408': 'QuickBooks is not running or could not be started. Open QuickBooks with the company file on the Web Connector PC.',
  '0x8004040a': 'QuickBooks has a different company file open than the one requested. Open the right company file.',
  '0x80040410': 'The company file is open in a mode the connector cannot use (single-user vs multi-user). Switch modes or close other users.',
  '0x80040414': 'A dialog box is open in QuickBooks. Close it; the next run will retry.',
  '0x80040416': 'QuickBooks is not running and no company file path was given. Open the company file in QuickBooks.',
  '0x80040418': 'This application has not been allowed to use the company file yet. A QuickBooks admin must open the file and grant access once.',
  '0x8004041a': 'This application is not allowed to use the company file. A QuickBooks admin can allow it in Edit › Preferences › Integrated Applications.',
  '0x8004041d': 'This application is not allowed to sign in to QuickBooks automatically. Allow it in Integrated Applications preferences.',
  '0x80040420': 'The QuickBooks user denied this application access.',
  '0x80040422': 'Another application is using the company file in single-user mode. Close it, or switch QuickBooks to multi-user mode.',
  '0x80040424': 'QuickBooks had not finished starting. The next run will retry.',
};

export function explainHresult(hresult: string, message: string): string {
  const key = hresult.trim().toLowerCase();
  const advice = KNOWN_HRESULTS[key];
  const raw = `${hresult}${message ? ` ${message.trim()}` : ''}`;
  return advice ? `${advice} (QuickBooks: ${raw})` : `QuickBooks reported an error: ${raw}`;
}
