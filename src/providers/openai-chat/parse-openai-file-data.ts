import { openaiFileMediaTypes } from './openai-file-media-types.ts';

/**
 * Chat `file.file_data` / Responses `input_file.file_data` -> base64 bytes and their media type. The
 * documented form is a base64 data URL (`data:application/pdf;base64,…`); bare base64 is taken too, typed by
 * the filename's extension (a PDF without one: the only type Chat takes, and the documented example), or
 * `application/octet-stream` for an extension not in the table. A data URL that is not base64 gives
 * `undefined`: the caller refuses it by name. Scans only the header: the payload can be megabytes.
 * @see https://platform.openai.com/docs/guides/pdf-files#base64-encoded-files
 */
export function parseOpenAIFileData(fileData: string, filename: string | undefined): { mediaType: string; data: string } | undefined {
  if (!fileData.startsWith('data:')) return { mediaType: mediaTypeOf(filename), data: fileData };
  const comma = fileData.indexOf(',');
  if (comma === -1) return undefined;
  const header = fileData.slice('data:'.length, comma).split(';');
  if (header.at(-1)?.trim().toLowerCase() !== 'base64') return undefined;
  const declared = header.length > 1 ? (header[0]?.trim().toLowerCase() ?? '') : '';
  return { mediaType: declared === '' ? mediaTypeOf(filename) : declared, data: fileData.slice(comma + 1) };
}

function mediaTypeOf(filename: string | undefined): string {
  if (filename === undefined) return openaiFileMediaTypes.pdf;
  const dot = filename.lastIndexOf('.');
  const extension = dot === -1 ? '' : filename.slice(dot + 1).toLowerCase();
  return Object.hasOwn(openaiFileMediaTypes, extension) ? openaiFileMediaTypes[extension as keyof typeof openaiFileMediaTypes] : 'application/octet-stream';
}
