/**
 * Fast-path Chat stream: sets `stream_options.include_usage` (keeping the client's other stream options)
 * unless the client asked for usage itself; true when the gateway asked, so the usage-only chunk is the
 * gateway's to drop.
 */
export function askForStreamUsage(body: Record<string, unknown>): boolean {
  const options = body['stream_options'];
  const current = typeof options === 'object' && options !== null && !Array.isArray(options) ? (options as Record<string, unknown>) : {};
  if (current['include_usage'] === true) return false;
  body['stream_options'] = { ...current, include_usage: true };
  return true;
}
