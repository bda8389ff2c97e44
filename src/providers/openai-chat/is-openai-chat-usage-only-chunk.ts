import { parseOpenAIChatJson } from './parse-openai-chat-json.ts';

/** `"choices": []` as a key and an empty array; in JSON text a `"` inside a string is escaped, so this only matches the key. */
const emptyChoices = /"choices"\s*:\s*\[\s*\]/;

/**
 * Whether a Chat stream event's data is the usage-only chunk (`choices: []` and a `usage` object) that
 * `stream_options.include_usage` adds. The same-protocol fast path always asks the upstream for usage
 * (accounting) and drops this event for a client that did not ask; `usage: null` on other chunks may
 * stay. Ordinary chunks are rejected by a substring test without parsing; candidates are parsed to be sure.
 */
export function isOpenAIChatUsageOnlyChunk(data: string): boolean {
  if (!data.includes('"usage"') || !emptyChoices.test(data)) return false;
  const parsed = parseOpenAIChatJson(data);
  if (!parsed.ok || typeof parsed.value !== 'object' || parsed.value === null) return false;
  const { choices, usage } = parsed.value as { choices?: unknown; usage?: unknown };
  return Array.isArray(choices) && choices.length === 0 && typeof usage === 'object' && usage !== null && !Array.isArray(usage);
}
