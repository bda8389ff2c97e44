import type { FilePart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { addOpenAIChatWarning } from './add-openai-chat-warning.ts';
import { buildOpenAIFileName } from './build-openai-file-name.ts';

export interface OpenAIChatFilePartBody {
  type: 'file';
  file: { file_data: string; filename: string };
}

/**
 * A canonical file -> a Chat content part.
 * - Bytes -> a `file` part: a base64 data URL and a filename (its own, else `document.pdf` from the media
 *   type). Chat reads PDFs only; another type is sent as it is and the provider answers for it. An Anthropic
 *   `title` has no field here: dropped with a warning.
 * - Plain text (an Anthropic text document) -> a text part, its title (else filename) as the first line:
 *   OpenAI's own advice for text files in Chat.
 * - A URL -> a 400 naming it: Chat cannot fetch a file URL, and dropping the file would change the question.
 * `path` names the part in canonical terms (`messages[2].content[0]`).
 * @see https://platform.openai.com/docs/guides/pdf-files
 */
export function convertToOpenAIChatFilePart(
  part: FilePart,
  warnings: ConversionWarning[],
  path: string,
): OpenAIChatFilePartBody | { type: 'text'; text: string } {
  const source = part.source;
  switch (source.kind) {
    case 'text': {
      const heading = part.title ?? part.filename;
      return { type: 'text', text: heading === undefined || heading === '' ? source.text : `${heading}\n${source.text}` };
    }
    case 'url':
      throw new GatewayError('GW_ERR_INVALID_REQUEST', {
        message: `${path}: a file given by URL (document source 'url', 'file_url') cannot be sent to a Chat Completions provider, which takes file bytes only.`,
        param: path,
      });
    case 'base64':
      if (part.title !== undefined && part.title !== '') {
        addOpenAIChatWarning(warnings, { type: 'dropped', feature: 'document.title', detail: 'Chat file parts have a filename only' });
      }
      return { type: 'file', file: { filename: buildOpenAIFileName(part), file_data: `data:${source.mediaType};base64,${source.data}` } };
  }
}
