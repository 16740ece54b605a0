// CPU time and memory of another process, read from Linux /proc (proc(5)), so a server running as its own
// process is measured alone: the bench, the Web Connector client and the QuickBooks simulator are not in it.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** utime + stime (proc(5) /proc/<pid>/stat fields 14 and 15, clock ticks of 1/100 s on Linux), in ms. */
export function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const after = fields.slice(fields.lastIndexOf(')') + 2).split(' ');
  return (Number(after[11]) + Number(after[12])) * 10;
}

/** VmHWM: the process's peak resident set size so far (proc(5) /proc/<pid>/status), in bytes. */
export function peakRssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** VmRSS: the resident set size now, in bytes. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
}

/** Child processes of `pid` (every thread's children, proc(5) /proc/<pid>/task/<tid>/children). */
export function childPidsOf(pid: number): number[] {
  const children: number[] = [];
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').trim();
      if (text) children.push(...text.split(/\s+/).map(Number));
    } catch {
      // the thread ended while we looked
    }
  }
  return children;
}

export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/**
 * Local TCP ports of the process's sockets: the socket inodes among its file descriptors, looked up in
 * /proc/<pid>/net/tcp and tcp6 (local_address is hex ip:port, inode the 10th column). PostgreSQL sees
 * them as pg_stat_activity.client_port, which ties each backend to the process that opened it.
 */
export function localTcpPortsOf(pid: number): Set<number> {
  const inodes = new Set<string>();
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return new Set();
  }
  for (const fd of fds) {
    try {
      const link = readlinkSync(`/proc/${pid}/fd/${fd}`);
      const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
      if (inode) inodes.add(inode);
    } catch {
      // closed while we looked
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${table}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const columns = line.trim().split(/\s+/);
      if (columns.length < 10 || !inodes.has(columns[9]!)) continue;
      ports.add(Number.parseInt(columns[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}
