import { Template } from '@huggingface/jinja';

/**
 * Chat templates: how a list of chat messages becomes the single prompt string a model reads.
 *
 * `CHATML_TEMPLATE` is a Jinja template in the ChatML form used by Qwen2- and SmolLM-style models:
 * every message becomes `<|im_start|>role\ncontent<|im_end|>\n`, a default system message is added
 * when the conversation has none, and `add_generation_prompt` opens an assistant turn for the model
 * to complete.
 *
 * @example
 * renderChatPrompt(CHATML_TEMPLATE, [{ role: 'user', content: 'Hi' }], true)
 * // '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n'
 */

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

export const CHAT_ROLES: readonly ChatRole[] = ['system', 'user', 'assistant'];

export const CHATML_TEMPLATE = `{%- for message in messages %}
    {%- if loop.first and message['role'] != 'system' %}
        {{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}
    {%- endif %}
    {{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\\n' }}
{%- endif %}`;

/**
 * Renders `messages` through the Jinja `template` with @huggingface/jinja, the engine transformers.js
 * uses for `apply_chat_template`. Throws on an unknown role or on a template that does not parse.
 */
export function renderChatPrompt(
  template: string,
  messages: readonly ChatMessage[],
  addGenerationPrompt: boolean,
): string {
  for (const [i, m] of messages.entries()) {
    if (!CHAT_ROLES.includes(m.role)) throw new RangeError(`invalid role at message ${i}: ${String(m.role)}`);
  }
  return new Template(template).render({
    messages: messages.map((m) => ({ role: m.role, content: m.content })),
    add_generation_prompt: addGenerationPrompt,
  });
}

export type PromptPieceKind = 'special' | 'newline' | 'text';

export interface PromptPiece {
  kind: PromptPieceKind;
  text: string;
}

const SPECIAL_OR_NEWLINE = /<\|[^|<>\s]+\|>|\n/g;

/**
 * Splits a rendered prompt into special tokens (`<|…|>`), newlines and plain text, so a view can
 * show the scaffolding the template added. Joining the pieces' text gives back `prompt` exactly.
 */
export function promptPieces(prompt: string): PromptPiece[] {
  const pieces: PromptPiece[] = [];
  let last = 0;
  for (const match of prompt.matchAll(SPECIAL_OR_NEWLINE)) {
    const start = match.index;
    if (start > last) pieces.push({ kind: 'text', text: prompt.slice(last, start) });
    pieces.push({ kind: match[0] === '\n' ? 'newline' : 'special', text: match[0] });
    last = start + match[0].length;
  }
  if (last < prompt.length) pieces.push({ kind: 'text', text: prompt.slice(last) });
  return pieces;
}
