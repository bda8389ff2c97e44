/**
 * Two proxies measured at the same time on the same core, pair by pair (measure-simultaneous-pairs.ts):
 *   node --import tsx bench/compare-simultaneous.ts [stream|non-stream] [ROUNDS=5] [SECONDS=3] [CONCURRENCY=64] [PAIRS] [SETS=1]
 * PAIRS is a comma-separated list of `A/B` (default `pt/gw-t,pt/gw,q/gw,q-t/gw-t`); the targets are
 * listed in measure-simultaneous-pairs.ts (`b…`: the checkout at BASELINE_DIR, for an A/B of two builds;
 * BASELINE_NODE_FLAGS adds node flags to the b… processes only, for an A/B of a runtime flag).
 * SETS: fresh sets of processes, each measured ROUNDS rounds (a process keeps its relative speed for life).
 * Each pair's figure is B's CPU µs per request ÷ A's, both from the same seconds (with the proxies' core
 * saturated, the inverse of their throughput ratio), and B's req/s ÷ A's (the scheduler shares the core
 * between the two, so it follows the CPU ratio). Control, the same build on both sides: 0.96–1.05.
 * `npm run bench` runs the bars' pairs this way too; use this for an A/B of a change.
 */
import { benchApiKey } from './bench-api-key.ts';
import type { ChildProcessRegistry } from './child-process-registry.ts';
import { detectCorePinning, pinCurrentProcess } from './core-pinning.ts';
import { ensureWrk } from './ensure-wrk.ts';
import { formatSimultaneousPairs, measureSimultaneousPairs } from './measure-simultaneous-pairs.ts';
import { runBenchScript } from './run-bench-script.ts';
import { startMockUpstream } from './start-mock-upstream.ts';

const defaultPairs = 'pt/gw-t,pt/gw,q/gw,q-t/gw-t';

async function measure(registry: ChildProcessRegistry, directory: string): Promise<string> {
  const [modeArgument = 'stream', roundsArgument = '5', secondsArgument = '3', concurrencyArgument = '64', pairsArgument = defaultPairs, setsArgument = '1'] =
    process.argv.slice(2);
  const sets = Number(setsArgument);
  if (!Number.isInteger(sets) || sets < 1) throw new Error(`SETS must be a whole number ≥ 1, got "${setsArgument}"`);
  const stream = modeArgument !== 'non-stream';
  const rounds = Number(roundsArgument);
  const seconds = Number(secondsArgument);
  const concurrency = Number(concurrencyArgument);
  const pairs = pairsArgument.split(',').map((pair) => {
    const [a, b, ...rest] = pair.split('/');
    if (a === undefined || b === undefined || rest.length > 0) throw new Error(`a pair is A/B, got "${pair}"`);
    return [a, b] as const;
  });
  const wrkPath = ensureWrk();
  const pinning = detectCorePinning();
  if (pinning === undefined) throw new Error('needs two cores or more and taskset: the proxies share one core, the mock and wrk another');
  pinCurrentProcess(pinning.loadCore);
  const mockOrigin = await startMockUpstream(registry, directory, pinning.loadCore);
  const results = await measureSimultaneousPairs({
    registry,
    pinning,
    wrkPath,
    upstreamApiBase: `${mockOrigin}/v1`,
    directory,
    apiKey: benchApiKey,
    stream,
    rounds,
    seconds,
    concurrency,
    pairs,
    baselineDirectory: process.env['BASELINE_DIR'],
    sets,
  });
  const heading = `${stream ? 'stream' : 'non-stream'}, c=${concurrency} each, ${sets} set(s) of processes × ${rounds} rounds × ${seconds} s, A and B at the same time on one core; medians`;
  return [heading, '', ...formatSimultaneousPairs(results), ''].join('\n');
}

runBenchScript('compare-simultaneous', measure);
