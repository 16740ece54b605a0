/** A unique index refused the write (PostgreSQL 23505), as Prisma or its driver adapter reports it. */
export function isUniqueViolation(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e !== null && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, meta, message } = e as {
      code?: unknown;
      meta?: { code?: unknown; driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
      message?: unknown;
    };
    if (code === 'P2002' || code === '23505' || meta?.code === '23505') return true;
    const cause = meta?.driverAdapterError?.cause;
    if (cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505') return true;
    if (typeof message === 'string' && /unique constraint|duplicate key value/i.test(message)) return true;
  }
  return false;
}
