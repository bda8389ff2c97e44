/** Types of prepare-bundle.mjs (a plain module: bin/llm-proxy.mjs imports it without a loader). */
export interface PreparedEntry {
  /** The module to import: the bundle, or src/main.ts for tsx's loader. */
  readonly url: string;
  readonly compiled: boolean;
  /** Why the sources run instead of the bundle. */
  readonly reason?: string;
}

export function prepareBundle(options?: { root?: string; outfile?: string }): Promise<PreparedEntry>;
