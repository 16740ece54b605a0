// QuickBooks prints TimeModified / TimeDeleted in the company's local time, usually with its UTC offset
// ("2026-11-20T10:15:07-08:00"; qbXML DATETIMETYPE). Incremental reads send the same form back
// (FromModifiedDate), so cursors stay in QuickBooks' own clock and never in the server's.

const QB_DATETIME = /^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(Z|[+-]\d\d:\d\d)?$/;

function parts(value: string): { wallMs: number; offset: string | undefined } | null {
  const m = QB_DATETIME.exec(value.trim());
  if (!m) return null;
  const wallMs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
  return { wallMs, offset: m[7] };
}

function offsetMs(offset: string | undefined): number {
  if (!offset || offset === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
}

/** Comparable instant; a time without offset is compared as wall-clock time (same company, same clock). */
export function qbTimeValue(value: string): number | null {
  const p = parts(value);
  return p ? p.wallMs - offsetMs(p.offset) : null;
}

/** The later of two QuickBooks times (unreadable values lose). */
export function laterQbTime(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  const va = qbTimeValue(a);
  const vb = qbTimeValue(b);
  if (vb === null) return a;
  if (va === null) return b;
  return vb > va ? b : a;
}

/** `value` minus `minutes`, printed in the same offset it came in (QuickBooks' local time). */
export function qbTimeMinus(value: string, minutes: number): string | null {
  const p = parts(value);
  if (!p) return null;
  const d = new Date(p.wallMs - minutes * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const text = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return text + (p.offset ?? '');
}
