const notIdCharacters = /[^A-Za-z0-9]/g;

/**
 * The first id of `prefix` for a request, as `createIdSource(requestId)(prefix)` gives it: for an answer
 * that needs one id, without creating a source (a closure and a Map per request).
 */
export function firstAnswerId(requestId: string, prefix: string): string {
  return `${prefix}_${requestId.replace(notIdCharacters, '')}`;
}

/**
 * Ids for one translated answer, derived from the gateway's request id so that a log line and the
 * client's `msg_…` / `resp_…` / `fc_…` ids can be matched: `<prefix>_<request id without dashes>`, then
 * `_2`, `_3`… for the next id of the same prefix.
 */
export function createIdSource(requestId: string): (prefix: string) => string {
  const base = requestId.replace(notIdCharacters, '');
  const counts = new Map<string, number>();
  return (prefix) => {
    const count = (counts.get(prefix) ?? 0) + 1;
    counts.set(prefix, count);
    return count === 1 ? `${prefix}_${base}` : `${prefix}_${base}_${count}`;
  };
}
