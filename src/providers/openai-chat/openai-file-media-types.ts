/**
 * File name extensions and media types of the documents OpenAI's file inputs take (PDF, the text and code
 * formats, spreadsheets), both ways: the media type of a `file_data` that is not a data URL, and the
 * default name of a file that has none (Responses requires `filename` with `file_data`).
 * @see https://platform.openai.com/docs/guides/pdf-files
 */
export const openaiFileMediaTypes = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  tsv: 'text/tab-separated-values',
  html: 'text/html',
  xml: 'application/xml',
  json: 'application/json',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<string, string>;
