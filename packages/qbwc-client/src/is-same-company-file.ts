// Whether two company-file paths name the same file. Windows paths: case-insensitive, '/' or '\'.

export function isSameCompanyFile(a: string, b: string): boolean {
  return normalizeCompanyFilePath(a) === normalizeCompanyFilePath(b);
}

function normalizeCompanyFilePath(path: string): string {
  return path
    .trim()
    .replace(/\//g, '\\')
    .replace(/(?<!^)\\{2,}/g, '\\')
    .toLowerCase();
}
