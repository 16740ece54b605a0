import type { FastifyRequest } from 'fastify';

// Query parameters that carry secrets: the OAuth callback's authorization code and state, and any
// token someone pastes into a URL. They are replaced in every logged URL (house rule: secrets are
// never logged).
const SECRET_PARAMS = /([?&](?:code|state|token|access_token|refresh_token|client_secret|password)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[redacted]');
}

/** Fastify's default request log shape, with secret query values redacted. */
export const logSerializers = {
  req(request: FastifyRequest) {
    return {
      method: request.method,
      url: redactUrl(request.url),
      host: request.host,
      remoteAddress: request.ip,
    };
  },
};
