import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertToolHistory } from './assert-tool-history.ts';
import { assertUpstreamRequest } from './assert-upstream-request.ts';
import { describeEvidence } from './describe-evidence.ts';
import { runClaudeCode } from './run-claude-code.ts';
import { agentTextAnswer, expectedShellCall, finalAnswerPrefix, textTurnMarker, toolOutputMarker, toolTurnMarker } from './script-agent-reply.ts';
import { answerAsAnthropicMessages } from './scripted-anthropic-upstream.ts';
import { answerAsOpenAiChat } from './scripted-openai-chat-upstream.ts';
import { agentClientKey } from './start-agent-gateway.ts';
import { type AgentRoute, startAgentRoute } from './start-agent-route.ts';

/**
 * Claude Code (`claude -p`, Anthropic Messages, streaming) against a scripted upstream: first directly (the
 * baseline: if this fails, the harness or the CLI changed, not the gateway), then through the gateway to an
 * `openai` provider (translated to Chat Completions) and to an `anthropic` provider (Messages to Messages).
 *
 * Observed with Claude Code 2.1.332 in `-p` mode against the scripted Anthropic upstream: one
 * `POST /v1/messages?beta=true` per model turn and nothing else (no `HEAD /`, no count_tokens, no title
 * request with CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1); model `claude-opus-5-5`, `max_tokens: 128000`,
 * `thinking: {type: "adaptive", display: "omitted"}`, `output_config: {effort: "medium"}`, 12 tools
 * (Bash among them), `x-api-key`, `anthropic-version: 2023-06-01`, an 8-entry `anthropic-beta`, `x-app: cli`.
 * `messages` carries a `role: "system"` message after the first user message, with its own
 * `output_config` (per-turn control beta); its content is an array of text blocks in the first request and
 * a plain string in the next one. The tool result comes back as `user[tool_result]` with `is_error: false`
 * and `cache_control`, after `assistant[tool_use]`.
 */

const textPrompt = `Scripted check ${textTurnMarker}: answer with the agreed sentence, no tools.`;
const toolPrompt = `Scripted check ${toolTurnMarker}: run the shell command you are given and report its output.`;

const routes: readonly AgentRoute[] = [
  {
    name: 'Claude Code -> scripted Anthropic upstream (baseline, no gateway)',
    behaviour: answerAsAnthropicMessages,
    upstreamProtocol: 'anthropic-messages',
    providerType: undefined,
  },
  { name: 'Claude Code -> gateway -> openai provider', behaviour: answerAsOpenAiChat, upstreamProtocol: 'openai-chat', providerType: 'openai' },
  {
    name: 'Claude Code -> gateway -> anthropic provider',
    behaviour: answerAsAnthropicMessages,
    upstreamProtocol: 'anthropic-messages',
    providerType: 'anthropic',
  },
];

for (const route of routes) {
  describe(route.name, () => {
    test('text turn: the upstream answer is printed', async (t) => {
      const { upstream, gateway, url } = await startAgentRoute(t, route);
      const run = await runClaudeCode({ baseUrl: url, apiKey: agentClientKey, prompt: textPrompt });
      const evidence = (): string => describeEvidence(run, upstream, gateway);

      assert.equal(run.exitCode, 0, evidence());
      assert.ok(run.stdout.includes(agentTextAnswer), evidence());
      const prompted = upstream.requests.filter((request) => request.body.includes(textTurnMarker));
      assert.ok(prompted.length >= 1, `the prompt reached the upstream\n${evidence()}`);
      for (const request of prompted) assertUpstreamRequest(request, route, evidence);
    });

    test('tool round trip: Bash runs, its output goes back upstream and the final answer quotes it', async (t) => {
      const { upstream, gateway, url } = await startAgentRoute(t, route);
      const run = await runClaudeCode({ baseUrl: url, apiKey: agentClientKey, prompt: toolPrompt });
      const evidence = (): string => describeEvidence(run, upstream, gateway);

      assert.equal(run.exitCode, 0, evidence());
      assert.ok(run.stdout.includes(`${finalAnswerPrefix} ${toolOutputMarker}`), evidence());
      const prompted = upstream.requests.filter((request) => request.body.includes(toolTurnMarker));
      assert.ok(prompted.length >= 2, `a first turn and a tool-result turn reached the upstream\n${evidence()}`);
      for (const request of prompted) assertUpstreamRequest(request, route, evidence);
      const withResult = prompted.find((request) => request.body.includes(toolOutputMarker));
      assert.ok(withResult !== undefined, `the tool output reached the upstream\n${evidence()}`);
      assertToolHistory(route.upstreamProtocol, withResult, expectedShellCall('Bash'), evidence);
    });
  });
}
