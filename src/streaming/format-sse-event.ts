/**
 * One server-sent event as text. `event` names must not contain CR or LF (that would inject a field);
 * `data` is split into one `data:` line per line, so any payload is safe.
 */
export function formatSseEvent(data: string, event?: string): string {
  if (event !== undefined && /[\r\n]/.test(event)) throw new Error('SSE event names must not contain CR or LF');
  const dataLines = data.includes('\n') || data.includes('\r') ? data.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`).join('') : `data: ${data}\n`;
  return event === undefined ? `${dataLines}\n` : `event: ${event}\n${dataLines}\n`;
}
