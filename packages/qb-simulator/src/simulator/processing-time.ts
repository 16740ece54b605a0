import type { XmlNode } from '../xml/xml-node.ts';

/**
 * QuickBooks' own time to answer a qbXML message: a cost per request in it and a cost per record it returns
 * (a Ret element). The simulator answers in microseconds; QuickBooks does not, and a benchmark that leaves
 * it out cannot say how much of a sync is QuickBooks and how much is the connector.
 */
export interface ProcessingTimeModel {
  perRequestMs: number;
  perRecordMs: number;
}

/**
 * The default when the model is on (`pnpm qbwc-sim`, the demo, the benchmarks' figures). No published
 * measurement of QuickBooks Desktop's per-request or per-record time was found; the two figures below are
 * derived from what integrators publish, and are assumptions:
 * - per request 250 ms: nXus gives ~0.5 s end to end for a request inside an open QuickBooks session
 *   (nx-us.net/docs/latency-model, "Warm follow-up ~0.5 s"), which includes the Web Connector's SOAP round trip
 *   and their relay; half of it is taken as QuickBooks' share.
 * - per returned record 6 ms: Conductor writes that a query returning "tens of thousands of rows … can take many
 *   minutes" (docs.conductor.is/qbd/pagination); 20,000 rows in 2 minutes is 6 ms a row, the low end of that.
 * Change them with the simulator's `processingTime` option (or the qbwc-sim flags) when a real file is measured.
 */
export const DEFAULT_PROCESSING_TIME: ProcessingTimeModel = { perRequestMs: 250, perRecordMs: 6 };

/** What the model charged so far: messages, requests and returned records, and the modelled milliseconds. */
export interface ProcessingTimeTotals {
  messages: number;
  requests: number;
  records: number;
  modelledMs: number;
}

/** Records a response message returns: the *Ret elements directly under each *Rs. */
export function countReturnedRecords(responses: XmlNode[]): number {
  let records = 0;
  for (const rs of responses) for (const child of rs.children) if (child.name.endsWith('Ret')) records += 1;
  return records;
}

export function modelledMs(model: ProcessingTimeModel, requests: number, records: number): number {
  return requests * model.perRequestMs + records * model.perRecordMs;
}

export function emptyTotals(): ProcessingTimeTotals {
  return { messages: 0, requests: 0, records: 0, modelledMs: 0 };
}
