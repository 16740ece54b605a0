import type { Prisma } from '@connector/db';

type Tx = Prisma.TransactionClient;
type Row = Prisma.ExportRecordGetPayload<object>;

/**
 * The export rows one planning pass (advance-exports.ts) has read, so that it reads each once rather than once per
 * record that needs it: a pass over 200 commitments looked the same vendor, job and item exports up again for every
 * commitment (5,923 `export_records` look-ups in `BENCH_ONLY=export pnpm bench`, docs/peer-quickbooks-js.md).
 *
 * Valid inside one pass only, and only because nothing else changes a company's export rows meanwhile: every writer
 * of export_records holds the company's planning lock for its whole transaction (lock-export-planning.ts;
 * apply-export-action, prepare-export-batch, resolve-export-conflict, settle-export and advance-exports itself), and
 * the pass holds it. The pass's own writes are told to this class (`wrote`), so a row written since it was read is
 * read again, and a key looked up after a write to its row answers what the write returned or reads the database.
 */
export class PlanningPassRows {
  readonly #companyId: string;
  #tick = 0;
  /** id → the tick of the pass's last write to that row. */
  readonly #writtenAt = new Map<string, number>();
  /** `recordType:procoreId` → the row as last read or written by this pass (null: no such row). */
  readonly #byKey = new Map<string, Row | null>();
  /** id → what a row now waits for, not written yet (`wait`); written together by `flush`. */
  readonly #waits = new Map<string, { waitingOn: string[]; at: Date }>();

  constructor(companyId: string) {
    this.#companyId = companyId;
  }

  /** A tick to remember with a row just read: `isCurrent(id, tick)` says whether the pass wrote it since. */
  stamp(): number {
    this.#tick += 1;
    return this.#tick;
  }

  /** Whether the row read at `readAt` is still what the database holds (the pass has not written it since). */
  isCurrent(id: string, readAt: number): boolean {
    return (this.#writtenAt.get(id) ?? 0) < readAt;
  }

  /**
   * The pass wrote (or is about to write) this row. `after`: the row the write returned, which then answers the key;
   * without it the key is read from the database next time.
   */
  wrote(row: { id: string; recordType: string; procoreId: string }, after?: Row): void {
    this.#writtenAt.set(row.id, this.stamp());
    const key = `${row.recordType}:${row.procoreId}`;
    if (after) this.#byKey.set(key, after);
    else this.#byKey.delete(key);
  }

  /**
   * The row waits for these exports now (and has no error): written with the other rows' waits in one statement by
   * `flush`, which the pass calls before it next reads export rows from the database or writes a row that waits here,
   * and at its end. The database is thus as if each were written at once whenever anything looks (1,035 + 1,715
   * one-row updates in the bench's export.prepare and Web Connector sessions before).
   */
  wait(row: { id: string; recordType: string; procoreId: string }, waitingOn: string[]): void {
    this.wrote(row);
    this.#waits.set(row.id, { waitingOn, at: new Date() });
  }

  /** Whether a wait of this row is not written yet (write it, `flush`, before writing the row). */
  waits(id: string): boolean {
    return this.#waits.has(id);
  }

  /** Writes the waits not written yet, in one statement. */
  async flush(tx: Tx): Promise<void> {
    if (this.#waits.size === 0) return;
    const rows = [...this.#waits].map(([id, w]) => ({ id, waiting_on: w.waitingOn, updated_at: w.at.toISOString() }));
    this.#waits.clear();
    // One statement for all (jsonb_to_recordset, as prepare-export-batch.ts does); the same columns planExport's
    // one-row update wrote: waiting_on, no error, updated_at (Prisma's @updatedAt), no version change.
    await tx.$executeRaw`
      UPDATE export_records er SET waiting_on = x.waiting_on, error_code = NULL, error_message = NULL, updated_at = x.updated_at
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x(id uuid, waiting_on text[], updated_at timestamptz)
      WHERE er.id = x.id AND er.company_id = ${this.#companyId}::uuid`;
  }

  /** The company's export row for a record (as `findUnique` by company, type and Procore id), or null. */
  async find(tx: Tx, recordType: string, procoreId: string): Promise<Row | null> {
    const key = `${recordType}:${procoreId}`;
    const known = this.#byKey.get(key);
    if (known !== undefined) return known;
    await this.flush(tx);
    const row = await tx.exportRecord.findUnique({
      where: { companyId_recordType_procoreId: { companyId: this.#companyId, recordType, procoreId } },
    });
    this.#byKey.set(key, row);
    return row;
  }

  /** Reads the rows of these keys not known yet in one query (missing ones are remembered as none). */
  async prefetch(tx: Tx, keys: Iterable<{ recordType: string; procoreId: string }>): Promise<void> {
    const wanted = new Map<string, { recordType: string; procoreId: string }>();
    for (const k of keys) {
      const key = `${k.recordType}:${k.procoreId}`;
      if (!this.#byKey.has(key)) wanted.set(key, k);
    }
    if (wanted.size === 0) return;
    await this.flush(tx);
    const idsByType = new Map<string, string[]>();
    for (const k of wanted.values()) idsByType.set(k.recordType, [...(idsByType.get(k.recordType) ?? []), k.procoreId]);
    const rows = await tx.exportRecord.findMany({
      where: { companyId: this.#companyId, OR: [...idsByType].map(([recordType, procoreIds]) => ({ recordType, procoreId: { in: procoreIds } })) },
    });
    for (const key of wanted.keys()) this.#byKey.set(key, null);
    for (const row of rows) this.#byKey.set(`${row.recordType}:${row.procoreId}`, row);
  }
}
