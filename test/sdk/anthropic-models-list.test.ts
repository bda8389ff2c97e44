import assert from 'node:assert/strict';
import test from 'node:test';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { startTestGateway } from '../helpers/start-test-gateway.ts';

test('GET /v1/models answers each SDK in its own list format, filtered by the key', async (t) => {
  const gateway = await startTestGateway({
    providers: [{ name: 'mock', type: 'mock', model_mapping: { 'claude-sonnet': 'mock-model', 'gpt-x': 'mock-model' } }],
    master_keys: [{ name: 'claude-only', key: 'sk-claude', allowed_models: ['claude-*'] }],
  });
  t.after(() => gateway.shutdown());

  const anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-claude', maxRetries: 0 });
  const anthropicModels = [];
  for await (const model of anthropic.models.list()) anthropicModels.push(model);
  assert.deepEqual(
    anthropicModels.map((model) => [model.type, model.id]),
    [['model', 'claude-sonnet']],
  );

  const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'sk-claude', maxRetries: 0 });
  const openaiModels = [];
  for await (const model of openai.models.list()) openaiModels.push(model.id);
  assert.deepEqual(openaiModels, ['claude-sonnet']);

  const stranger = new Anthropic({ baseURL: gateway.url, apiKey: 'sk-wrong', maxRetries: 0 });
  const refused = await stranger.models.list().then(
    () => undefined,
    (error: unknown) => error,
  );
  assert.ok(refused instanceof Anthropic.AuthenticationError, String(refused));
  assert.equal((refused.error as { error?: { type?: string } }).error?.type, 'authentication_error');
});
