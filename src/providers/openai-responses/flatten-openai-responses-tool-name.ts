/**
 * The one canonical name of a tool inside a Responses `namespace` tool (other protocols have no
 * namespaces). Codex's MCP namespaces already end in `__` (`mcp__github__` + `create_issue`), so they read
 * like Codex's own flat MCP names; others are joined with `__` (`clock` + `sleep` -> `clock__sleep`).
 * Calls are mapped back through the tool origins table, never by splitting the name.
 */
export function flattenOpenAIResponsesToolName(namespace: string, name: string): string {
  return namespace.endsWith('__') ? `${namespace}${name}` : `${namespace}__${name}`;
}
