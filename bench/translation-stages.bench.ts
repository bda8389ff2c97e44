/**
 * Micro-benchmark of the translated path, stage by stage, in one process and without I/O:
 *   node --import tsx bench/translation-stages.bench.ts [ITERATIONS]
 * Feeds the mock upstream's exact stream (bench/mock-answer.ts, with the usage chunk the gateway asks for)
 * through src/translation/create-translating-stream-sink.ts with the OpenAI Chat stream decoder and the
 * Anthropic Messages stream encoder (with and without the delta shortcut, and recorded tool-call streams
 * of each provider protocol), then each stage alone (SSE decoding, JSON.parse, the chunk schema,
 * the decoder, the encoder), the request conversion (Messages -> canonical -> Chat) and the non-stream
 * answer conversion, beside the fast path's request rewrite. Prints CPU µs per stream or per request (the
 * median of 5 rounds). The gateway under load spends 2-3 × these figures (docs/performance.md); compare
 * them with each other, not with CPU µs/req.
 */
import { readFileSync } from 'node:fs';
import type { StreamPart } from '../src/canonical/stream-part.ts';
import { anthropicMessagesAdapter } from '../src/providers/anthropic-messages/anthropic-messages-adapter.ts';
import { openaiChatAdapter } from '../src/providers/openai-chat/openai-chat-adapter.ts';
import { openaiChatChunkSchema } from '../src/providers/openai-chat/openai-chat-chunk-schema.ts';
import { openaiResponsesAdapter } from '../src/providers/openai-responses/openai-responses-adapter.ts';
import { TranslatedStreamUsage } from '../src/proxy/translated-stream-usage.ts';
import { createSseDecoder } from '../src/streaming/create-sse-decoder.ts';
import { createTranslatingStreamSink } from '../src/translation/create-translating-stream-sink.ts';
import type { AnswerContext, ProtocolAdapter } from '../src/translation/protocol-adapter.ts';
import type { StreamDecoder } from '../src/translation/stream-codec.ts';
import type { RelaySink } from '../src/upstream/relay-upstream-response.ts';
import { buildAnthropicRequestBody } from './build-anthropic-request-body.ts';
import { buildChatRequestBody } from './build-chat-request-body.ts';
import { buildMockStreamChunks, mockCompletionBody } from './mock-answer.ts';

const iterations = Number(process.argv[2] ?? '20000');
const rounds = 5;
const upstreamChunks = buildMockStreamChunks(true);
const upstreamStream = Buffer.concat(upstreamChunks);
const answerContext: AnswerContext = { requestId: '0b7c1f3e-5d2a-4c8e-9f61-3a2b1c0d9e8f', model: 'gpt-4o-mini', nowSeconds: 1_767_225_600 };
const anthropicRequestText = buildAnthropicRequestBody(true);
const chatRequestText = buildChatRequestBody(true);
/** The answer writer of one translated request; each stream gets its own encoder from it, as in the gateway. */
const { writer } = anthropicMessagesAdapter.translateRequest(JSON.parse(anthropicRequestText) as Record<string, unknown>, answerContext);

/** The client response as the sink sees it: takes the bytes and counts them. */
function createCountingTarget(): RelaySink & { bytes: number } {
  return {
    bytes: 0,
    write(chunk) {
      this.bytes += chunk.length;
      return true;
    },
    end(chunk) {
      this.bytes += chunk?.length ?? 0;
    },
    once() {
      return undefined;
    },
    writableEnded: false,
    destroyed: false,
  };
}

/** A recorded stream of ../shared/fixtures, as bytes. */
function fixtureStream(path: string): Buffer {
  return readFileSync(new URL(`../../shared/fixtures/${path}`, import.meta.url));
}

const chatToolCallStream = fixtureStream('openai-chat/stream-tool-calls.sse');
const messagesToolUseStream = fixtureStream('anthropic-messages/stream-tool-use.sse');
const responsesFunctionCallStream = fixtureStream('responses/stream-function-call.sse');
/** The answer writer of a translated Chat request (an Anthropic provider's stream to a Chat client). */
const chatWriter = openaiChatAdapter.translateRequest(JSON.parse(chatRequestText) as Record<string, unknown>, answerContext).writer;

/** The provider's decoder without its delta shortcut (stream-codec.ts): every event takes the canonical path. */
function withoutShortcut(decoder: StreamDecoder): StreamDecoder {
  return { push: (event) => decoder.push(event), end: () => decoder.end() };
}

/**
 * Upstream bytes through the translating sink as the gateway sets it up (with its usage observer),
 * `shortcut` false hiding the decoder's delta shortcut.
 */
function translateStream(chunks: readonly Buffer[], shortcut = true, provider: ProtocolAdapter = openaiChatAdapter, client = writer): number {
  const target = createCountingTarget();
  const decoder = provider.createStreamDecoder();
  const sink = createTranslatingStreamSink(target, shortcut ? decoder : withoutShortcut(decoder), client.createStreamEncoder(), new TranslatedStreamUsage());
  for (const chunk of chunks) sink.write(chunk);
  sink.end();
  return target.bytes;
}

function decodeEvents(): number {
  const decoder = createSseDecoder();
  return decoder.push(upstreamStream).length + decoder.end().length;
}

