/** What the runner measures, per target and per cell; shared by the runner, the comparison and the table. */

export type TargetName = 'direct' | 'pass-through' | 'gateway' | 'gateway-translated' | 'gateway-quiet' | 'gateway-limits' | 'gateway-limits-redis';
export type StreamMode = 'non-stream' | 'stream';

export interface CellMeasurement {
  status: 'ok';
  requests: number;
  requestsPerSecond: number;
  p50Us: number;
  p99Us: number;
  /** utime+stime of the target's process tree over the measured run ÷ requests; undefined for direct. */
  cpuUsPerRequest: number | undefined;
  /** Peak VmRSS of the target's process tree over warm-up + measured run; undefined for direct. */
  peakRssBytes: number | undefined;
  /** Chat requests the mock received during the measured run (>= requests, or the cell fails). */
  upstreamRequests: number;
  /** Socket errors wrk counted (connect, read, write, timeout), tolerated when rare. */
  socketErrors: number;
}

export interface CellFailure {
  status: 'failed';
  reason: string;
}

export type CellResult = { target: TargetName; mode: StreamMode; concurrency: number } & (CellMeasurement | CellFailure);

export interface TtfbMeasurement {
  requests: number;
  p50Us: number;
  p99Us: number;
}

export interface TargetResult {
  name: TargetName;
  /** Set when the target could not be started or failed its preflight; its cells are then failed too. */
  failure: string | undefined;
  /** Spawn to the first 200 from /health; undefined for direct. */
  startupMs: number | undefined;
  /** VmRSS of the process tree 0.5 s after it became ready; undefined for direct. */
  idleRssBytes: number | undefined;
  /** Stream time to first body byte at concurrency 1, with 10 ms between the mock's chunks. */
  ttfb: TtfbMeasurement | CellFailure | undefined;
  cells: CellResult[];
}
