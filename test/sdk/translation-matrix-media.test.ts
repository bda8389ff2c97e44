import assert from 'node:assert/strict';
import test from 'node:test';
import { readFixture } from '../helpers/fake-upstream.ts';
import { type FixtureCase, replayFixtureCase } from '../helpers/replay-fixture-case.ts';
import type { SdkRequest } from './build-sdk-request.ts';
import { createSdkClients } from './create-sdk-clients.ts';
import { normalizeSdkResult } from './normalize-sdk-result.ts';
import { type NeutralImage, readUpstreamImages } from './read-upstream-images.ts';
import { type SdkProtocol, sdkProtocols } from './sdk-protocol.ts';
import { sendWithSdk } from './send-with-sdk.ts';
import { matrixNames, startMatrixGateway } from './start-matrix-gateway.ts';

/**
 * A URL image and a base64 image, written in each client's protocol, reach each provider in the provider's
 * own form (read-upstream-images.ts), with the question text, in order; the provider's answer comes back.
 * The image URL and the 1x1 PNG come from anthropic-messages/nonstream-image.request.json.
 */

const imageFixture = JSON.parse(readFixture('anthropic-messages/nonstream-image.request.json')) as {
  messages: [{ content: [{ text: string }, { source: { url: string } }, { source: { media_type: string; data: string } }] }];
};
const [questionPart, urlPart, base64Part] = imageFixture.messages[0].content;
const question = questionPart.text;
const imageUrl = urlPart.source.url;
const png = { mediaType: base64Part.source.media_type, data: base64Part.source.data };
const dataUrl = `data:${png.mediaType};base64,${png.data}`;

const expectedImages: NeutralImage[] = [
  { kind: 'url', url: imageUrl },
  { kind: 'base64', mediaType: png.mediaType, data: png.data },
];

function imageRequest(client: SdkProtocol): SdkRequest {
  const model = matrixNames.clientModel;
  switch (client) {
    case 'openai-chat':
      return {
        protocol: client,
        params: {
          model,
          max_completion_tokens: 300,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: question },
                { type: 'image_url', image_url: { url: imageUrl } },
                { type: 'image_url', image_url: { url: dataUrl } },
              ],
            },
          ],
        },
      };
    case 'openai-responses':
      return {
        protocol: client,
        params: {
          model,
          max_output_tokens: 300,
          input: [
            {
              role: 'user',
              content: [
                { type: 'input_text', text: question },
                { type: 'input_image', image_url: imageUrl, detail: 'auto' },
                { type: 'input_image', image_url: dataUrl, detail: 'auto' },
              ],
            },
          ],
        },
      };
    case 'anthropic-messages':
      return {
        protocol: client,
        params: {
          model,
          max_tokens: 300,
          messages: [
            {
              role: 'user',
              content: [
                { type: 'text', text: question },
                { type: 'image', source: { type: 'url', url: imageUrl } },
                { type: 'image', source: { type: 'base64', media_type: 'image/png', data: png.data } },
              ],
            },
          ],
        },
      };
  }
}

/** The provider's answer to an image question (Chat has a recorded one; the others answer with their text fixture). */
const answers: Record<SdkProtocol, FixtureCase> = {
  'openai-chat': { name: 'image answer', json: 'openai-chat/nonstream-image.json' },
  'openai-responses': { name: 'text', json: 'responses/nonstream-text.json' },
  'anthropic-messages': { name: 'text', json: 'anthropic-messages/nonstream-text.json' },
};

/** The question's text in the last user message of an upstream body, in any of the three forms. */
function upstreamQuestionText(body: Readonly<Record<string, unknown>> | undefined): string {
  const messages = (body?.['messages'] ?? body?.['input']) as { role?: string; content?: unknown }[] | undefined;
  const user = (messages ?? []).filter((message) => message.role === 'user').at(-1);
  const parts = Array.isArray(user?.content) ? (user.content as { type?: string; text?: unknown }[]) : [];
  return parts
    .filter((part) => part.type === 'text' || part.type === 'input_text')
    .map((part) => String(part.text))
    .join('');
}

for (const provider of sdkProtocols) {
  test(`${provider} provider: images from each client SDK arrive in the provider's form`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, replayFixtureCase(answers[provider]));
    const clients = createSdkClients(gateway.url, matrixNames.clientKey);
    for (const client of sdkProtocols) {
      await t.test(`${client} client`, async () => {
        const before = upstream.requests.length;
        const result = normalizeSdkResult(await sendWithSdk(clients, imageRequest(client), 'create'));
        assert.ok(result.text.length > 0, 'the answer came back');
        const sent = upstream.requests[before]?.json;
        assert.deepEqual(readUpstreamImages(provider, sent), expectedImages);
        assert.equal(upstreamQuestionText(sent), question);
      });
    }
  });
}