function decodeAndParse(withSchema: boolean): number {
  const decoder = createSseDecoder();
  let count = 0;
  for (const event of decoder.push(upstreamStream)) {
    if (event.data === '[DONE]') continue;
    const value: unknown = JSON.parse(event.data);
    count += withSchema ? (openaiChatChunkSchema.safeParse(value).success ? 1 : 0) : 1;
  }
  return count;
}

function decodeParts(): StreamPart[] {
  const sseDecoder = createSseDecoder();
  const decoder = openaiChatAdapter.createStreamDecoder();
  const parts: StreamPart[] = [];
  for (const event of sseDecoder.push(upstreamStream)) parts.push(...decoder.push(event));
  parts.push(...decoder.end());
  return parts;
}

const decodedParts = decodeParts();

function encodeParts(): number {
  const encoder = writer.createStreamEncoder();
  let text = '';
  for (const part of decodedParts) text += encoder.encode(part);
  return (text + encoder.end()).length;
}

function translateRequestOnly(): number {
  const routable = anthropicMessagesAdapter.readRoutableRequest(JSON.parse(anthropicRequestText));
  const ingress = anthropicMessagesAdapter.translateRequest(routable.body, answerContext);
  const upstream = openaiChatAdapter.buildUpstreamRequest({ ...ingress.request.value, model: 'gpt-4o-mini' });
  return JSON.stringify(upstream.value).length;
}

function rewriteFastPathRequest(): number {
  const routable = openaiChatAdapter.readRoutableRequest(JSON.parse(chatRequestText));
  openaiChatAdapter.rewriteSameProtocol(routable.body, 'gpt-4o-mini', undefined);
  return JSON.stringify(routable.body).length;
}

function translateAnswer(): number {
  const canonical = openaiChatAdapter.readUpstreamResponse(JSON.parse(mockCompletionBody.toString()), answerContext.nowSeconds);
  return JSON.stringify(writer.encodeResponse(canonical.value).value).length;
}

/**
 * CPU µs per call (user + system of this process, so that time spent preempted on a shared machine does not
 * count; GC included): the median of `rounds` rounds of `iterations` calls, after one unmeasured round.
 */
function measure(run: () => number): number {
  let sink = 0;
  for (let index = 0; index < iterations; index += 1) sink += run();
  const perCall: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    const before = process.cpuUsage();
    for (let index = 0; index < iterations; index += 1) sink += run();
    const used = process.cpuUsage(before);
    perCall.push((used.user + used.system) / iterations);
  }
  if (sink === 0) throw new Error('nothing was produced');
  perCall.sort((left, right) => left - right);
  return perCall[Math.floor(rounds / 2)] ?? Number.NaN;
}

const stages: readonly [string, () => number][] = [
  ['stream: whole translating sink, upstream bytes in one write (as the relay hands over one socket read)', () => translateStream([upstreamStream])],
  [`stream: whole translating sink, ${upstreamChunks.length} writes (one per upstream chunk, as the mock sends them)`, () => translateStream(upstreamChunks)],
  ['stream: the same, one write, without the delta shortcut (every event a canonical part)', () => translateStream([upstreamStream], false)],
  ['stream: Chat stream-tool-calls.sse (2 calls, 20 argument fragments) -> Messages client', () => translateStream([chatToolCallStream])],
  ['stream: the same without the delta shortcut', () => translateStream([chatToolCallStream], false)],
  [
    'stream: Anthropic stream-tool-use.sse (text and tool input deltas) -> Chat client',
    () => translateStream([messagesToolUseStream], true, anthropicMessagesAdapter, chatWriter),
  ],
  ['stream: the same without the delta shortcut', () => translateStream([messagesToolUseStream], false, anthropicMessagesAdapter, chatWriter)],
  [
    'stream: Responses stream-function-call.sse (arguments deltas) -> Messages client',
    () => translateStream([responsesFunctionCallStream], true, openaiResponsesAdapter),
  ],
  ['stream: the same without the delta shortcut', () => translateStream([responsesFunctionCallStream], false, openaiResponsesAdapter)],
  ['stream stage: SSE decoding only (bytes -> events)', decodeEvents],
  ['stream stage: SSE decoding + JSON.parse of each event', () => decodeAndParse(false)],
  ['stream stage: SSE decoding + JSON.parse + chunk schema (zod safeParse)', () => decodeAndParse(true)],
  ['stream stage: SSE decoding + Chat stream decoder (-> canonical parts)', () => decodeParts().length],
  ['stream stage: Messages stream encoder only (canonical parts -> SSE text)', encodeParts],
  ['request: Messages -> canonical -> Chat, parse and stringify included', translateRequestOnly],
  ['request, fast path for comparison: Chat body checked, model rewritten, parse and stringify', rewriteFastPathRequest],
  ['non-stream answer: Chat completion -> canonical -> Messages, parse and stringify included', translateAnswer],
];

process.stdout.write(`${iterations} iterations × ${rounds} rounds, Node ${process.version}\n\n| stage | µs |\n|---|---:|\n`);
for (const [name, run] of stages) process.stdout.write(`| ${name} | ${measure(run).toFixed(2)} |\n`);
