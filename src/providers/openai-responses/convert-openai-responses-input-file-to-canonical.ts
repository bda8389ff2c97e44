import type { FilePart } from '../../canonical/canonical-content.ts';
import type { ConversionWarning } from '../../canonical/conversion-warning.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import { parseOpenAIFileData } from '../openai-chat/parse-openai-file-data.ts';
import { addOpenAIResponsesWarning } from './add-openai-responses-warning.ts';
import type { OpenAIResponsesInputFile } from './openai-responses-input-item-schema.ts';

/**
 * An `input_file` part -> a canonical file: `file_data` (a base64 data URL) -> bytes, else `file_url` -> a
 * URL; `filename` kept. A file by `file_id` only (OpenAI's Files API: no other provider can read it), one
 * with none of the three, or `file_data` that is not base64, is a 400 naming the field: dropping the file
 * would change the question. `detail` (page-image quality) only tunes cost: dropped with a warning.
 * `param` names the part (`input[0].content[1]`).
 * @see https://platform.openai.com/docs/guides/pdf-files
 */
export function convertOpenAIResponsesInputFileToCanonical(part: OpenAIResponsesInputFile, param: string, warnings: ConversionWarning[]): FilePart {
  if (part.detail != null && part.detail !== 'auto') {
    addOpenAIResponsesWarning(warnings, { type: 'dropped', feature: 'input_file.detail', detail: 'files have no detail setting at this provider' });
  }
  const filename = part.filename == null || part.filename === '' ? {} : { filename: part.filename };
  if (part.file_data != null) {
    const bytes = parseOpenAIFileData(part.file_data, filename.filename);
    if (bytes === undefined) {
      throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: "'file_data' must be base64 (a data:<type>;base64,… URL).", param: `${param}.file_data` });
    }
    return { type: 'file', source: { kind: 'base64', mediaType: bytes.mediaType, data: bytes.data }, ...filename };
  }
  if (part.file_url != null) return { type: 'file', source: { kind: 'url', url: part.file_url }, ...filename };
  if (part.file_id != null) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', {
      message: "A file given by 'file_id' (OpenAI Files API) cannot be translated for this model's provider; send 'file_data' or 'file_url'.",
      param: `${param}.file_id`,
    });
  }
  throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: "An 'input_file' part needs 'file_data' or 'file_url'.", param });
}
