import { GatewayError } from '../../errors/gateway-error.ts';
import { type OpenAIChatRequestDetail, openaiChatRequestDetailSchema } from './openai-chat-request-detail-schema.ts';

/**
 * Checks the fields the translators read; the first problem becomes a 400 naming the field the way
 * OpenAI does (`messages[1].content[0].type`).
 */
export function parseOpenAIChatRequestDetail(body: unknown): OpenAIChatRequestDetail {
  const result = openaiChatRequestDetailSchema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (issue === undefined) throw new GatewayError('GW_ERR_INVALID_REQUEST');
  const param = issue.path.map((segment, index) => (typeof segment === 'number' ? `[${segment}]` : `${index === 0 ? '' : '.'}${String(segment)}`)).join('');
  const message = param === '' ? `Invalid request: ${issue.message}.` : `Invalid '${param}': ${issue.message}.`;
  throw new GatewayError('GW_ERR_INVALID_REQUEST', param === '' ? { message } : { message, param });
}
