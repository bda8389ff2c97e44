/**
 * Ids for one translated answer, derived from the gateway's request id so that a log line and the
 * client's `msg_…` / `resp_…` / `fc_…` ids can be matched: `<prefix>_<request id without dashes>`, then
 * `_2`, `_3`… for the next id of the same prefix.
 */
export function createIdSource(requestId: string): (prefix: string) => string {
  const base = requestId.replace(/[^A-Za-z0-9]/g, '');
  const counts = new Map<string, number>();
  return (prefix) => {
    const count = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, count);
    return count === 1 ? `${prefix}_${base}` : `${prefix}_${base}_${count}`;
  };
}
