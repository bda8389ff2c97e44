import type { ServerResponse } from 'node:http';
import type { RecordedRequest, UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { type AgentTurnView, readContentText, readRecords, type ScriptedReply, scriptAgentReply, splitIntoPieces } from './script-agent-reply.ts';

/**
 * An Anthropic Messages upstream driven by `scriptAgentReply`: `POST /v1/messages` (the query string, such as
 * Claude Code's `?beta=true`, is ignored) streams `message_start … message_stop` with `event:` lines, or
 * answers one JSON message; `POST /v1/messages/count_tokens` gives a rough count; `HEAD /` answers 200.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/streaming
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
  const model = typeof request.json['model'] === 'string' ? request.json['model'] : 'scripted-model';
  const reply = scriptAgentReply(viewAnthropicTurn(request));
  const messageId = `msg_scripted_${index}`;
  const toolUseId = `toolu_scripted_${index}`;
  if (request.json['stream'] === true) writeMessageStream(response, reply, { model, messageId, toolUseId });
  else writeJson(response, 200, buildMessage(reply, { model, messageId, toolUseId }));
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

interface MessageIds {
  readonly model: string;
  readonly messageId: string;
  readonly toolUseId: string;
}

const usage = { input_tokens: 42, output_tokens: 7 };

function buildMessage(reply: ScriptedReply, ids: MessageIds): Record<string, unknown> {
  const content =
    reply.type === 'text' ? [{ type: 'text', text: reply.text }] : [{ type: 'tool_use', id: ids.toolUseId, name: reply.toolName, input: reply.input }];
  return {
    id: ids.messageId,
    type: 'message',
    role: 'assistant',
    model: ids.model,
    content,
    stop_reason: reply.type === 'text' ? 'end_turn' : 'tool_use',
    stop_sequence: null,
    usage,
  };
}

function writeMessageStream(response: ServerResponse, reply: ScriptedReply, ids: MessageIds): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (event: string, data: Record<string, unknown>): void => {
    response.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
  send('message_start', {
    message: {
      id: ids.messageId,
      type: 'message',
      role: 'assistant',
      model: ids.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  send('ping', {});
  if (reply.type === 'text') {
    send('content_block_start', { index: 0, content_block: { type: 'text', text: '' } });
    for (const piece of splitIntoPieces(reply.text, 3)) send('content_block_delta', { index: 0, delta: { type: 'text_delta', text: piece } });
  } else {
    send('content_block_start', { index: 0, content_block: { type: 'tool_use', id: ids.toolUseId, name: reply.toolName, input: {} } });
    for (const piece of splitIntoPieces(JSON.stringify(reply.input), 3))
      send('content_block_delta', { index: 0, delta: { type: 'input_json_delta', partial_json: piece } });
  }
  send('content_block_stop', { index: 0 });
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
