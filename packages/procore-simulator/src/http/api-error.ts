// Procore error bodies (API-CONTRACT.md "Conventions"): `{ errors: string | object }`; 422 bodies carry
// `{ errors: { field: ["message"] } }`; records of another company or project are 404 "Not Found".

export type FieldErrors = Record<string, string[]>;

export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(`${status} ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export function notFound(): ApiError {
  return new ApiError(404, { errors: 'Not Found' });
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, { errors: message });
}

export function unprocessable(errors: FieldErrors): ApiError {
  return new ApiError(422, { errors });
}

/** Adds `message` to `errors[field]`. */
export function addError(errors: FieldErrors, field: string, message: string): void {
  (errors[field] ??= []).push(message);
}
