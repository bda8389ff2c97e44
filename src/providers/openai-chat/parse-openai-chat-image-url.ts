import type { ImageSource } from '../../canonical/canonical-content.ts';

/**
 * `image_url.url` -> canonical image source: a base64 `data:` URL (`data:image/png;base64,…`) becomes a
 * base64 source with its media type, so protocols without data URLs (Anthropic) can carry it; anything
 * else (https URLs, non-base64 data URLs) stays a URL. Scans only the header: the payload can be megabytes.
 * @see https://platform.openai.com/docs/guides/images-vision
 */
export function parseOpenAIChatImageUrl(url: string): ImageSource {
  if (!url.startsWith('data:')) return { kind: 'url', url };
  const comma = url.indexOf(',');
  if (comma === -1) return { kind: 'url', url };
  const header = url.slice('data:'.length, comma).split(';');
  const mediaType = header[0]?.trim().toLowerCase() ?? '';
  if (mediaType === '' || header.at(-1)?.trim().toLowerCase() !== 'base64') return { kind: 'url', url };
  return { kind: 'base64', mediaType, data: url.slice(comma + 1) };
}
