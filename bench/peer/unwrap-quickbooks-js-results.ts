// quickbooks-js 1.0.0 answers every method with its result wrapped once more than the WSDL says: its web-service.js
// calls back with e.g. { serverVersionResult: { string: '0.2.0' } } and { receiveResponseXMLResult: { int: 100 } },
// and soap 0.9.1 writes that as <serverVersionResult><string>0.2.0</string></serverVersionResult>, where
// QBWebConnectorSvc.wsdl (its own lib/qbws.wsdl too) types serverVersionResult, clientVersionResult,
// sendRequestXMLResult, getLastErrorResult, closeConnectionResult as s:string and receiveResponseXMLResult as s:int.
// Our Web Connector client reads results strictly against the WSDL and stops at the extra element. The real QBWC
// goes on past it — a QBWC log with the same wrapped serverVersionResult, followed by clientVersion, is in
// johnballantyne/qbws issue 10 (the project quickbooks-js is based on) — so for the comparison the bench hands the
// client a fetch that takes the one <string>/<int> wrapper off. authenticateResult is an ArrayOfString and its
// <string> items are right as they are. The unwrapping runs in the bench process: the peer's CPU is not changed.
const WRAPPED_RESULT = /<(\w+)Result><(string|int)>([\s\S]*)<\/\2><\/\1Result>/;
const WRAPPED_EMPTY_RESULT = /<(\w+)Result><(string|int)\s*\/><\/\1Result>/;

export function unwrapQuickbooksJsResults(fetchImpl: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const response = await fetchImpl(input, init);
    const text = await response.text();
    const method = /<(\w+)Result>/.exec(text)?.[1];
    const unwrapped =
      method === undefined || method === 'authenticate'
        ? text
        : text.replace(WRAPPED_RESULT, '<$1Result>$3</$1Result>').replace(WRAPPED_EMPTY_RESULT, '<$1Result></$1Result>');
    const headers = new Headers(response.headers);
    headers.delete('content-length');
    return new Response(unwrapped, { status: response.status, statusText: response.statusText, headers });
  };
}
