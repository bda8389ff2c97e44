import assert from 'node:assert/strict';
import test from 'node:test';
import { type FixtureCase, replayFixtureCase } from '../helpers/replay-fixture-case.ts';
import type { SdkRequest } from './build-sdk-request.ts';
import { createSdkClients } from './create-sdk-clients.ts';
import { normalizeSdkResult } from './normalize-sdk-result.ts';
import { type SdkProtocol, sdkProtocols } from './sdk-protocol.ts';
import { sendWithSdk } from './send-with-sdk.ts';
import { matrixNames, startMatrixGateway } from './start-matrix-gateway.ts';

/**
 * A base64 PDF, written in each client's protocol with the official SDK's types (Chat `file` part,
 * Responses `input_file`, Anthropic `document`), reaches each provider in the provider's own form with the
 * question text after it; the provider's answer comes back. OpenAI names the file (`filename`, `document.pdf`
 * when the client gave none); Anthropic shows the name as the document `title`.
 */

const question = 'What is the title of this document?';
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n').toString('base64');
const dataUrl = `data:application/pdf;base64,${pdf}`;

function fileRequest(client: SdkProtocol): SdkRequest {
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
                { type: 'file', file: { filename: 'report.pdf', file_data: dataUrl } },
                { type: 'text', text: question },
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
                { type: 'input_file', filename: 'report.pdf', file_data: dataUrl },
                { type: 'input_text', text: question },
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
                { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: pdf } },
                { type: 'text', text: question },
              ],
            },
          ],
        },
      };
  }
}

const answers: Record<SdkProtocol, FixtureCase> = {
  'openai-chat': { name: 'text', json: 'openai-chat/nonstream-text.json' },
  'openai-responses': { name: 'text', json: 'responses/nonstream-text.json' },
  'anthropic-messages': { name: 'text', json: 'anthropic-messages/nonstream-text.json' },
};

type JsonRecord = Readonly<Record<string, unknown>>;

/** A part of the last user message of an upstream body, as the provider protocol writes files and text. */
type SeenPart = { readonly file: { readonly mediaType: string; readonly data: string; readonly name?: string } } | { readonly text: string };

function records(value: unknown): JsonRecord[] {
  return Array.isArray(value) ? value.filter((item): item is JsonRecord => typeof item === 'object' && item !== null && !Array.isArray(item)) : [];
}

function fromDataUrl(url: unknown, name: unknown): SeenPart {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(String(url));
  assert.ok(match !== null, `file_data is a base64 data URL: ${String(url).slice(0, 40)}`);
  return { file: { mediaType: match[1] ?? '', data: match[2] ?? '', ...(typeof name === 'string' ? { name } : {}) } };
}

/** Chat `{type: 'file', file: {file_data, filename}}`, Responses `{type: 'input_file', file_data, filename}`, Anthropic `{type: 'document', source, title}`. */
function readUpstreamParts(provider: SdkProtocol, body: JsonRecord | undefined): SeenPart[] {
  assert.ok(body !== undefined, 'the upstream request body is JSON');
  const messages = records(provider === 'openai-responses' ? body['input'] : body['messages']);
  const user = messages.filter((message) => message['role'] === 'user').at(-1);
  return records(user?.['content']).map((part): SeenPart => {
    switch (part['type']) {
      case 'text':
      case 'input_text':
        return { text: String(part['text']) };
      case 'file': {
        const file = records([part['file']])[0] ?? {};
        return fromDataUrl(file['file_data'], file['filename']);
      }
      case 'input_file':
        return fromDataUrl(part['file_data'], part['filename']);
      case 'document': {
        const source = records([part['source']])[0] ?? {};
        assert.equal(source['type'], 'base64');
        const title = part['title'];
        return { file: { mediaType: String(source['media_type']), data: String(source['data']), ...(typeof title === 'string' ? { name: title } : {}) } };
      }
      default:
        return assert.fail(`unexpected part type ${String(part['type'])} in the ${provider} upstream body`);
    }
  });
}

/** The name a provider sees: the client's filename; for an Anthropic client (no filename) OpenAI's default, none at Anthropic. */
function expectedName(client: SdkProtocol, provider: SdkProtocol): { name?: string } {
  if (client !== 'anthropic-messages') return { name: 'report.pdf' };
  return provider === 'anthropic-messages' ? {} : { name: 'document.pdf' };
}

for (const provider of sdkProtocols) {
  test(`${provider} provider: a base64 PDF from each client SDK arrives in the provider's form`, async (t) => {
    const { gateway, upstream } = await startMatrixGateway(t, provider, replayFixtureCase(answers[provider]));
    const clients = createSdkClients(gateway.url, matrixNames.clientKey);
    for (const client of sdkProtocols) {
      await t.test(`${client} client`, async () => {
        const before = upstream.requests.length;
        const result = normalizeSdkResult(await sendWithSdk(clients, fileRequest(client), 'create'));
        assert.ok(result.text.length > 0, 'the answer came back');
        assert.deepEqual(readUpstreamParts(provider, upstream.requests[before]?.json), [
          { file: { mediaType: 'application/pdf', data: pdf, ...expectedName(client, provider) } },
          { text: question },
        ]);
      });
    }
  });
}
