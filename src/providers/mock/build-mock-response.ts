/**
 * The built-in `mock` provider's answers: a canned reply in OpenAI's shapes (chat, completions,
 * embeddings), streamed when asked, always with usage. Pure: the id and timestamp come in as arguments.
 */
export interface MockResponse {
  readonly status: number;
  readonly contentType: string;
  /** The body in the pieces a real upstream would send them in (one SSE event each when streaming). */
  readonly chunks: readonly string[];
}

export interface MockRequestContext {
  readonly id: string;
  readonly createdSeconds: number;
}

const replyWords = 'Hello! This is the llm-proxy mock provider. Add real providers to config.yaml to get real answers.'.split(' ');
const reply = replyWords.join(' ');

export function buildMockResponse(path: string, body: Record<string, unknown>, context: MockRequestContext): MockResponse {
  const model = typeof body['model'] === 'string' ? body['model'] : 'mock-model';
  const promptTokens = estimateTokens(JSON.stringify(body['messages'] ?? body['prompt'] ?? body['input'] ?? ''));
  const usage = { prompt_tokens: promptTokens, completion_tokens: replyWords.length, total_tokens: promptTokens + replyWords.length };
  if (path.endsWith('/embeddings')) return json(buildEmbeddings(body['input'], model, promptTokens, body['encoding_format'] === 'base64'));
  if (path.endsWith('/completions') && !path.endsWith('/chat/completions')) {
    return json({
      id: context.id,
      object: 'text_completion',
      created: context.createdSeconds,
      model,
      choices: [{ index: 0, text: reply, finish_reason: 'stop', logprobs: null }],
      usage,
    });
  }
  if (body['stream'] !== true) {
    return json({
      id: context.id,
      object: 'chat.completion',
      created: context.createdSeconds,
      model,
      choices: [{ index: 0, message: { role: 'assistant', content: reply, refusal: null }, finish_reason: 'stop', logprobs: null }],
      usage,
    });
  }
  const streamOptions = body['stream_options'];
  const includeUsage = typeof streamOptions === 'object' && streamOptions !== null && (streamOptions as Record<string, unknown>)['include_usage'] === true;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    `data: ${JSON.stringify({ id: context.id, object: 'chat.completion.chunk', created: context.createdSeconds, model, choices, ...extra })}\n\n`;
  const chunks = [
    chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]),
    ...replyWords.map((word, index) => chunk([{ index: 0, delta: { content: index === 0 ? word : ` ${word}` }, finish_reason: null }])),
    chunk([{ index: 0, delta: {}, finish_reason: 'stop' }]),
    ...(includeUsage ? [chunk([], { usage })] : []),
    'data: [DONE]\n\n',
  ];
  return { status: 200, contentType: 'text/event-stream; charset=utf-8', chunks };
}

function json(value: unknown): MockResponse {
  return { status: 200, contentType: 'application/json', chunks: [JSON.stringify(value)] };
}

/**
 * Deterministic 8-dimensional vectors derived from each input's characters; as little-endian float32
 * bytes in base64 when asked (the openai SDK asks for that by default).
 */
function buildEmbeddings(input: unknown, model: string, promptTokens: number, asBase64: boolean): unknown {
  const inputs = Array.isArray(input) ? input : [input];
  const encode = (vector: number[]) => (asBase64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector);
  return {
    object: 'list',
    model,
    data: inputs.map((item, index) => ({ object: 'embedding', index, embedding: encode(embedText(JSON.stringify(item ?? ''))) })),
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

function embedText(text: string): number[] {
  const vector = new Array<number>(8).fill(0);
  for (let index = 0; index < text.length; index += 1) {
    const slot = index % 8;
    vector[slot] = (vector[slot] ?? 0) + text.charCodeAt(index);
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => Number((value / norm).toFixed(6)));
}

/** Roughly four characters a token: the mock only needs plausible, stable numbers. */
function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}
