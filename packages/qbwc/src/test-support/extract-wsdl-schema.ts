/**
 * Test-only: cut the <schema> out of a WSDL's <types> into a standalone XSD, re-declaring the
 * prefixes it borrows from the WSDL root, so xmllint can validate SOAP bodies against it.
 */
export function extractWsdlSchema(wsdl: string): string {
  const open = /<([A-Za-z_][\w.-]*):schema\b/.exec(wsdl);
  if (!open) throw new Error('no schema in WSDL');
  const prefix = open[1] as string;
  const end = wsdl.indexOf(`</${prefix}:schema>`, open.index);
  if (end < 0) throw new Error('unterminated schema');
  const schema = wsdl.slice(open.index, end + `</${prefix}:schema>`.length);
  return (
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    schema.replace(`<${prefix}:schema`, `<${prefix}:schema xmlns:${prefix}="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://developer.intuit.com/"`)
  );
}

/** The single element inside a SOAP Body, as a standalone document. */
export function extractBodyPayload(envelope: string): string {
  const open = /<([A-Za-z_][\w.-]*:)?Body>/.exec(envelope);
  if (!open) throw new Error('no Body');
  const close = envelope.lastIndexOf(`</${open[1] ?? ''}Body>`);
  return envelope.slice(open.index + open[0].length, close);
}
