import type { FilePart } from '../../canonical/canonical-content.ts';
import { openaiFileMediaTypes } from './openai-file-media-types.ts';

/**
 * The `filename` to send with a file's bytes: its own, else `document.<extension of its media type>`
 * (`document.pdf`), else `document`. Responses refuses `file_data` without a filename, and OpenAI reads the
 * extension to decide how to parse the file.
 */
export function buildOpenAIFileName(part: FilePart): string {
  if (part.filename !== undefined && part.filename !== '') return part.filename;
  const mediaType = part.source.kind === 'url' ? '' : part.source.mediaType.toLowerCase();
  const extension = Object.entries(openaiFileMediaTypes).find(([, type]) => type === mediaType)?.[0];
  return extension === undefined ? 'document' : `document.${extension}`;
}
