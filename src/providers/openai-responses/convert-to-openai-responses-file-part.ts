import type { FilePart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';
import { buildOpenAIFileName } from '../openai-chat/build-openai-file-name.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';

export type OpenAIResponsesFilePartBody =
  | { type: 'input_file'; filename: string; file_data: string }
  | { type: 'input_file'; file_url: string; filename?: string }
  | { type: 'input_text'; text: string };

/**
 * A canonical file -> a Responses input part: bytes -> `input_file` with a base64 data URL and a filename
 * (required with `file_data`; `document.pdf` from the media type when there is none); a URL -> `input_file`
 * with `file_url`; plain text (an Anthropic text document) -> `input_text`, its title (else filename) as the
 * first line. An Anthropic `title` has no field on a file: dropped with a warning.
 * @see https://platform.openai.com/docs/guides/pdf-files
 */
export function convertToOpenAIResponsesFilePart(part: FilePart, warnings: ConversionWarning[]): OpenAIResponsesFilePartBody {
  const source = part.source;
  if (source.kind === 'text') {
    const heading = part.title ?? part.filename;
    return { type: 'input_text', text: heading === undefined || heading === '' ? source.text : `${heading}\n${source.text}` };
  }
  if (part.title !== undefined && part.title !== '') {
    addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'document.title', detail: 'input_file parts have a filename only' });
  }
  if (source.kind === 'base64') return { type: 'input_file', filename: buildOpenAIFileName(part), file_data: `data:${source.mediaType};base64,${source.data}` };
  return part.filename === undefined ? { type: 'input_file', file_url: source.url } : { type: 'input_file', file_url: source.url, filename: part.filename };
}
