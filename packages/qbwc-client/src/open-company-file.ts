// The CLI's only contact with @connector/qb-simulator: open (or first generate) a company file as a
// QuickBooks processor, and save it back after a session so runs accumulate.

import { generateCompanyFile, QuickBooksSimulator, readCompanyFile, writeCompanyFile } from '@connector/qb-simulator';
import type { GenerateSettings } from './parse-cli-args.ts';
import type { QuickBooksProcessor } from './types.ts';

export interface OpenedCompanyFile {
  processor: QuickBooksProcessor;
  save(): Promise<void>;
}

export async function openCompanyFile(path: string, generate?: GenerateSettings): Promise<OpenedCompanyFile> {
  if (generate) await writeCompanyFile(path, generateCompanyFile(generate));
  const simulator = new QuickBooksSimulator({ company: await readCompanyFile(path) });
  return { processor: simulator, save: () => writeCompanyFile(path, simulator.company) };
}
