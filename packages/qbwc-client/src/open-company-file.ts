// The CLI's only contact with @connector/qb-simulator: open (or first generate) a company file as a
// QuickBooks processor, and save it back after a session so runs accumulate.

import type { GenerateSettings } from './parse-cli-args.ts';
import type { QuickBooksProcessor } from './types.ts';

export interface OpenedCompanyFile {
  processor: QuickBooksProcessor;
  save(): Promise<void>;
}

/** The part of @connector/qb-simulator's API the CLI uses. */
interface SimulatorModule {
  QuickBooksSimulator: new (company: unknown) => QuickBooksProcessor;
  loadCompanyFileFromPath(path: string): Promise<unknown>;
  saveCompanyFileToPath(path: string, company: unknown): Promise<void>;
  generateCompanyFile(options: GenerateSettings): unknown;
}

// Loaded at run time so this package compiles while the simulator is still being written.
const SIMULATOR_PACKAGE: string = '@connector/qb-simulator';

export async function openCompanyFile(path: string, generate?: GenerateSettings): Promise<OpenedCompanyFile> {
  const simulator = (await import(SIMULATOR_PACKAGE)) as SimulatorModule;
  if (generate) await simulator.saveCompanyFileToPath(path, await simulator.generateCompanyFile(generate));
  const company = await simulator.loadCompanyFileFromPath(path);
  const processor = new simulator.QuickBooksSimulator(company);
  return { processor, save: () => simulator.saveCompanyFileToPath(path, company) };
}
