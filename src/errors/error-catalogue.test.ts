import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import test from 'node:test';
import { toOpenAIChatErrorBody } from '../providers/openai-chat/to-openai-chat-error-body.ts';
import { errorCatalogue, gatewayErrorCodes } from './error-catalogue.ts';
import { GatewayError } from './gateway-error.ts';

// Model: Fastify test/internals/errors.test.js (every code documented, every documented code exists).
const errorsDoc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
const documentedCodes = [...errorsDoc.matchAll(/^## (\S+)\s*$/gm)].map((match) => match[1] ?? '');

test('every catalogue code has a "## CODE" heading in docs/errors.md', () => {
  const missing = gatewayErrorCodes.filter((code) => !documentedCodes.includes(code));
  assert.deepEqual(missing, [], `codes without a heading in docs/errors.md: ${missing.join(', ')}`);
});

test('every "## ..." heading in docs/errors.md is a catalogue code, listed once', () => {
  const known: readonly string[] = gatewayErrorCodes;
  const unknown = documentedCodes.filter((code) => !known.includes(code));
  assert.deepEqual(unknown, [], `headings in docs/errors.md that are not codes: ${unknown.join(', ')}`);
  assert.equal(new Set(documentedCodes).size, documentedCodes.length, 'a code has two headings');
});

test('every code maps to an OpenAI error body with a non-empty type and the code itself', () => {
  for (const code of gatewayErrorCodes) {
    const body = toOpenAIChatErrorBody(new GatewayError(code));
    assert.equal(typeof body.error.type, 'string', code);
    assert.ok(body.error.type.length > 0, `${code} has an empty OpenAI type`);
    assert.equal(body.error.code, code);
    assert.equal(body.error.message, errorCatalogue[code].message, `${code}: the default message is the catalogue's`);
    assert.equal(body.error.param, null);
  }
});

test('every status is a known HTTP error status (4xx or 5xx), and every default message is non-empty', () => {
  for (const code of gatewayErrorCodes) {
    const { status, message } = errorCatalogue[code];
    assert.ok(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status} is not an error status`);
    assert.ok(STATUS_CODES[status] !== undefined, `${code}: ${status} is not a known HTTP status`);
    assert.ok(message.length > 0, `${code} has an empty message`);
    assert.equal(new GatewayError(code).status, status, `${code}: GatewayError takes its status from the catalogue`);
  }
});

test('codes are prefixed GW_ERR_ and upper snake case', () => {
  for (const code of gatewayErrorCodes) assert.match(code, /^GW_ERR_[A-Z0-9]+(?:_[A-Z0-9]+)*$/);
});
