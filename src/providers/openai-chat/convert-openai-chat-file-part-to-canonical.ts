import type { FilePart } from '../../canonical/canonical-content.ts';
import { GatewayError } from '../../errors/gateway-error.ts';
import type { OpenAIChatRequestMessage } from './openai-chat-request-detail-schema.ts';
import { parseOpenAIFileData } from './parse-openai-file-data.ts';

type UserPart = Exclude<Extract<OpenAIChatRequestMessage, { role: 'user' }>['content'], string>[number];

/**
 * A Chat `file` part's `file` -> a canonical base64 file, `filename` kept. A file by `file_id` (OpenAI's
 * Files API: no other provider can read it) is a 400 naming `file_id`, and so is `file_data` that is not
 * base64: dropping the file would change the question. `param` names the `file` object.
 * @see https://platform.openai.com/docs/guides/pdf-files
 */
export function convertOpenAIChatFilePartToCanonical(file: Extract<UserPart, { type: 'file' }>['file'], param: string): FilePart {
  if (file.file_data == null) {
    throw new GatewayError(
      'GW_ERR_INVALID_REQUEST',
      file.file_id == null
        ? { message: "A file part needs 'file_data'.", param: `${param}.file_data` }
        : {
            message: "Files by 'file_id' (OpenAI Files API) cannot be translated for this model's provider; send the bytes as 'file_data'.",
            param: `${param}.file_id`,
          },
    );
  }
  const filename = file.filename ?? undefined;
  const bytes = parseOpenAIFileData(file.file_data, filename);
  if (bytes === undefined) {
    throw new GatewayError('GW_ERR_INVALID_REQUEST', { message: "'file_data' must be base64 (a data:<type>;base64,… URL).", param: `${param}.file_data` });
  }
  const source = { kind: 'base64', mediaType: bytes.mediaType, data: bytes.data } as const;
  return filename === undefined ? { type: 'file', source } : { type: 'file', source, filename };
}
