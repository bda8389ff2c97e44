/**
 * What the scripted upstreams answer, whatever protocol they speak. Each upstream reduces the request to an
 * `AgentTurnView` (the last user turn's text, the tool output that follows it, the offered tool names) and
 * encodes the `ScriptedReply` in its own wire format, so the same script drives Claude Code and Codex CLI
 * directly and through the gateway.
 */

/** In the prompt of a text turn: the upstream answers with `agentTextAnswer`, no tool. */
export const textTurnMarker = '[[agent-text-turn]]';
/** In the prompt of a tool turn: the upstream calls the client's shell tool, then quotes its output. */
export const toolTurnMarker = '[[agent-tool-turn]]';

/** Not in any prompt, so finding it in the CLI's output proves the answer came from the upstream. */
export const agentTextAnswer = 'AGENT_TEXT_OK from the scripted upstream';

/**
 * The shell computes the marker (`$((6*7))`), so `agent-tool-42` in the tool result proves the command ran:
 * neither the prompt nor the command line contains it.
 */
export const toolCommand = 'echo agent-tool-$((6*7))';
export const toolOutputMarker = 'agent-tool-42';
export const finalAnswerPrefix = 'The tool printed:';

/**
 * In the prompt of a patch turn (Codex): the upstream calls `apply_patch`, Codex's freeform (`custom`) tool,
 * to add `patchFileName`. A translating gateway offers it upstream as a function tool with one string
 * argument `input`, and must turn the call back into a `custom_tool_call` for Codex.
 */
export const patchTurnMarker = '[[agent-patch-turn]]';
export const patchFileName = 'agent-patch.txt';
export const patchText = `*** Begin Patch\n*** Add File: ${patchFileName}\n+agent-patch-ok\n*** End Patch\n`;

export interface AgentTurnView {
  /** Text of the last user message (all its text parts joined). */
  readonly lastUserText: string;
  /** Output of the tool results after the last user message (the last one), undefined when there are none. */
  readonly toolOutput: string | undefined;
  /** Names of the tools the client offered (function tools, and Responses `custom` tools). */
  readonly toolNames: readonly string[];
}

export type ScriptedReply =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'tool-call'; readonly toolName: string; readonly input: Record<string, unknown> };

/**
 * Input for the shell tool each client exposes, by tool name: Claude Code's `Bash` takes a command string;
 * Codex CLI 0.171 offers `exec_command` (`cmd`); older Codex versions had `shell_command` and `shell`.
 */
const shellToolInputs: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['Bash', { command: toolCommand, description: 'Print the agent test marker' }],
  ['exec_command', { cmd: toolCommand }],
  ['shell_command', { command: toolCommand }],
  ['shell', { command: ['bash', '-lc', toolCommand] }],
];

/** The call the scripted upstreams make to the shell tool called `name`, as the test expects to see it again. */
export function expectedShellCall(name: string): { name: string; input: Record<string, unknown>; outputIncludes: string } {
  const entry = shellToolInputs.find(([candidate]) => candidate === name);
  if (entry === undefined) throw new Error(`no scripted input for tool ${name}`);
  return { name, input: entry[1], outputIncludes: toolOutputMarker };
}

export function scriptAgentReply(view: AgentTurnView): ScriptedReply {
  if (view.toolOutput !== undefined) return { type: 'text', text: `${finalAnswerPrefix} ${view.toolOutput.trim()}` };
  if (view.lastUserText.includes(patchTurnMarker)) {
    if (!view.toolNames.includes('apply_patch')) return { type: 'text', text: `No apply_patch tool was offered (tools: ${view.toolNames.join(', ')})` };
    return { type: 'tool-call', toolName: 'apply_patch', input: { input: patchText } };
  }
  if (view.lastUserText.includes(toolTurnMarker)) {
    const shellTool = shellToolInputs.find(([name]) => view.toolNames.includes(name));
    if (shellTool === undefined) return { type: 'text', text: `No shell tool was offered (tools: ${view.toolNames.join(', ')})` };
    return { type: 'tool-call', toolName: shellTool[0], input: shellTool[1] };
  }
  if (view.lastUserText.includes(textTurnMarker)) return { type: 'text', text: agentTextAnswer };
  // Side requests (a title, a summary, a quota probe): a short harmless answer.
  return { type: 'text', text: 'OK' };
}

/** Splits a string into `count` roughly equal pieces, so that streamed answers arrive as several deltas. */
export function splitIntoPieces(text: string, count: number): string[] {
  const size = Math.max(1, Math.ceil(text.length / count));
  const pieces: string[] = [];
  for (let start = 0; start < text.length; start += size) pieces.push(text.slice(start, start + size));
  return pieces.length > 0 ? pieces : [''];
}

/** Text of a content value in any of the three protocols: a string, or an array of parts carrying `text`. */
export function readContentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part: unknown) => (isRecord(part) && typeof part['text'] === 'string' ? part['text'] : ''))
    .filter((text) => text !== '')
    .join('\n');
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `value` as an array of records (other entries dropped), or [] when it is not an array. */
export function readRecords(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
