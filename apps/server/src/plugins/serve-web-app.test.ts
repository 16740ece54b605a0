import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWebApp } from './serve-web-app.ts';

describe('serving the embedded app at /app/', () => {
  let dist: string;
  beforeAll(async () => {
    dist = await mkdtemp(path.join(tmpdir(), 'web-dist-'));
    await mkdir(path.join(dist, 'assets'));
    await writeFile(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/app/assets/index-Ab12Cd.js"></script>');
    await writeFile(path.join(dist, 'assets', 'index-Ab12Cd.js'), 'console.log("app")');
  });
  afterAll(() => rm(dist, { recursive: true, force: true }));

  async function app(distDir: string) {
    const server = Fastify({ logger: false });
    await server.register(serveWebApp, {
      distDir,
      procoreEnvironments: {
        production: { loginBaseUrl: 'https://login.procore.com', apiBaseUrl: 'https://api.procore.com' },
        sandbox: { loginBaseUrl: 'http://127.0.0.1:4100', apiBaseUrl: 'http://127.0.0.1:4100' },
      },
    });
    return server;
  }

  it('answers index.html for the app and its client-side routes, with the headers Procore’s iframe needs', async () => {
    const server = await app(dist);
    for (const url of ['/app/', '/app/exports?company_id=4264807', '/app/settings']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("frame-ancestors 'self' https://*.procore.com https://*.procoretech.com http://127.0.0.1:4100");
      expect(csp).not.toContain('https://login.procore.com');
      expect(csp).toContain("script-src 'self'");
      expect(response.headers['x-frame-options']).toBeUndefined();
    }
    const bare = await server.inject({ method: 'GET', url: '/app' });
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/app/');
    await server.close();
  });

  it('serves hashed assets cached for a year; a missing asset is a 404, not the app', async () => {
    const server = await app(dist);
    const asset = await server.inject({ method: 'GET', url: '/app/assets/index-Ab12Cd.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['x-frame-options']).toBeUndefined();
    const missing = await server.inject({ method: 'GET', url: '/app/assets/index-Old999.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.body).not.toContain('<div id="root">');
    await server.close();
  });

  it('without a build, /app/ says how to make one (503)', async () => {
    const server = await app(path.join(dist, 'nothing-here'));
    for (const url of ['/app/', '/app/exports']) {
      const response = await server.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('pnpm --filter @connector/web build');
    }
    await server.close();
  });
});
