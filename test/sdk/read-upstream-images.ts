import assert from 'node:assert/strict';
import type { SdkProtocol } from './sdk-protocol.ts';

/** An image as every protocol can say it: by URL, or inline bytes with their media type. */
export type NeutralImage = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'base64'; readonly mediaType: string; readonly data: string };

type JsonRecord = Readonly<Record<string, unknown>>;

function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter((item): item is JsonRecord => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
}

/** OpenAI protocols carry inline images as `data:` URLs. */
function fromOpenAIUrl(url: unknown): NeutralImage {
  assert.equal(typeof url, 'string', 'the image URL is a string');
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(String(url));
  return match === null ? { kind: 'url', url: String(url) } : { kind: 'base64', mediaType: match[1] ?? '', data: match[2] ?? '' };
}

/**
 * The images of the last user message of an upstream request body, read in the provider's own form:
 * Chat `{type: 'image_url', image_url: {url}}`, Responses `{type: 'input_image', image_url: '<url>'}` (a flat
 * string), Anthropic `{type: 'image', source: {type: 'url' | 'base64', ...}}`. A part of another protocol's
 * form is not an image here, so a body passed on untranslated shows up as "no images".
 */
export function readUpstreamImages(provider: SdkProtocol, body: JsonRecord | undefined): NeutralImage[] {
  assert.ok(body !== undefined, 'the upstream request body is JSON');
  const messages = records(provider === 'openai-responses' ? body['input'] : body['messages']);
  const user = messages.filter((message) => message['role'] === 'user').at(-1);
  const parts = records(user?.['content']);
  switch (provider) {
    case 'openai-chat':
      return parts.filter((part) => part['type'] === 'image_url').map((part) => fromOpenAIUrl(records([part['image_url']])[0]?.['url']));
    case 'openai-responses':
      return parts.filter((part) => part['type'] === 'input_image').map((part) => fromOpenAIUrl(part['image_url']));
    case 'anthropic-messages':
      return parts
        .filter((part) => part['type'] === 'image')
        .map((part) => {
          const source = records([part['source']])[0] ?? {};
          return source['type'] === 'base64'
            ? { kind: 'base64', mediaType: String(source['media_type']), data: String(source['data']) }
            : { kind: 'url', url: String(source['url']) };
        });
  }
}
