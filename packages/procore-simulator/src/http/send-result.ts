import type { ServerResponse } from 'node:http';
import type { ApiResult } from './api-result.ts';

export function sendResult(res: ServerResponse, result: ApiResult, extraHeaders: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { ...extraHeaders, ...result.headers };
  if (result.status === 204 || result.body === undefined) {
    res.writeHead(result.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(result.body);
  headers['Content-Type'] = 'application/json; charset=utf-8';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(result.status, headers);
  res.end(text);
}
