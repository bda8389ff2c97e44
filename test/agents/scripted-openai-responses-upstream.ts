import type { ServerResponse } from 'node:http';
import type { RecordedRequest, UpstreamBehaviour } from '../helpers/fake-upstream.ts';
import { type AgentTurnView, readContentText, readRecords, type ScriptedReply, scriptAgentReply, splitIntoPieces } from './script-agent-reply.ts';

/**
 * An OpenAI Responses upstream driven by `scriptAgentReply`, for running Codex CLI without the gateway (the
 * baseline that tells a harness problem from a gateway one). `POST /v1/responses` streams
 * `response.created … response.completed` with `event:` lines and `sequence_number`, or answers one response.
 * @see https://platform.openai.com/docs/api-reference/responses-streaming
 */
export const answerAsOpenAiResponses: UpstreamBehaviour = (request, response, index) => {
  const path = request.path.split('?')[0] ?? '';
  if (request.method !== 'POST' || path !== '/v1/responses' || request.json === undefined) {
    writeJson(response, 404, {
      error: { message: `scripted upstream: no ${request.method} ${request.path}`, type: 'invalid_request_error', param: null, code: null },
    });
    return;
  }
  const model = typeof request.json['model'] === 'string' ? request.json['model'] : 'scripted-model';
  const reply = scriptAgentReply(viewOpenAiResponsesTurn(request));
  const responseId = `resp_scripted_${index}`;
  const customTools = readRecords(request.json['tools']).flatMap((tool) =>
    tool['type'] === 'custom' && typeof tool['name'] === 'string' ? [tool['name']] : [],
  );
  const item = buildOutputItem(reply, index, customTools);
  const completed = { ...responseEnvelope(responseId, model), status: 'completed', output: [item], usage };
  if (request.json['stream'] === true) writeEventStream(response, reply, item, responseId, model);
  else writeJson(response, 200, completed);
};

/** The last user message's text, and the `function_call_output` / `custom_tool_call_output` items after it. */
export function viewOpenAiResponsesTurn(request: RecordedRequest): AgentTurnView {
  const input = request.json?.['input'];
  const items = typeof input === 'string' ? [{ type: 'message', role: 'user', content: input }] : readRecords(input);
  let lastUserIndex = -1;
  items.forEach((item, position) => {
    if (item['role'] === 'user' && (item['type'] === undefined || item['type'] === 'message')) lastUserIndex = position;
  });
  const outputs = items.slice(lastUserIndex + 1).filter((item) => item['type'] === 'function_call_output' || item['type'] === 'custom_tool_call_output');
  const lastOutput = outputs.at(-1);
  return {
    lastUserText: readContentText(items[lastUserIndex]?.['content']),
    toolOutput: lastOutput === undefined ? undefined : readContentText(lastOutput['output']),
    toolNames: readRecords(request.json?.['tools']).flatMap((tool) =>
      (tool['type'] === 'function' || tool['type'] === 'custom') && typeof tool['name'] === 'string' ? [tool['name']] : [],
    ),
  };
}

const usage = {
  input_tokens: 42,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 7,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 49,
};

function responseEnvelope(responseId: string, model: string): Record<string, unknown> {
  return { id: responseId, object: 'response', created_at: 1_700_000_000, model, status: 'in_progress', output: [] };
}

/** A call to a `custom` (freeform) tool is a `custom_tool_call` whose `input` is the raw text, not JSON arguments. */
function buildOutputItem(reply: ScriptedReply, index: number, customTools: readonly string[]): Record<string, unknown> {
  if (reply.type === 'text') {
    return {
      type: 'message',
      id: `msg_scripted_${index}`,
      status: 'completed',
      role: 'assistant',
      content: [{ type: 'output_text', text: reply.text, annotations: [] }],
    };
  }
  if (customTools.includes(reply.toolName)) {
    const input = reply.input['input'];
    return {
      type: 'custom_tool_call',
      id: `ctc_scripted_${index}`,
      call_id: `call_scripted_${index}`,
      name: reply.toolName,
      input: String(input),
      status: 'completed',
    };
  }
  return {
    type: 'function_call',
    id: `fc_scripted_${index}`,
    call_id: `call_scripted_${index}`,
    name: reply.toolName,
    arguments: JSON.stringify(reply.input),
    status: 'completed',
  };
}

function writeEventStream(response: ServerResponse, reply: ScriptedReply, item: Record<string, unknown>, responseId: string, model: string): void {
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  let sequenceNumber = 0;
  const send = (type: string, data: Record<string, unknown>): void => {
    response.write(`event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequenceNumber, ...data })}\n\n`);
    sequenceNumber += 1;
  };
  const itemId = item['id'];
  send('response.created', { response: responseEnvelope(responseId, model) });
  send('response.in_progress', { response: responseEnvelope(responseId, model) });
  if (reply.type === 'text') {
    send('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', content: [] } });
    const part = { type: 'output_text', text: '', annotations: [] };
    send('response.content_part.added', { item_id: itemId, output_index: 0, content_index: 0, part });
    for (const piece of splitIntoPieces(reply.text, 3))
      send('response.output_text.delta', { item_id: itemId, output_index: 0, content_index: 0, delta: piece });
    send('response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text: reply.text });
    send('response.content_part.done', { item_id: itemId, output_index: 0, content_index: 0, part: { ...part, text: reply.text } });
  } else if (item['type'] === 'custom_tool_call') {
    const input = String(item['input']);
    send('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', input: '' } });
    for (const piece of splitIntoPieces(input, 3)) send('response.custom_tool_call_input.delta', { item_id: itemId, output_index: 0, delta: piece });
    send('response.custom_tool_call_input.done', { item_id: itemId, output_index: 0, input });
  } else {
    send('response.output_item.added', { output_index: 0, item: { ...item, status: 'in_progress', arguments: '' } });
    const argumentsText = JSON.stringify(reply.input);
    for (const piece of splitIntoPieces(argumentsText, 3)) send('response.function_call_arguments.delta', { item_id: itemId, output_index: 0, delta: piece });
    send('response.function_call_arguments.done', { item_id: itemId, output_index: 0, arguments: argumentsText });
  }
  send('response.output_item.done', { output_index: 0, item });
  send('response.completed', { response: { ...responseEnvelope(responseId, model), status: 'completed', output: [item], usage } });
  response.end();
}

function writeJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}
