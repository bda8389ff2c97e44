import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessTreeUsage {
  /** The root and every live descendant. */
  pids: number[];
  /** utime+stime+cutime+cstime summed over the tree (cutime/cstime hold children already reaped), in µs. */
  cpuUs: number;
  /** VmRSS summed over the tree, in bytes. */
  rssBytes: number;
}

const clockTicksPerSecond = readClockTicksPerSecond();

function readClockTicksPerSecond(): number {
  const result = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(result.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
}

interface ProcessStat {
  parentPid: number;
  cpuTicks: number;
}

/** Fields of /proc/<pid>/stat after the `(comm)` field, which may itself contain spaces and parentheses. */
function readProcessStat(pid: number): ProcessStat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // After ")": state(3) ppid(4) ... utime(14) stime(15) cutime(16) cstime(17); index = field number - 3.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const cpuTicks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return { parentPid: Number(fields[1] ?? 0), cpuTicks };
}

function readRssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] === undefined ? 0 : Number(match[1]) * 1024;
  } catch {
    return 0;
  }
}

/** CPU time and RSS of a process and all its descendants, from /proc (Linux only). */
export function readProcessTreeUsage(rootPid: number): ProcessTreeUsage {
  const stats = new Map<number, ProcessStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readProcessStat(Number(entry));
    if (stat !== undefined) stats.set(Number(entry), stat);
  }
  const pids: number[] = stats.has(rootPid) ? [rootPid] : [];
  for (let index = 0; index < pids.length; index += 1) {
    for (const [pid, stat] of stats) if (stat.parentPid === pids[index]) pids.push(pid);
  }
  let cpuTicks = 0;
  let rssBytes = 0;
  for (const pid of pids) {
    cpuTicks += stats.get(pid)?.cpuTicks ?? 0;
    rssBytes += readRssBytes(pid);
  }
  return { pids, cpuUs: (cpuTicks * 1_000_000) / clockTicksPerSecond, rssBytes };
}
