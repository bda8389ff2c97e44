import { request } from 'undici';
import { buildChatRequestBody } from './build-chat-request-body.ts';

async function post(origin: string, apiKey: string, body: string): Promise<{ status: number; text: string }> {
  const response = await request(`${origin}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/**
 * One non-stream and one stream request before measuring: a target that answers 401 or an error body
 * would otherwise show a splendid request rate. Throws with what came back.
 */
export async function verifyTarget(origin: string, apiKey: string): Promise<void> {
  const completion = await post(origin, apiKey, buildChatRequestBody(false));
  let content: unknown;
  try {
    content = (JSON.parse(completion.text) as { choices?: { message?: { content?: unknown } }[] }).choices?.[0]?.message?.content;
  } catch {
    content = undefined;
  }
  if (completion.status !== 200 || typeof content !== 'string') {
    throw new Error(`non-stream preflight: status ${completion.status}, body ${completion.text.slice(0, 300)}`);
  }
  const stream = await post(origin, apiKey, buildChatRequestBody(true));
  if (stream.status !== 200 || !stream.text.includes('data: {') || !stream.text.trimEnd().endsWith('data: [DONE]')) {
    throw new Error(`stream preflight: status ${stream.status}, body ${stream.text.slice(0, 300)}`);
  }
}
