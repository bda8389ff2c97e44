import assert from 'node:assert/strict';
import test from 'node:test';
import type { CanonicalRequest } from '../canonical/canonical-request.ts';
import { estimateRequestTokens, loadTokenCounter } from './estimate-request-tokens.ts';

const base: CanonicalRequest = { model: 'm', system: [], messages: [], tools: [], stream: false };

test('o200k counts: known strings have their known token counts', async () => {
  const count = await loadTokenCounter();
  assert.equal(count('hello world'), 2);
  assert.equal(count(''), 0);
});

test('every part the model reads is counted: more content never gives fewer tokens', async () => {
  const count = await loadTokenCounter();
  const textOnly: CanonicalRequest = { ...base, messages: [{ role: 'user', content: [{ type: 'text', text: 'What is the weather in Paris?' }] }] };
  const withSystem: CanonicalRequest = { ...textOnly, system: [{ type: 'text', text: 'You are a weather bot that answers briefly.' }] };
  const withTool: CanonicalRequest = {
    ...withSystem,
    tools: [{ name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } } } }],
  };
  const withImage: CanonicalRequest = {
    ...withTool,
    messages: [...withTool.messages, { role: 'user', content: [{ type: 'image', source: { kind: 'url', url: 'https://example.com/a.png' } }] }],
  };
  const counts = [textOnly, withSystem, withTool, withImage].map((request) => estimateRequestTokens(request, count));
  assert.equal(counts[0], count('What is the weather in Paris?\n') + 3 + 3);
  for (let index = 1; index < counts.length; index += 1) assert.ok((counts[index] ?? 0) > (counts[index - 1] ?? 0), counts.join());
  assert.equal((counts[3] ?? 0) - (counts[2] ?? 0), 1_100 + 3, 'an image message: its framing and the fixed image cost');
});

test('tool calls and tool results are counted', async () => {
  const count = await loadTokenCounter();
  const request: CanonicalRequest = {
    ...base,
    messages: [
      { role: 'assistant', content: [{ type: 'tool-call', id: 't1', name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 't1', content: 'Sunny, 21 degrees' }] },
    ],
  };
  assert.equal(estimateRequestTokens(request, count), count('get_weather {"city":"Paris"}\nSunny, 21 degrees\n') + 2 * 3 + 3);
});

test('files: a plain-text file counts its text (title first); a PDF or a file URL a fixed 1,500 tokens, in tool results too', async () => {
  const count = await loadTokenCounter();
  const ask = (content: CanonicalRequest['messages']) => estimateRequestTokens({ ...base, messages: content }, count);
  const framing = 3 + 3;
  assert.equal(
    ask([{ role: 'user', content: [{ type: 'file', source: { kind: 'text', mediaType: 'text/plain', text: 'Grass is green.' }, title: 'Facts' }] }]),
    count('Facts\nGrass is green.\n') + framing,
  );
  assert.equal(
    ask([{ role: 'user', content: [{ type: 'file', source: { kind: 'base64', mediaType: 'application/pdf', data: 'JVBERi0xLjQK' } }] }]),
    1_500 + framing,
  );
  assert.equal(ask([{ role: 'user', content: [{ type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } }] }]), 1_500 + framing);
  assert.equal(
    ask([
      {
        role: 'tool',
        content: [{ type: 'tool-result', toolCallId: 't1', content: [{ type: 'file', source: { kind: 'url', url: 'https://example.com/a.pdf' } }] }],
      },
    ]),
    1_500 + framing,
  );
});
