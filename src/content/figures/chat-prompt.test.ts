import { describe, expect, it } from 'vitest';
import { CHATML_TEMPLATE, promptPieces, renderChatPrompt, type ChatMessage } from './chat-prompt';

const conversation: ChatMessage[] = [
  { role: 'system', content: 'You are a concise medical assistant.' },
  { role: 'user', content: 'What is hypotension?' },
];

describe('renderChatPrompt', () => {
  it('renderChatPrompt(ChatML, system + user, true) ends with an open assistant turn', () => {
    expect(renderChatPrompt(CHATML_TEMPLATE, conversation, true)).toBe(
      '<|im_start|>system\nYou are a concise medical assistant.<|im_end|>\n' +
        '<|im_start|>user\nWhat is hypotension?<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
  });

  it('renderChatPrompt(ChatML, system + user, false) stops after the last message', () => {
    expect(renderChatPrompt(CHATML_TEMPLATE, conversation, false)).toBe(
      '<|im_start|>system\nYou are a concise medical assistant.<|im_end|>\n' +
        '<|im_start|>user\nWhat is hypotension?<|im_end|>\n',
    );
  });

  it('renderChatPrompt(ChatML, user only, true) inserts the default system message', () => {
    expect(renderChatPrompt(CHATML_TEMPLATE, [{ role: 'user', content: 'Hi' }], true)).toBe(
      '<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n' +
        '<|im_start|>user\nHi<|im_end|>\n' +
        '<|im_start|>assistant\n',
    );
  });

  it('renderChatPrompt keeps a few-shot assistant turn and the user text verbatim', () => {
    const fewShot: ChatMessage[] = [
      { role: 'user', content: 'fever -> ?' },
      { role: 'assistant', content: 'symptom' },
      { role: 'user', content: 'aspirin -> ?' },
    ];
    const prompt = renderChatPrompt(CHATML_TEMPLATE, fewShot, true);
    expect(prompt).toContain('<|im_start|>assistant\nsymptom<|im_end|>\n<|im_start|>user\naspirin -> ?<|im_end|>\n');
    expect(prompt.endsWith('<|im_start|>assistant\n')).toBe(true);
  });

  it('renderChatPrompt renders an empty conversation as the generation prompt alone', () => {
    expect(renderChatPrompt(CHATML_TEMPLATE, [], true)).toBe('<|im_start|>assistant\n');
  });

  it('renderChatPrompt rejects an unknown role and a template that does not parse', () => {
    const bad = [{ role: 'tool', content: 'x' }] as unknown as ChatMessage[];
    expect(() => renderChatPrompt(CHATML_TEMPLATE, bad, true)).toThrow('invalid role at message 0: tool');
    expect(() => renderChatPrompt('{% for m in messages %}', conversation, true)).toThrow();
  });
});

describe('promptPieces', () => {
  it('promptPieces splits special tokens, newlines and text, and joins back to the prompt', () => {
    const prompt = '<|im_start|>user\nHi<|im_end|>\n';
    const pieces = promptPieces(prompt);
    expect(pieces).toEqual([
      { kind: 'special', text: '<|im_start|>' },
      { kind: 'text', text: 'user' },
      { kind: 'newline', text: '\n' },
      { kind: 'text', text: 'Hi' },
      { kind: 'special', text: '<|im_end|>' },
      { kind: 'newline', text: '\n' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe(prompt);
  });

  it('promptPieces leaves text with a lone pipe or angle bracket alone', () => {
    expect(promptPieces('a | b < c')).toEqual([{ kind: 'text', text: 'a | b < c' }]);
    expect(promptPieces('')).toEqual([]);
  });
});
