import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertToolHistory } from './assert-tool-history.ts';
import { assertUpstreamRequest } from './assert-upstream-request.ts';
import { describeEvidence } from './describe-evidence.ts';
import { runCodex } from './run-codex.ts';
import {
  agentTextAnswer,
  expectedShellCall,
  finalAnswerPrefix,
  patchFileName,
  patchText,
  patchTurnMarker,
  textTurnMarker,
  toolOutputMarker,
  toolTurnMarker,
} from './script-agent-reply.ts';
import { answerAsAnthropicMessages } from './scripted-anthropic-upstream.ts';
import { answerAsOpenAiChat } from './scripted-openai-chat-upstream.ts';
import { answerAsOpenAiResponses } from './scripted-openai-responses-upstream.ts';
import { agentClientKey } from './start-agent-gateway.ts';
import { type AgentRoute, startAgentRoute } from './start-agent-route.ts';

/**
 * Codex CLI (`codex exec`, OpenAI Responses, streaming) against a scripted upstream: first directly (the
 * baseline), then through the gateway to an `openai` provider (Responses translated to Chat Completions)
 * and to an `anthropic` provider (Responses translated to Messages).
 *
 * Observed with Codex CLI 0.171.0 against the scripted Responses upstream: only `POST /v1/responses`,
 * `stream: true`, `Authorization: Bearer <env_key>`, `accept: text/event-stream`, `originator: codex_exec`,
 * `session-id`/`thread-id`/`x-codex-*` headers. Body: model, stream, input, tools, tool_choice "auto",
 * parallel_tool_calls, reasoning, store false, include ["reasoning.encrypted_content"], prompt_cache_key,
 * text {verbosity}, client_metadata; no instructions. Two `developer` messages and two `user` messages
 * (environment context, then the prompt), every item with an `id`. For `gpt-5.5` the tools are the
 * function tools exec_command (`cmd`), write_stdin, request_user_input, view_image, get_goal, create_goal,
 * update_goal, a `custom` apply_patch tool with a lark grammar, `tool_search` and `web_search`. The shell
 * output comes back as a plain-string `function_call_output` that wraps the command's output
 * ("Chunk ID: …\nProcess exited with code 0\n…\nOutput:\nagent-tool-42").
 *
 * The model is `gpt-5.5` on purpose: Codex's own catalogue default for this version (`gpt-6.2-sol`) sends
 * no `tools` at all but an `additional_tools` input item holding namespaces with a JavaScript `exec`
 * custom tool (code mode) and no shell function tool; an unknown model name gets fallback metadata with
 * a `namespace` tool. `gpt-5.5` gets the classic tool set that docs/clients.md describes.
 */

const model = 'gpt-5.5';
const textPrompt = `Scripted check ${textTurnMarker}: answer with the agreed sentence, no tools.`;
const toolPrompt = `Scripted check ${toolTurnMarker}: run the shell command you are given and report its output.`;
const patchPrompt = `Scripted check ${patchTurnMarker}: add the file you are given with apply_patch.`;

const routes: readonly AgentRoute[] = [
  {
    name: 'Codex -> scripted Responses upstream (baseline, no gateway)',
    behaviour: answerAsOpenAiResponses,
    upstreamProtocol: 'openai-responses',
    providerType: undefined,
  },
  { name: 'Codex -> gateway -> openai provider', behaviour: answerAsOpenAiChat, upstreamProtocol: 'openai-chat', providerType: 'openai' },
  { name: 'Codex -> gateway -> anthropic provider', behaviour: answerAsAnthropicMessages, upstreamProtocol: 'anthropic-messages', providerType: 'anthropic' },
];

for (const route of routes) {
  describe(route.name, () => {
    test('text turn: the upstream answer is printed', async (t) => {
      const { upstream, gateway, url } = await startAgentRoute(t, route);
      const run = await runCodex({ baseUrl: `${url}/v1`, apiKey: agentClientKey, model, prompt: textPrompt });
      const evidence = (): string => describeEvidence(run, upstream, gateway);

      assert.equal(run.exitCode, 0, evidence());
      assert.ok(run.stdout.includes(agentTextAnswer), evidence());
      const prompted = upstream.requests.filter((request) => request.body.includes(textTurnMarker));
      assert.ok(prompted.length >= 1, `the prompt reached the upstream\n${evidence()}`);
      for (const request of prompted) assertUpstreamRequest(request, route, evidence);
    });

    test('tool round trip: exec_command runs, its output goes back upstream and the final answer quotes it', async (t) => {
      const { upstream, gateway, url } = await startAgentRoute(t, route);
      const run = await runCodex({ baseUrl: `${url}/v1`, apiKey: agentClientKey, model, prompt: toolPrompt });
      const evidence = (): string => describeEvidence(run, upstream, gateway);

      assert.equal(run.exitCode, 0, evidence());
      // Codex wraps the command's output in a report, so the answer quotes it with lines in between.
      assert.ok(run.stdout.includes(finalAnswerPrefix) && run.stdout.includes(toolOutputMarker), evidence());
      const prompted = upstream.requests.filter((request) => request.body.includes(toolTurnMarker));
      assert.ok(prompted.length >= 2, `a first turn and a tool-result turn reached the upstream\n${evidence()}`);
      for (const request of prompted) assertUpstreamRequest(request, route, evidence);
      const withResult = prompted.find((request) => request.body.includes(toolOutputMarker));
      assert.ok(withResult !== undefined, `the tool output reached the upstream\n${evidence()}`);
      assertToolHistory(route.upstreamProtocol, withResult, expectedShellCall('exec_command'), evidence);
    });

    test('custom tool round trip: apply_patch (freeform input) adds a file, its result goes back upstream', async (t) => {
      const { upstream, gateway, url } = await startAgentRoute(t, route);
      const run = await runCodex({ baseUrl: `${url}/v1`, apiKey: agentClientKey, model, prompt: patchPrompt });
      const evidence = (): string => describeEvidence(run, upstream, gateway);

      assert.equal(run.exitCode, 0, evidence());
      assert.equal(run.workdirFiles.get(patchFileName), 'agent-patch-ok\n', `apply_patch got the patch text intact\n${evidence()}`);
      assert.ok(run.stdout.includes(finalAnswerPrefix) && run.stdout.includes(`A ${patchFileName}`), evidence());
      const prompted = upstream.requests.filter((request) => request.body.includes(patchTurnMarker));
      assert.ok(prompted.length >= 2, `a first turn and a tool-result turn reached the upstream\n${evidence()}`);
      for (const request of prompted) assertUpstreamRequest(request, route, evidence);
      const withResult = prompted.find((request) => request.body.includes(`A ${patchFileName}`));
      assert.ok(withResult !== undefined, `the apply_patch result reached the upstream\n${evidence()}`);
      assertToolHistory(
        route.upstreamProtocol,
        withResult,
        { name: 'apply_patch', input: { input: patchText }, outputIncludes: `A ${patchFileName}` },
        evidence,
      );
    });
  });
}
