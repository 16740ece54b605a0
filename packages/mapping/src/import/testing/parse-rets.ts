// Test support: *Ret records parsed by @connector/qbxml from qbXML text, exactly as the caller gets them
// (repeatable children as arrays even when there is one, leaf text as strings).
import { parseResponseMessage, type QbRecord } from '@connector/qbxml';

/** A whole qbXML response document: `<QueryRs>` holding the given *Ret elements (validate it against the XSD). */
export function responseXml(rsName: string, retsXml: string): string {
  return (
    `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><${rsName} requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">` +
    `${retsXml}</${rsName}></QBXMLMsgsRs></QBXML>`
  );
}

/** Parses `<QueryRs>` holding the given *Ret elements and returns its records with their element names. */
export function parseRets(rsName: string, retsXml: string): Array<{ type: string; record: QbRecord }> {
  const response = parseResponseMessage(responseXml(rsName, retsXml)).responses[0];
  if (!response) throw new Error(`no ${rsName} in the test XML`);
  return response.records.map((record, i) => ({ type: response.recordTypes[i]!, record }));
}

/** The one *Ret record of a query response. */
export function parseRet(rsName: string, retXml: string): QbRecord {
  const records = parseRets(rsName, retXml);
  if (records.length !== 1) throw new Error(`expected one record in the test XML, got ${records.length}`);
  return records[0]!.record;
}

/** <Name><ListID/><FullName/></Name>, the ListRef shape QuickBooks answers with. */
export function refXml(element: string, listId: string, fullName: string): string {
  return `<${element}><ListID>${listId}</ListID><FullName>${fullName}</FullName></${element}>`;
}
