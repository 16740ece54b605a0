// Intuit writes times with an offset: MetaData "2015-07-24T10:33:39-07:00" (seconds), the answer's `time`
// "2015-10-23T08:51:34.637-07:00" (milliseconds) — examples on the API reference pages. The simulator keeps UTC
// and writes the offset as +00:00.

export function formatMetaTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

export function formatResponseTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}+00:00`;
}
