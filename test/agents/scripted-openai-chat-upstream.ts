import type { ServerResponse } from 'node:http';
import type { RecordedRequest, UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { type AgentTurnView, isRecord, readContentText, readRecords, type ScriptedReply, scriptAgentReply, splitIntoPieces } from './script-agent-reply.ts';

/**
 * An OpenAI Chat Completions upstream driven by `scriptAgentReply`: `POST /v1/chat/completions` streams
 * `chat.completion.chunk` data lines ending in `data: [DONE]` (with a usage chunk when
 * `stream_options.include_usage` is set), or answers one `chat.completion`.
 * @see https://platform.openai.com/docs/api-reference/chat-streaming
 */
export const answerAsOpenAiChat: UpstreamBehaviour = (request, response, index) => {
  const path = request.path.split('?')[0] ?? '';
  if (request.method !== 'POST' || path !== '/v1/chat/completions' || request.json === undefined) {
    writeJson(response, 404, {
      error: { message: `scripted upstream: no ${request.method} ${request.path}`, type: 'invalid_request_error', param: null, code: null },
    });
    return;
  }
  const model = typeof request.json['model'] === 'string' ? request.json['model'] : 'scripted-model';
  const reply = scriptAgentReply(viewOpenAiChatTurn(request));
  const ids = { model, completionId: `chatcmpl-scripted-${index}`, toolCallId: `call_scripted_${index}` };
  const streamOptions = request.json['stream_options'];
  const includeUsage = isRecord(streamOptions) && streamOptions['include_usage'] === true;
  if (request.json['stream'] === true) writeChunkStream(response, reply, ids, includeUsage);
  else writeJson(response, 200, buildCompletion(reply, ids));
};

/** The last user message's text, and the `tool` messages after it (Chat Completions puts tool results in their own role). */
export function viewOpenAiChatTurn(request: RecordedRequest): AgentTurnView {
  const messages = readRecords(request.json?.['messages']);
  let lastUserIndex = -1;
  messages.forEach((message, position) => {
    if (message['role'] === 'user') lastUserIndex = position;
  });
  const toolMessages = messages.slice(lastUserIndex + 1).filter((message) => message['role'] === 'tool');
  const lastToolMessage = toolMessages.at(-1);
  return {
    lastUserText: readContentText(messages[lastUserIndex]?.['content']),
    toolOutput: lastToolMessage === undefined ? undefined : readContentText(lastToolMessage['content']),
    toolNames: readRecords(request.json?.['tools']).flatMap((tool) => {
      const declared = tool['function'];
      return isRecord(declared) && typeof declared['name'] === 'string' ? [declared['name']] : [];
    }),
  };
}

interface CompletionIds {
  readonly model: string;
  readonly completionId: string;
  readonly toolCallId: string;
}

const usage = { prompt_tokens: 42, completion_tokens: 7, total_tokens: 49 };
const created = 1_700_000_000;

function buildCompletion(reply: ScriptedReply, ids: CompletionIds): Record<string, unknown> {
  const message =
    reply.type === 'text'
      ? { role: 'assistant', content: reply.text }
      : {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: ids.toolCallId, type: 'function', function: { name: reply.toolName, arguments: JSON.stringify(reply.input) } }],
        };
  return {
    id: ids.completionId,
    object: 'chat.completion',
    created,
    model: ids.model,
    choices: [{ index: 0, message, finish_reason: reply.type === 'text' ? 'stop' : 'tool_calls' }],
    usage,
  };
}

function writeChunkStream(response: ServerResponse, reply: ScriptedReply, ids: CompletionIds, includeUsage: boolean): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const send = (choices: unknown[], extra: Record<string, unknown> = {}): void => {
    const chunk = { id: ids.completionId, object: 'chat.completion.chunk', created, model: ids.model, choices, ...extra };
    response.write(`data: ${JSON.stringify(chunk)}\n\n`);
  };
  const delta = (value: Record<string, unknown>, finishReason: string | null = null): unknown[] => [{ index: 0, delta: value, finish_reason: finishReason }];
  if (reply.type === 'text') {
    send(delta({ role: 'assistant', content: '' }));
    for (const piece of splitIntoPieces(reply.text, 3)) send(delta({ content: piece }));
  } else {
    send(
      delta({
        role: 'assistant',
        content: null,
        tool_calls: [{ index: 0, id: ids.toolCallId, type: 'function', function: { name: reply.toolName, arguments: '' } }],
      }),
    );
    for (const piece of splitIntoPieces(JSON.stringify(reply.input), 3)) send(delta({ tool_calls: [{ index: 0, function: { arguments: piece } }] }));
  }
  send(delta({}, reply.type === 'text' ? 'stop' : 'tool_calls'));
  if (includeUsage) send([], { usage });
  response.write('data: [DONE]\n\n');
  response.end();
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
