import { AppError } from '../errors/app-error.ts';
import type { ProcoreEnvironment } from '../companies/create-company.ts';
import type { ProcoreEnvironmentSettings, ProcoreSettings } from './procore-settings.ts';

/** The OAuth client and hosts for a company's environment; tokens never cross environments (docs/procore-api.md#environments). */
export function environmentSettings(settings: ProcoreSettings, environment: string): ProcoreEnvironmentSettings {
  const env = settings.environments[environment as ProcoreEnvironment];
  if (!env) {
    throw new AppError(
      'PROCORE_NOT_CONFIGURED',
      `No Procore OAuth client is configured for the ${environment} environment. Set its client id and secret on the server.`,
      {
        environment,
      },
    );
  }
  return env;
}
