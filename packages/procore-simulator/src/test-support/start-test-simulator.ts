import { ProcoreSimulator, type ProcoreSimulatorOptions } from '../procore-simulator.ts';

/** A hand-driven clock for token expiry, rate windows and webhook retries. */
export class FakeClock {
  ms: number;
  constructor(ms = Date.UTC(2026, 10, 21, 10, 0, 0)) {
    this.ms = ms;
  }

  readonly now = (): number => this.ms;

  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface TestSimulator {
  sim: ProcoreSimulator;
  url: string;
  clock: FakeClock;
  companyId: number;
  /** An access token of the seeded user for the default client. */
  token: string;
  /** fetch against the simulator with the bearer token and Procore-Company-Id (override via init.headers). */
  api(path: string, init?: RequestInit & { companyId?: number | null; token?: string | null; json?: unknown }): Promise<Response>;
}

export async function startTestSimulator(options: ProcoreSimulatorOptions = {}, clock = new FakeClock()): Promise<TestSimulator> {
  const sim = new ProcoreSimulator({ now: clock.now, ...options });
  const { url } = await sim.start({ port: 0 });
  const token = sim.issueTokens().access_token;
  const companyId = sim.companyId;
  const api: TestSimulator['api'] = (path, init = {}) => {
    const headers = new Headers(init.headers);
    const bearer = init.token === undefined ? token : init.token;
    if (bearer !== null && !headers.has('authorization')) headers.set('Authorization', `Bearer ${bearer}`);
    const company = init.companyId === undefined ? companyId : init.companyId;
    if (company !== null && !headers.has('procore-company-id')) headers.set('Procore-Company-Id', String(company));
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(init.json);
    }
    return fetch(`${url}${path}`, { ...init, headers, body: body ?? null });
  };
  return { sim, url, clock, companyId, token, api };
}
