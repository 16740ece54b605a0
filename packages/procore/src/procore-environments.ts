// The three Procore environments and their hosts. Source: API-CONTRACT.md "Hosts" and docs/procore-api.md#environments:
// tokens never cross environments, so a company is linked to one environment and both hosts come from
// this table — never mixed by hand.

export interface ProcoreEndpoints {
  /** OAuth host: /oauth/authorize, /oauth/token, /oauth/revoke. */
  readonly loginBaseUrl: string;
  /** REST API host: /rest/v1.0/…, /rest/v1.1/… */
  readonly apiBaseUrl: string;
}

export const PROCORE_ENVIRONMENTS = Object.freeze({
  production: Object.freeze({ loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' }),
  sandbox: Object.freeze({ loginBaseUrl: 'https://login-sandbox.procore.com', apiBaseUrl: 'https://sandbox.procore.com' }),
  monthly_sandbox: Object.freeze({
    loginBaseUrl: 'https://login-sandbox-monthly.procore.com',
    apiBaseUrl: 'https://api-monthly.procore.com',
  }),
} as const satisfies Record<string, ProcoreEndpoints>);

export type ProcoreEnvironmentName = keyof typeof PROCORE_ENVIRONMENTS;

export const PROCORE_ENVIRONMENT_NAMES = Object.freeze(Object.keys(PROCORE_ENVIRONMENTS) as ProcoreEnvironmentName[]);

export function isProcoreEnvironmentName(value: unknown): value is ProcoreEnvironmentName {
  return typeof value === 'string' && Object.hasOwn(PROCORE_ENVIRONMENTS, value);
}

/**
 * The hosts for an environment; `overrides` replace either host (tests and the demo point both at the
 * Procore simulator, which serves the login and the API paths on one origin).
 */
export function resolveProcoreEndpoints(environment: ProcoreEnvironmentName, overrides?: Partial<ProcoreEndpoints>): ProcoreEndpoints {
  if (!isProcoreEnvironmentName(environment)) {
    throw new TypeError(`unknown Procore environment "${String(environment)}": use one of ${PROCORE_ENVIRONMENT_NAMES.join(', ')}`);
  }
  const base = PROCORE_ENVIRONMENTS[environment];
  return Object.freeze({
    loginBaseUrl: normalizeBaseUrl(overrides?.loginBaseUrl ?? base.loginBaseUrl, 'loginBaseUrl'),
    apiBaseUrl: normalizeBaseUrl(overrides?.apiBaseUrl ?? base.apiBaseUrl, 'apiBaseUrl'),
  });
}

/** An http(s) origin (optionally with a path prefix) without a trailing slash, so paths can be appended. */
export function normalizeBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`${name} is not a URL: "${value}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`${name} must be an http(s) URL, got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new TypeError(`${name} must not carry a query, fragment or credentials`);
  }
  return url.href.replace(/\/+$/, '');
}
