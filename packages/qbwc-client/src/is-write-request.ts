// Whether a qbXML request message writes to the company file: any …AddRq or …ModRq, and the
// list/transaction deletes and voids (ListDelRq, TxnDelRq, TxnVoidRq).

const WRITE_REQUEST = /<[A-Za-z]+(?:Add|Mod)Rq[\s>/]|<(?:ListDel|TxnDel|TxnVoid)Rq[\s>/]/;

export function isWriteRequest(qbxml: string): boolean {
  return WRITE_REQUEST.test(qbxml);
}

/** The request element names in a qbXML message, e.g. ['VendorAddRq', 'BillAddRq'] (for logs). */
export function listRequestTypes(qbxml: string): string[] {
  return [...qbxml.matchAll(/<([A-Za-z]+Rq)[\s>/]/g)].map((match) => match[1] as string).filter((name) => name !== 'QBXMLMsgsRq');
}
