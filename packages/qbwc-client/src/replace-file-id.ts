// Rewrites the FileID data extension in a strHCPResponse (CompanyRet/DataExtRet with
// DataExtName FileID, QBWC guide p.36) so the company file looks like another one.

const FILE_ID_DATA_EXT =
  /(<DataExtRet>(?:(?!<\/DataExtRet>)[\s\S])*?<DataExtName>\s*FileID\s*<\/DataExtName>(?:(?!<\/DataExtRet>)[\s\S])*?<DataExtValue>)([^<]*)(<\/DataExtValue>)/g;

export function replaceFileId(hcpResponse: string, newFileId: string): { xml: string; replaced: number } {
  let replaced = 0;
  const xml = hcpResponse.replace(FILE_ID_DATA_EXT, (_match, before: string, _old: string, after: string) => {
    replaced += 1;
    return `${before}${newFileId}${after}`;
  });
  return { xml, replaced };
}
