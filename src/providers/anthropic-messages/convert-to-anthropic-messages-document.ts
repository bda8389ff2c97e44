import type { FilePart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';
import type { AnthropicDocumentBlockBody } from './anthropic-messages-wire-types.ts';

/**
 * A canonical file -> an AM `document` block (its `cache_control` is the caller's). AM documents are PDFs
 * (`base64`, `url`) or plain text, so a base64 `text/*` file (a Responses client's `.txt`, `.md`, `.csv`) is
 * decoded into a plain-text source, with a warning when its media type was not `text/plain`. Other media
 * types go as they are, and the provider answers for them. With no `title`, the OpenAI `filename` is the
 * title, so the model still sees the document's name.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
 * @see https://docs.anthropic.com/en/docs/build-with-claude/citations#plain-text-documents
 */
export function convertToAnthropicMessagesDocument(part: FilePart, warnings: ConversionWarning[], feature: string): AnthropicDocumentBlockBody {
  const block: AnthropicDocumentBlockBody = { type: 'document', source: toSource(part, warnings, feature) };
  const title = part.title ?? part.filename;
  if (title !== undefined && title !== '') block.title = title;
  return block;
}

function toSource(part: FilePart, warnings: ConversionWarning[], feature: string): AnthropicDocumentBlockBody['source'] {
  const source = part.source;
  switch (source.kind) {
    case 'url':
      return { type: 'url', url: source.url };
    case 'text':
      return { type: 'text', media_type: 'text/plain', data: source.text };
    case 'base64': {
      const mediaType = source.mediaType.toLowerCase();
      if (!mediaType.startsWith('text/')) return { type: 'base64', media_type: source.mediaType, data: source.data };
      if (mediaType !== 'text/plain') {
        warnings.push({ type: 'adjusted', feature, detail: `a ${source.mediaType} file is sent as a plain-text document` });
      }
      return { type: 'text', media_type: 'text/plain', data: Buffer.from(source.data, 'base64').toString('utf8') };
    }
  }
}
