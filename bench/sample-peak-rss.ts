import { readProcessTreeUsage } from './read-process-tree-usage.ts';

export interface PeakRssSampler {
  /** Stops sampling and returns the peak VmRSS of the tree seen so far, in bytes. */
  stop(): number;
}

/** Samples the VmRSS of a process tree every `intervalMs` (default 200 ms) and keeps the peak. */
export function samplePeakRss(rootPid: number, intervalMs = 200): PeakRssSampler {
  let peak = readProcessTreeUsage(rootPid).rssBytes;
  const timer = setInterval(() => {
    peak = Math.max(peak, readProcessTreeUsage(rootPid).rssBytes);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, readProcessTreeUsage(rootPid).rssBytes);
    },
  };
}
