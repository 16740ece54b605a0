import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Prisma } from '@connector/db';
import { AppError } from '@connector/sync';
import { DATABASE_BUSY_RETRY_AFTER_SECONDS, errorHandler } from './error-handler.ts';

// The one error handler (fastify/demo's pattern): our codes with their status, the database busy as 503 + Retry-After
// (the web app retries those with the same Idempotency-Key), and nothing of a 5xx's internals in the answer.
async function answerTo(error: unknown) {
  const app = Fastify({ logger: false });
  await app.register(errorHandler);
  app.get('/boom', async () => {
    throw error;
  });
  const response = await app.inject({ method: 'GET', url: '/boom' });
  await app.close();
  return response;
}
const prismaError = (code: string, message = `Prisma ${code}`) => new Prisma.PrismaClientKnownRequestError(message, { code, clientVersion: 'test' });

describe('error handler', () => {
  it.each(['P2028', 'P2024', 'P2034', 'P2037', 'P1001', 'P1008', 'P1017'])(
    'answers Prisma %s (the database busy or away) with 503 and Retry-After',
    async (code) => {
      const response = await answerTo(prismaError(code, 'Transaction API error: Unable to start a transaction in the given time. secret-host:5432'));
      expect(response.statusCode).toBe(503);
      expect(response.headers['retry-after']).toBe(String(DATABASE_BUSY_RETRY_AFTER_SECONDS));
      expect(response.json()).toMatchObject({ code: 'DATABASE_BUSY', error: { details: { prismaCode: code } } });
      expect(response.json().message).toMatch(/busy.*Try again in a few seconds/);
      expect(response.body).not.toContain('secret-host');
    },
  );

  it.each([
    ['40001', 503],
    ['40P01', 503],
    ['53300', 503],
    ['57P03', 503],
    ['23505', 500],
  ])('answers a node-postgres error with SQLSTATE %s with %i', async (sqlstate, status) => {
    const pgError = Object.assign(new Error('database said no'), { code: sqlstate, severity: 'ERROR' });
    expect((await answerTo(pgError)).statusCode).toBe(status);
  });

  it('keeps other Prisma errors (a unique constraint, a missing table) as a 500 that hides the details', async () => {
    for (const code of ['P2002', 'P2021']) {
      const response = await answerTo(prismaError(code, 'Unique constraint failed on the fields: (`secret_column`)'));
      expect(response.statusCode).toBe(500);
      expect(response.headers['retry-after']).toBeUndefined();
      expect(response.json()).toMatchObject({ code: 'INTERNAL' });
      expect(response.body).not.toContain('secret_column');
    }
  });

  it('answers our AppError with its status and message, and a validation error with 400', async () => {
    const response = await answerTo(new AppError('CONFLICT', 'Already there.'));
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'CONFLICT', message: 'Already there.' });
    const validation = Object.assign(new Error('body/name must be string'), { validation: [{}], statusCode: 400 });
    expect((await answerTo(validation)).json()).toMatchObject({ code: 'VALIDATION' });
  });
});
