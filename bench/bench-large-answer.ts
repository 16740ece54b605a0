// `pnpm --filter @connector/bench exec tsx bench-large-answer.ts`: what one large receiveResponseXML body costs the
// event loop (issue 19, "no QBWC call blocks the event loop for more than 50 ms"). The body is parsed as the server
// parses a large one — the SOAP body's worker (apps/server/src/qbwc/parse-soap-off-thread.ts), bytes transferred —
// while a 1 ms timer reads the main thread's own CPU time (process.threadCpuUsage) at each tick: the most CPU between
// two ticks is the longest stretch the event loop was held, whatever else runs on the machine. The read bench's
// answers (bench-read-sync.ts, at most ~2 MB) are too small to show what a page of bills with many lines costs.
// BENCH_ANSWER_BILLS (default 500, the refresh's TXN_PAGE_SIZE) bills of BENCH_ANSWER_LINES (default 60) item lines;
// BENCH_ANSWER_ROUNDS (default 3) parses of the same body. Prints one JSON line per round.
import { createSoapParser } from '../apps/server/src/qbwc/parse-soap-off-thread.ts';

const bills = Number(process.env.BENCH_ANSWER_BILLS ?? 500);
const linesPerBill = Number(process.env.BENCH_ANSWER_LINES ?? 60);
const rounds = Number(process.env.BENCH_ANSWER_ROUNDS ?? 3);

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function billRet(n: number): string {
  let lines = '';
  for (let j = 0; j < linesPerBill; j++) {
    lines +=
      `<ItemLineRet><TxnLineID>${n}-${j}</TxnLineID><ItemRef><ListID>80000020-1</ListID><FullName>03-300 Concrete</FullName></ItemRef>` +
      `<Desc>Concrete &amp; rebar, pour ${j}</Desc><Quantity>1</Quantity><Cost>12.50</Cost><Amount>12.50</Amount>` +
      `<CustomerRef><ListID>80000010-1</ListID><FullName>Riverside:MOB</FullName></CustomerRef><BillableStatus>NotBillable</BillableStatus></ItemLineRet>`;
  }
  return (
    `<BillRet><TxnID>T-${n}</TxnID><TimeCreated>2026-10-01T10:00:00-07:00</TimeCreated><TimeModified>2026-10-01T10:00:00-07:00</TimeModified>` +
    `<EditSequence>1</EditSequence><TxnNumber>${n}</TxnNumber><VendorRef><ListID>80000002-1</ListID><FullName>Smith Concrete</FullName></VendorRef>` +
    `<TxnDate>2026-10-01</TxnDate><DueDate>2026-10-31</DueDate><AmountDue>${(linesPerBill * 12.5).toFixed(2)}</AmountDue><RefNumber>R-${n}</RefNumber>` +
    `<IsPaid>false</IsPaid>${lines}</BillRet>`
  );
}

let page = '';
for (let n = 0; n < bills; n++) page += billRet(n);
const qbxml =
  `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><BillQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK" ` +
  `iteratorRemainingCount="0" iteratorID="{it}">${page}</BillQueryRs></QBXMLMsgsRs></QBXML>`;
const body =
  '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
  `<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>0123456789abcdef0123456789abcdef</ticket><response>${escapeXml(qbxml)}</response>` +
  '<hresult></hresult><message></message></receiveResponseXML></soap:Body></soap:Envelope>';

const parser = createSoapParser();
for (let round = 0; round < rounds; round++) {
  const bytes = Buffer.from(body);
  const bodyBytes = bytes.length;
  let lastCpu = process.threadCpuUsage();
  let maxTickCpuMs = 0;
  const ticks = setInterval(() => {
    const cpu = process.threadCpuUsage();
    maxTickCpuMs = Math.max(maxTickCpuMs, (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000);
    lastCpu = cpu;
  }, 1);
  const started = process.threadCpuUsage();
  const parsed = await parser.parse(bytes, 'text/xml; charset=utf-8', { maxChars: 200 * 1024 * 1024 }); // bytes transferred
  await new Promise((resolve) => setTimeout(resolve, 5)); // the tick after the answer arrived
  clearInterval(ticks);
  const used = process.threadCpuUsage(started);
  const params = parsed.call.params as { response: string };
  console.log(
    JSON.stringify({
      round,
      bills,
      linesPerBill,
      bodyMB: Math.round(bodyBytes / 1e5) / 10,
      qbxmlChars: qbxml.length,
      // What came to the event loop of the answer's text (the whole of it, or its excerpt and its length).
      responseCharsOnEventLoop: params.response.length,
      responseChars: parsed.responseChars ?? null,
      mainThreadCpuMs: Math.round((used.user + used.system) / 100) / 10,
      mostMainThreadCpuBetweenTicksMs: Math.round(maxTickCpuMs * 10) / 10,
    }),
  );
}
await parser.close();
