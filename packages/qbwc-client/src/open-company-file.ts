// The CLI's only contact with @connector/qb-simulator: open (or first generate) a company file as a
// QuickBooks processor, and save it back after a session so runs accumulate.

import { DEFAULT_PROCESSING_TIME, generateCompanyFile, QuickBooksSimulator, readCompanyFile, writeCompanyFile } from '@connector/qb-simulator';
import type { GenerateSettings, QuickBooksTimeSetting } from './parse-cli-args.ts';
import type { QuickBooksProcessor } from './types.ts';

export interface OpenedCompanyFile {
  processor: QuickBooksProcessor;
  save(): Promise<void>;
  /** QuickBooks' own processing time modelled so far, in ms (absent for a processor without the model). */
  modelledQuickBooksMs?: () => number;
}

/** QuickBooks' own processing time is modelled by default here (a person watching a sync sees QuickBooks' pace). */
export async function openCompanyFile(
  path: string,
  generate?: GenerateSettings,
  quickBooksTime: QuickBooksTimeSetting = 'default',
): Promise<OpenedCompanyFile> {
  if (generate) {
    const { messy, ...rest } = generate;
    await writeCompanyFile(path, generateCompanyFile({ ...rest, ...(messy === undefined ? {} : { messyRate: messy }) }));
  }
  const processingTime = quickBooksTime === 'off' ? undefined : quickBooksTime === 'default' ? DEFAULT_PROCESSING_TIME : quickBooksTime;
  const simulator = new QuickBooksSimulator({ company: await readCompanyFile(path), ...(processingTime ? { processingTime } : {}) });
  return { processor: simulator, save: () => writeCompanyFile(path, simulator.company), modelledQuickBooksMs: () => simulator.processingTotals.modelledMs };
}
