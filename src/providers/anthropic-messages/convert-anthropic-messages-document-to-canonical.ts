import type { FilePart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { AnthropicMessagesDocumentBlock } from './anthropic-messages-wire-schema.ts';

/**
 * An AM `document` block -> a canonical file (its `cache_control` is the caller's). A PDF by `base64` or `url`
 * and a plain-text source keep their source and `title`. `context` (text about the document) and
 * `citations` (answer with citations into it) have no counterpart elsewhere: dropped with a warning. A
 * `content` source (the client's own blocks, for custom citation chunks) and a `file` source (Files API:
 * no other provider can fetch it) are a 400 naming the source: dropping them would change the question.
 * @see https://docs.anthropic.com/en/docs/build-with-claude/pdf-support
 * @see https://docs.anthropic.com/en/docs/build-with-claude/citations
 */
export function convertAnthropicMessagesDocumentToCanonical(block: AnthropicMessagesDocumentBlock, warnings: ConversionWarning[], path: string): FilePart {
  if (block.context != null && block.context !== '') {
    warnings.push({ type: 'dropped', feature: `${path}.context`, detail: 'document context is not carried' });
  }
  if (block.citations?.enabled === true) {
    warnings.push({ type: 'dropped', feature: `${path}.citations`, detail: 'document citations are not carried' });
  }
  const source = block.source;
  const title = block.title == null || block.title === '' ? {} : { title: block.title };
  switch (source.type) {
    case 'base64':
      return { type: 'file', source: { kind: 'base64', mediaType: source.media_type, data: source.data }, ...title };
    case 'url':
      return { type: 'file', source: { kind: 'url', url: source.url }, ...title };
    case 'text':
      return { type: 'file', source: { kind: 'text', mediaType: source.media_type, text: source.data }, ...title };
    case 'content':
      throw new GatewayError('GW_ERR_INVALID_REQUEST', {
        message: `${path}.source: documents with a content source (custom content blocks) cannot be sent to this model's provider.`,
        param: `${path}.source`,
      });
    case 'file':
      throw new GatewayError('GW_ERR_INVALID_REQUEST', {
        message: `${path}.source: documents with a file source (Files API) cannot be sent to this model's provider.`,
        param: `${path}.source`,
      });
  }
}
