// What the whole machine did meanwhile (/proc/stat): the bench shares 2 cores with other work (other agents' tests),
// so the figures carry how busy the machine was while they were taken.
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface MachineTimes {
  busyMs: number;
  totalMs: number;
}

/** Busy and total CPU time of every core since boot (the "cpu" line of /proc/stat, in 1/100 s ticks). */
export function machineTimes(): MachineTimes {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const idle = fields[3]! + fields[4]!; // idle + iowait
  const total = fields.reduce((a, b) => a + b, 0);
  return { busyMs: (total - idle) * 10, totalMs: total * 10 };
}

export function machineSummary(before: MachineTimes, after: MachineTimes, wallMs: number) {
  const busyMs = after.busyMs - before.busyMs;
  return {
    cores: os.cpus().length,
    /** Busy CPU of the whole machine over the window, in cores (2 = both cores busy all the time). */
    busyCores: Math.round((busyMs / wallMs) * 100) / 100,
    busyPercent: Math.round((busyMs / Math.max(1, after.totalMs - before.totalMs)) * 1000) / 10,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}
