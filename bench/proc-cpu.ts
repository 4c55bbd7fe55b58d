/**
 * CPU of a local process tree, read from Linux /proc: the PostgreSQL server's CPU per
 * orchestration (every process of its postmaster) in the bench, the scale-out run and the DBOS
 * peer. Kept apart from the modules that load the library, so the peer's process loads nothing
 * of ours.
 */
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ on Linux

/** CPU seconds of a process, its children and their reaped children (Linux /proc). */
export function processTreeCpu(pid: number): number {
  const read = (p: number): number => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ');
      return (
        (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) / TICKS
      );
    } catch {
      return 0;
    }
  };
  let total = read(pid);
  for (const child of childrenOf(pid)) total += read(child);
  return total;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const ppid = readFileSync(`/proc/${entry}/stat`, 'utf8')
        .replace(/^.*\) /, '')
        .split(' ')[1];
      if (Number(ppid) === pid) out.push(Number(entry));
    } catch {
      // exited meanwhile
    }
  }
  return out;
}
