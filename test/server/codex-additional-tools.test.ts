import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { answerJson, startFakeUpstream } from '../helpers/fake-upstream.ts';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

/** What Codex 0.171 sends for its default model: no `tools`, one `additional_tools` input item (trimmed descriptions). */
const codexRequest = JSON.parse(readFileSync(new URL('../fixtures/codex-additional-tools.request.json', import.meta.url), 'utf8')) as Record<string, unknown>;

test("Codex's additional_tools item reaches another protocol's provider as tools, and a call comes back as Codex's own item", async (t) => {
  const script = "const out = await tools.exec_command({ cmd: 'echo hi' });\ntext(out);";
  const upstream = await startFakeUpstream(
    answerJson(200, {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 1,
      model: 'gpt-up',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'functions__exec', arguments: JSON.stringify({ input: script }) } }],
          },
          finish_reason: 'tool_calls',
        },
      ],
      usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
    }),
  );
  t.after(() => upstream.close());
  const gateway = await startTestGateway({ providers: [{ name: 'gpt', type: 'openai', api_base: `${upstream.url}/v1` }] });
  t.after(() => gateway.shutdown());

  const response = await fetch(`${gateway.url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...codexRequest, stream: false }),
  });
  const text = await response.text();

  assert.equal(response.status, 200, text);
  const sentTools = (upstream.requests[0]?.json?.['tools'] ?? []) as { function: { name: string; parameters: { properties?: Record<string, unknown> } } }[];
  const names = sentTools.map((tool) => tool.function.name);
  for (const name of ['functions__exec', 'functions__wait', 'clock__sleep', 'collaboration__spawn_agent']) assert.ok(names.includes(name), names.join());
  assert.deepEqual(Object.keys(sentTools.find((tool) => tool.function.name === 'functions__exec')?.function.parameters.properties ?? {}), ['input']);
  assert.ok(!(response.headers.get('x-llm-proxy-warnings') ?? '').includes('additional_tools'), 'the item is consumed, not dropped');
  const output = (JSON.parse(text) as { output: Record<string, unknown>[] }).output;
  assert.deepEqual(
    output.map((item) => [item['type'], item['namespace'], item['name'], item['input'], item['call_id']]),
    [['custom_tool_call', 'functions', 'exec', script, 'call_1']],
  );
});
