import { request } from 'undici';
import type { ClientProtocol } from './bench-targets.ts';
import { buildTargetRequest } from './build-target-request.ts';
import { checkAnthropicMessagesAnswer } from './check-anthropic-messages-answer.ts';
import { checkOpenaiChatAnswer } from './check-openai-chat-answer.ts';

const answerChecks = {
  'openai-chat': checkOpenaiChatAnswer,
  'anthropic-messages': checkAnthropicMessagesAnswer,
} satisfies Record<ClientProtocol, (stream: boolean, text: string) => string | undefined>;

async function preflight(origin: string, protocol: ClientProtocol, apiKey: string, stream: boolean): Promise<void> {
  const { path, headers, body } = buildTargetRequest(protocol, stream, apiKey);
  const response = await request(`${origin}${path}`, { method: 'POST', headers, body });
  const text = await response.body.text();
  const problem = response.statusCode === 200 ? answerChecks[protocol](stream, text) : `status ${response.statusCode}`;
  if (problem !== undefined) {
    throw new Error(`${stream ? 'stream' : 'non-stream'} preflight (${protocol}, POST ${path}): ${problem}; body ${text.slice(0, 300)}`);
  }
}

/**
 * One non-stream and one stream request in the target's client protocol before measuring: a target that
 * answers 401, an error body or another protocol's answer would otherwise show a splendid request rate.
 * Throws with what came back.
 */
export async function verifyTarget(origin: string, protocol: ClientProtocol, apiKey: string): Promise<void> {
  await preflight(origin, protocol, apiKey, false);
  await preflight(origin, protocol, apiKey, true);
}
