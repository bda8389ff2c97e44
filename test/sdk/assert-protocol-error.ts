import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import type { SdkProtocol } from './sdk-protocol.ts';

export interface ExpectedProtocolError {
  readonly status: number;
  /** Anthropic `error.type` (invalid_request_error, authentication_error, api_error ...). */
  readonly anthropicType: string;
  /** OpenAI `error.type`, when the case fixes it. */
  readonly openaiType?: string;
  /** OpenAI `error.code`, when the case fixes it (the gateway's own errors carry their GW_ERR_ code). */
  readonly openaiCode?: string;
  /** Text the message must contain, or must not contain. */
  readonly messageIncludes?: string;
  readonly messageExcludes?: string;
}

/**
 * The error as the client's own SDK classified it: OpenAI's `APIError` with `.status` and the body's inner
 * `error` object (`{message, type, param, code}`), or Anthropic's `APIError` whose `.error` is the whole
 * body `{type: 'error', error: {type, message}}`. Returns true, for `assert.rejects`.
 */
export function assertProtocolError(error: unknown, protocol: SdkProtocol, expected: ExpectedProtocolError): true {
  let message: string;
  if (protocol === 'anthropic-messages') {
    assert.ok(error instanceof Anthropic.APIError, `an Anthropic APIError, got ${String(error)}`);
    assert.equal(error.status, expected.status);
    const body = (error.error ?? {}) as { type?: unknown; error?: { type?: unknown; message?: unknown } };
    assert.equal(body.type, 'error', `body ${JSON.stringify(body)}`);
    assert.equal(body.error?.type, expected.anthropicType, `body ${JSON.stringify(body)}`);
    assert.equal(typeof body.error?.message, 'string');
    message = String(body.error?.message);
  } else {
    assert.ok(error instanceof OpenAI.APIError, `an OpenAI APIError, got ${String(error)}`);
    assert.ok(!(error instanceof Anthropic.APIError));
    assert.equal(error.status, expected.status);
    const body = (error.error ?? {}) as { message?: unknown; type?: unknown; code?: unknown; param?: unknown };
    assert.equal(typeof body.message, 'string', `error body ${JSON.stringify(body)}`);
    assert.equal(typeof body.type, 'string', `error body ${JSON.stringify(body)}`);
    // OpenAI's envelope always has `param` and `code` (null or not); an Anthropic body's inner error has neither.
    assert.ok('param' in body && 'code' in body, `OpenAI's error envelope, got ${JSON.stringify(body)}`);
    if (expected.openaiType !== undefined) assert.equal(body.type, expected.openaiType, `error body ${JSON.stringify(body)}`);
    if (expected.openaiCode !== undefined) assert.equal(body.code, expected.openaiCode, `error body ${JSON.stringify(body)}`);
    message = String(body.message);
  }
  if (expected.messageIncludes !== undefined)
    assert.ok(message.includes(expected.messageIncludes), `message "${message}" includes "${expected.messageIncludes}"`);
  if (expected.messageExcludes !== undefined)
    assert.ok(!message.includes(expected.messageExcludes), `message "${message}" leaks "${expected.messageExcludes}"`);
  return true;
}
