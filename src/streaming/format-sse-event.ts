/**
 * One server-sent event as text. `event` names must not contain CR or LF (that would inject a field);
 * `data` is split into one `data:` line per line, so any payload is safe.
 */
export function formatSseEvent(data: string, event?: string): string {
  if (event !== undefined && /[\r\n]/.test(event)) throw new Error('SSE event names must not contain CR or LF');
  const dataLines =
    data.includes('\n') || data.includes('\r')
      ? data
          .split(/\r\n|\r|\n/)
          .map((line) => `data: ${line}\n`)
          .join('')
      : `data: ${data}\n`;
  return event === undefined ? `${dataLines}\n` : `event: ${event}\n${dataLines}\n`;
}

/**
 * One event whose data is JSON text as `JSON.stringify` writes it (which escapes every line break, so it
 * is one `data:` line) and whose name, if any, is a constant of the encoder: no checks or splitting on the
 * per-event path of a translated stream.
 */
export function formatJsonSseEvent(json: string, event?: string): string {
  return event === undefined ? `data: ${json}\n\n` : `event: ${event}\ndata: ${json}\n\n`;
}
