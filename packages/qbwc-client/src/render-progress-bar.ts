// A text progress bar like the one in QBWC's window: [##########----------]  50%  message

export function renderProgressBar(percent: number, message = '', width = 30): string {
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const filled = Math.round((clamped / 100) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(clamped).padStart(3)}%${message ? `  ${message}` : ''}`;
}
