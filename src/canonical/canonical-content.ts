/**
 * The gateway's internal form of conversation content, shared by every protocol. One canonical form
 * (not pairwise converters): each protocol needs one converter each way instead of one per other
 * protocol, and every field mapping lives in exactly one place (docs/protocols.md).
 */

/** Anthropic's prompt-caching breakpoint, carried through so translation does not silently drop it. */
export interface CacheControl {
  readonly type: 'ephemeral';
  readonly ttl?: '5m' | '1h';
}

export interface TextPart {
  readonly type: 'text';
  readonly text: string;
  readonly cacheControl?: CacheControl;
}

export type ImageSource = { readonly kind: 'url'; readonly url: string } | { readonly kind: 'base64'; readonly mediaType: string; readonly data: string };

export interface ImagePart {
  readonly type: 'image';
  readonly source: ImageSource;
  /** OpenAI's `detail` (`auto` / `low` / `high`); Anthropic has none. */
  readonly detail?: string;
  readonly cacheControl?: CacheControl;
}

export type FileSource =
  | { readonly kind: 'base64'; readonly mediaType: string; readonly data: string }
  | { readonly kind: 'url'; readonly url: string }
  /** Anthropic's plain-text document source: the text itself, not encoded. */
  | { readonly kind: 'text'; readonly mediaType: string; readonly text: string };

/**
 * A document the model reads (a PDF, a text file): Anthropic `document`, Chat `file`, Responses `input_file`.
 * Files held by a vendor's Files API (`file_id`) are not carried: no other provider can fetch them.
 */
export interface FilePart {
  readonly type: 'file';
  readonly source: FileSource;
  /** OpenAI's `filename` (Responses requires one with `file_data`). */
  readonly filename?: string;
  /** Anthropic's document `title`. */
  readonly title?: string;
  readonly cacheControl?: CacheControl;
}

/** A tool call the assistant made. `arguments` is JSON text exactly as produced (may be partial/invalid). */
export interface ToolCallPart {
  readonly type: 'tool-call';
  /** Passed through unchanged across protocols: OpenAI `id`/`call_id` = Anthropic `tool_use.id`. */
  readonly id: string;
  readonly name: string;
  readonly arguments: string;
  readonly cacheControl?: CacheControl;
}

/** The result of a tool call, sent back by the client. */
export interface ToolResultPart {
  readonly type: 'tool-result';
  readonly toolCallId: string;
  readonly content: string | readonly ToolResultContentPart[];
  readonly isError?: boolean;
  readonly cacheControl?: CacheControl;
}

/**
 * Model reasoning. Opaque fields must round-trip byte for byte to the provider that made them
 * (Anthropic `signature` / `redacted_thinking.data`, Responses `encrypted_content`).
 */
export interface ReasoningPart {
  readonly type: 'reasoning';
  /** Visible reasoning text (Anthropic thinking, Responses summary text joined). */
  readonly text: string;
  readonly signature?: string;
  /** Anthropic `redacted_thinking.data`: no text, only this. */
  readonly redactedData?: string;
  /** Responses reasoning item `encrypted_content`, and its item id (`rs_…`). */
  readonly encryptedContent?: string;
  readonly id?: string;
}

export type UserContentPart = TextPart | ImagePart | FilePart;
/** What a tool result may hold besides a plain string: the same parts as user content. */
export type ToolResultContentPart = TextPart | ImagePart | FilePart;
export type AssistantContentPart = TextPart | ToolCallPart | ReasoningPart;

export type CanonicalMessage =
  /** A system/developer instruction placed inside the conversation (Claude Code sends these). */
  | { readonly role: 'system'; readonly content: readonly TextPart[] }
  | { readonly role: 'user'; readonly content: readonly UserContentPart[] }
  | { readonly role: 'assistant'; readonly content: readonly AssistantContentPart[] }
  /** Results of one assistant turn's tool calls, in order. */
  | { readonly role: 'tool'; readonly content: readonly ToolResultPart[] };
