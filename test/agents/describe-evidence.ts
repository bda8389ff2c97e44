import type { FakeUpstream } from '../helpers/fake-upstream.ts';
import type { TestGateway } from '../helpers/start-test-gateway.ts';
import { type AgentCliRun, describeRun } from './run-agent-cli.ts';
import { isRecord } from './script-agent-reply.ts';

/**
 * Everything needed to tell where a failed case broke, for the assertion message: the CLI's output, each
 * request the upstream saw (method, path, stream flag, the roles or item types in order, the last one), and the gateway's warn/error lines
 * plus its finished-request lines.
 */
export function describeEvidence(run: AgentCliRun, upstream: FakeUpstream, gateway?: TestGateway): string {
  const requests = upstream.requests.map((request, index) => {
    const json = request.json;
    const conversation = json?.['messages'] ?? json?.['input'];
    const items = Array.isArray(conversation) ? conversation : [];
    const roles = items.map((item: unknown) => (isRecord(item) ? String(item['role'] ?? item['type']) : typeof item)).join(',');
    const last = items.at(-1);
    const lastText = last === undefined ? '' : JSON.stringify(last).slice(0, 400);
    return `#${index} ${request.method} ${request.path} stream=${String(json?.['stream'])} model=${String(json?.['model'])} items=[${roles}] last=${lastText}`;
  });
  const parts = [describeRun(run), '--- upstream requests ---', requests.join('\n') || '(none)'];
  if (gateway !== undefined) {
    const interesting = gateway.logLines.filter((line) => {
      const level = typeof line['level'] === 'number' ? line['level'] : 0;
      return level >= 40 || typeof line['status'] === 'number' || typeof line['statusCode'] === 'number';
    });
    parts.push('--- gateway log (warn+, finished requests) ---', interesting.map((line) => JSON.stringify(line).slice(0, 1200)).join('\n') || '(none)');
  }
  return parts.join('\n');
}
