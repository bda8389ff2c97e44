import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import test from 'node:test';
import { gatewayConfigSchema } from '../../src/config/gateway-config-schema.ts';
import { startGateway } from '../../src/gateway/start-gateway.ts';
import { createLogger } from '../../src/observability/create-logger.ts';

/**
 * The provisioned Grafana dashboard names only metrics the gateway exports: every PromQL expression's
 * metric names (a histogram's `_bucket`/`_sum`/`_count` series read as the histogram) are checked against
 * the `# TYPE` lines of a running gateway's /metrics, process metrics on, after a request so that
 * labelled series exist.
 */

const dashboardPath = new URL('../../deploy/grafana/dashboards/llm-proxy.json', import.meta.url);

interface Panel {
  readonly title?: string;
  readonly targets?: readonly { readonly expr?: string }[];
  readonly panels?: readonly Panel[];
}

function expressions(panels: readonly Panel[]): { panel: string; expr: string }[] {
  return panels.flatMap((panel) => [
    ...(panel.targets ?? []).flatMap((target) => (target.expr === undefined ? [] : [{ panel: panel.title ?? '', expr: target.expr }])),
    ...expressions(panel.panels ?? []),
  ]);
}

/** Identifiers in an expression that are metric names: ours all start with llm_proxy_ (label values are quoted, label names are not prefixed). */
function metricNames(expr: string): string[] {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...unquoted.matchAll(/\bllm_proxy_[a-zA-Z0-9_]+/g)].map((match) => match[0]);
}

test('every PromQL expression of the dashboard names metrics the gateway exports', async (t) => {
  const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as { panels: Panel[] };
  const found = expressions(dashboard.panels);
  assert.ok(found.length >= 15, `the dashboard has its panels (${found.length} expressions)`);

  const config = gatewayConfigSchema.parse({ server: { host: '127.0.0.1', port: 0 }, providers: [{ name: 'mock', type: 'mock' }] });
  const logger = createLogger('warn', new Writable({ write: (_chunk, _encoding, callback) => callback() }));
  const gateway = await startGateway({ config, logger, version: 'test', collectProcessMetrics: true });
  t.after(() => gateway.shutdown());
  const answer = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: 'hi' }] }),
  });
  assert.equal(answer.status, 200);
  await answer.text();
  const exposition = await (await fetch(`${gateway.url}/metrics`)).text();
  const types = new Map([...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => [match[1] as string, match[2] as string]));
  assert.ok(types.size > 20, 'a real exposition was read');

  const missing: string[] = [];
  for (const { panel, expr } of found) {
    const names = metricNames(expr);
    assert.ok(names.length > 0, `panel "${panel}" queries a gateway metric: ${expr}`);
    for (const name of names) {
      const histogram = /^(.*)_(bucket|sum|count)$/.exec(name);
      const exported = types.has(name) || (histogram !== null && types.get(histogram[1] as string) === 'histogram');
      if (!exported) missing.push(`${name} (panel "${panel}")`);
    }
  }
  assert.deepEqual(missing, [], 'metrics named by the dashboard but not exported');
});

test('the check catches a name the gateway does not export', () => {
  assert.deepEqual(metricNames('sum by (model) (rate(llm_proxy_tokens_totl{token_type="llm_proxy_x"}[5m]))'), ['llm_proxy_tokens_totl']);
});
