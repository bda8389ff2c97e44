import assert from 'node:assert/strict';
import type { RecordedRequest } from '../helpers/fake-upstream.ts';
import { isRecord, readContentText, readRecords } from './script-agent-reply.ts';

export type UpstreamProtocol = 'anthropic-messages' | 'openai-chat' | 'openai-responses';

export interface ExpectedToolCall {
  readonly name: string;
  readonly input: Record<string, unknown>;
  /** Text the tool result must contain. */
  readonly outputIncludes: string;
}

interface ToolCallSeen {
  readonly id: unknown;
  readonly name: unknown;
  /** The arguments parsed, or the raw string when they are not JSON. */
  readonly input: unknown;
}

interface ToolResultSeen {
  readonly id: unknown;
  readonly text: string;
}

/**
 * The request that carries the tool result holds, in the upstream's own protocol, the tool call the
 * scripted upstream issued (its id, name and input unchanged) followed by a result that answers that id and
 * contains the command's output. Ids matter: an Anthropic upstream rejects a tool_result whose tool_use_id
 * matches no tool_use, and Chat/Responses upstreams pair calls and outputs by id.
 */
export function assertToolHistory(protocol: UpstreamProtocol, request: RecordedRequest, expected: ExpectedToolCall, evidence: () => string): void {
  const calls = findToolCalls(protocol, request);
  const call = calls.find((candidate) => candidate.name === expected.name);
  assert.ok(call !== undefined, `the ${expected.name} call is in the history (calls: ${JSON.stringify(calls)})\n${evidence()}`);
  assert.match(String(call.id), issuedIdPattern[protocol], `the call keeps the id the upstream issued\n${evidence()}`);
  assert.deepEqual(call.input, expected.input, `the call keeps its input\n${evidence()}`);
  const results = findToolResults(protocol, request);
  const result = results.find((candidate) => candidate.id === call.id);
  assert.ok(result !== undefined, `a tool result answers ${String(call.id)} (results: ${JSON.stringify(results)})\n${evidence()}`);
  assert.ok(result.text.includes(expected.outputIncludes), `the tool result holds ${JSON.stringify(expected.outputIncludes)}\n${evidence()}`);
}

/** The ids the scripted upstreams give their tool calls. */
const issuedIdPattern = {
  'anthropic-messages': /^toolu_scripted_\d+$/,
  'openai-chat': /^call_scripted_\d+$/,
  'openai-responses': /^call_scripted_\d+$/,
} satisfies Record<UpstreamProtocol, RegExp>;

function findToolCalls(protocol: UpstreamProtocol, request: RecordedRequest): ToolCallSeen[] {
  switch (protocol) {
    case 'anthropic-messages':
      return readRecords(request.json?.['messages'])
        .filter((message) => message['role'] === 'assistant')
        .flatMap((message) => readRecords(message['content']))
        .filter((block) => block['type'] === 'tool_use')
        .map((block) => ({ id: block['id'], name: block['name'], input: block['input'] }));
    case 'openai-chat':
      return readRecords(request.json?.['messages'])
        .filter((message) => message['role'] === 'assistant')
        .flatMap((message) => readRecords(message['tool_calls']))
        .map((call) => {
          const declared = isRecord(call['function']) ? call['function'] : {};
          return { id: call['id'], name: declared['name'], input: parseArguments(declared['arguments']) };
        });
    case 'openai-responses':
      // A custom tool's raw `input` text is compared as `{ input }`, the shape a translating gateway offers upstream.
      return readRecords(request.json?.['input'])
        .filter((item) => item['type'] === 'function_call' || item['type'] === 'custom_tool_call')
        .map((item) => ({
          id: item['call_id'],
          name: item['name'],
          input: item['type'] === 'custom_tool_call' ? { input: item['input'] } : parseArguments(item['arguments']),
        }));
  }
}

function findToolResults(protocol: UpstreamProtocol, request: RecordedRequest): ToolResultSeen[] {
  switch (protocol) {
    case 'anthropic-messages':
      return readRecords(request.json?.['messages'])
        .filter((message) => message['role'] === 'user')
        .flatMap((message) => readRecords(message['content']))
        .filter((block) => block['type'] === 'tool_result')
        .map((block) => ({ id: block['tool_use_id'], text: readContentText(block['content']) }));
    case 'openai-chat':
      return readRecords(request.json?.['messages'])
        .filter((message) => message['role'] === 'tool')
        .map((message) => ({ id: message['tool_call_id'], text: readContentText(message['content']) }));
    case 'openai-responses':
      return readRecords(request.json?.['input'])
        .filter((item) => item['type'] === 'function_call_output' || item['type'] === 'custom_tool_call_output')
        .map((item) => ({ id: item['call_id'], text: readContentText(item['output']) }));
  }
}

function parseArguments(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}
