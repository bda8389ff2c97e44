import type { ServerResponse } from 'node:http';
import type { RecordedRequest, UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { type AgentTurnView, isRecord, readContentText, readRecords, type ScriptedReply, scriptAgentReply, splitIntoPieces } from './script-agent-reply.ts';

/**
 * An Anthropic Messages upstream driven by `scriptAgentReply`: `POST /v1/messages` (the query string, such as
 * Claude Code's `?beta=true`, is ignored) streams `message_start … message_stop` with `event:` lines, or
 * answers one JSON message; `POST /v1/messages/count_tokens` gives a rough count; `HEAD /` answers 200.
 *
 * Like the real API, when the request enables `thinking` the answer starts with a signed thinking block, and
 * a tool-result turn is refused with 400 unless the assistant message holding the tool_use starts with a
 * thinking block whose signature this upstream issued (so a client or gateway that loses or alters
 * thinking blocks on the way back fails here as it would against Anthropic).
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
 * @see https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#preserving-thinking-blocks
 */
export const answerAsAnthropicMessages: UpstreamBehaviour = (request, response, index) => {
  const path = request.path.split('?')[0] ?? '';
  if (request.method === 'HEAD' || (request.method === 'GET' && path === '/')) {
    response.writeHead(200).end();
    return;
  }
  if (request.method === 'POST' && path === '/v1/messages/count_tokens') {
    writeJson(response, 200, { input_tokens: Math.ceil(request.body.length / 4) });
    return;
  }
  if (request.method !== 'POST' || path !== '/v1/messages' || request.json === undefined) {
    writeJson(response, 404, { type: 'error', error: { type: 'not_found_error', message: `scripted upstream: no ${request.method} ${request.path}` } });
    return;
  }
  const thinking = readThinking(request.json['thinking']);
  const thinkingProblem = thinking === undefined ? undefined : findThinkingContinuityProblem(request);
  if (thinkingProblem !== undefined) {
    writeJson(response, 400, { type: 'error', error: { type: 'invalid_request_error', message: thinkingProblem } });
    return;
  }
  const model = typeof request.json['model'] === 'string' ? request.json['model'] : 'scripted-model';
  const answer: ScriptedAnswer = {
    reply: scriptAgentReply(viewAnthropicTurn(request)),
    model,
    messageId: `msg_scripted_${index}`,
    toolUseId: `toolu_scripted_${index}`,
    thinking: thinking === undefined ? undefined : { text: thinking.omitted ? '' : 'Following the script.', signature: `${signaturePrefix}${index}` },
  };
  if (request.json['stream'] === true) writeMessageStream(response, answer);
  else writeJson(response, 200, buildMessage(answer));
};

/** The last user message's text and the tool_result blocks in it (Anthropic puts tool results in a user turn). */
export function viewAnthropicTurn(request: RecordedRequest): AgentTurnView {
  const messages = readRecords(request.json?.['messages']);
  const lastUser = [...messages].reverse().find((message) => message['role'] === 'user');
  const blocks = readRecords(lastUser?.['content']);
  const toolResults = blocks.filter((block) => block['type'] === 'tool_result');
  const lastToolResult = toolResults.at(-1);
  return {
    lastUserText: readContentText(lastUser?.['content']),
    toolOutput: lastToolResult === undefined ? undefined : readContentText(lastToolResult['content']),
    toolNames: readRecords(request.json?.['tools']).flatMap((tool) => (typeof tool['name'] === 'string' ? [tool['name']] : [])),
  };
}

const signaturePrefix = 'scripted-signature-';

/** `thinking` as Claude Code (`adaptive`, `display: "omitted"`) or a translating gateway (`enabled`) sends it; undefined when off. */
function readThinking(value: unknown): { omitted: boolean } | undefined {
  if (!isRecord(value) || (value['type'] !== 'enabled' && value['type'] !== 'adaptive')) return undefined;
  return { omitted: value['display'] === 'omitted' };
}

/**
 * With thinking on, the assistant message that holds the tool_use answered by the last user turn must start
 * with a thinking (or redacted_thinking) block carrying a signature this upstream issued. Worded like the
 * real API's 400.
 */
function findThinkingContinuityProblem(request: RecordedRequest): string | undefined {
  const messages = readRecords(request.json?.['messages']);
  const lastAssistantIndex = messages.map((message) => message['role']).lastIndexOf('assistant');
  const lastAssistant = messages[lastAssistantIndex];
  if (lastAssistant === undefined) return undefined;
  const blocks = readRecords(lastAssistant['content']);
  if (!blocks.some((block) => block['type'] === 'tool_use')) return undefined;
  const first = blocks[0];
  if (first?.['type'] === 'redacted_thinking') return undefined;
  if (first?.['type'] !== 'thinking') {
    return `messages.${lastAssistantIndex}.content.0.type: Expected \`thinking\` or \`redacted_thinking\`, but found \`${String(first?.['type'])}\`. When \`thinking\` is enabled, a final \`assistant\` message must start with a thinking block (preceeding the lastmost set of \`tool_use\` and \`tool_result\` blocks).`;
  }
  const signature = first['signature'];
  if (typeof signature !== 'string' || !signature.startsWith(signaturePrefix)) {
    return `messages.${lastAssistantIndex}.content.0: Invalid \`signature\` in \`thinking\` block`;
  }
  return undefined;
}

interface ScriptedAnswer {
  readonly reply: ScriptedReply;
  readonly model: string;
  readonly messageId: string;
  readonly toolUseId: string;
  readonly thinking: { readonly text: string; readonly signature: string } | undefined;
}

const usage = { input_tokens: 42, output_tokens: 7 };

function buildMessage(answer: ScriptedAnswer): Record<string, unknown> {
  const { reply } = answer;
  const thinkingBlocks = answer.thinking === undefined ? [] : [{ type: 'thinking', thinking: answer.thinking.text, signature: answer.thinking.signature }];
  const replyBlock =
    reply.type === 'text' ? { type: 'text', text: reply.text } : { type: 'tool_use', id: answer.toolUseId, name: reply.toolName, input: reply.input };
  return {
    id: answer.messageId,
    type: 'message',
    role: 'assistant',
    model: answer.model,
    content: [...thinkingBlocks, replyBlock],
    stop_reason: reply.type === 'text' ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage,
  };
}

function writeMessageStream(response: ServerResponse, answer: ScriptedAnswer): void {
  const { reply } = answer;
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: Record<string, unknown>): void => {
    response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
  send('message_start', {
    message: {
      id: answer.messageId,
      type: 'message',
      role: 'assistant',
      model: answer.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  send('ping', {});
  let index = 0;
  if (answer.thinking !== undefined) {
    send('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } });
    if (answer.thinking.text !== '') send('content_block_delta', { index, delta: { type: 'thinking_delta', thinking: answer.thinking.text } });
    send('content_block_delta', { index, delta: { type: 'signature_delta', signature: answer.thinking.signature } });
    send('content_block_stop', { index });
    index += 1;
  }
  if (reply.type === 'text') {
    send('content_block_start', { index, content_block: { type: 'text', text: '' } });
    for (const piece of splitIntoPieces(reply.text, 3)) send('content_block_delta', { index, delta: { type: 'text_delta', text: piece } });
  } else {
    send('content_block_start', { index, content_block: { type: 'tool_use', id: answer.toolUseId, name: reply.toolName, input: {} } });
    for (const piece of splitIntoPieces(JSON.stringify(reply.input), 3)) {
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: piece } });
    }
  }
  send('content_block_stop', { index });
  send('message_delta', {
    delta: { stop_reason: reply.type === 'text' ? 'end_turn' : 'tool_use', stop_sequence: null },
    usage: { output_tokens: usage.output_tokens },
  });
  send('message_stop', {});
  response.end();
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
