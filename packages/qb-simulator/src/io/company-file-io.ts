import fs from 'node:fs/promises';
import path from 'node:path';
import type { CompanyFile } from '../model/company-file.ts';
import { loadCompanyFile, saveCompanyFile } from '../model/load-company-file.ts';

/** Reads a company file saved with `writeCompanyFile`. */
export async function readCompanyFile(filePath: string): Promise<CompanyFile> {
  return loadCompanyFile(await fs.readFile(filePath, 'utf8'));
}

/** Writes the company file as JSON (via a temp file + rename, so a crash never leaves half a file). */
export async function writeCompanyFile(filePath: string, company: CompanyFile): Promise<void> {
  await fs.mkdir(path.dirname(filePath), { recursive: true });
  const tmp = `${filePath}.${process.pid}.tmp`;
  await fs.writeFile(tmp, saveCompanyFile(company), 'utf8');
  await fs.rename(tmp, filePath);
}
