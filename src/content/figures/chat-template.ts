import * as d3 from 'd3';
import type { Lang } from '../../lib/i18n/catalogue';
import type { LessonFigure } from './types';
import { CHAT_ROLES, CHATML_TEMPLATE, promptPieces, renderChatPrompt, type ChatMessage } from './chat-prompt';

const TEXT = {
  title: { zh: '聊天模板：消息列表如何变成一段提示词', en: 'Chat template: how a message list becomes one prompt' },
  hint: {
    zh: '编辑下面的消息（角色和内容），下方实时显示用 @huggingface/jinja 渲染出的真实提示词。',
    en: 'Edit the messages (role and content); the prompt rendered live by @huggingface/jinja appears below.',
  },
  messages: { zh: '消息列表', en: 'Messages' },
  add: { zh: '＋ 添加消息', en: '+ Add message' },
  remove: { zh: '删除这条消息', en: 'Remove this message' },
  genPrompt: { zh: 'add_generation_prompt（在末尾为模型打开一个 assistant 轮次）', en: 'add_generation_prompt (open an assistant turn at the end for the model)' },
  template: { zh: 'Jinja 模板（ChatML 格式，可编辑）', en: 'Jinja template (ChatML form, editable)' },
  reset: { zh: '恢复默认模板', en: 'Reset template' },
  output: { zh: '渲染结果（模型实际读到的文本；↵ 表示换行）', en: 'Rendered prompt (what the model actually reads; ↵ marks a newline)' },
  stats: { zh: (c: number, s: number) => `${c} 个字符，其中 ${s} 个特殊标记`, en: (c: number, s: number) => `${c} characters, ${s} special tokens` },
  error: { zh: '模板出错：', en: 'Template error: ' },
} as const;

const START: ChatMessage[] = [
  { role: 'system', content: 'Classify each term as "disease" or "chemical". Answer with one word.' },
  { role: 'user', content: 'aspirin' },
  { role: 'assistant', content: 'chemical' },
  { role: 'user', content: 'hypotension' },
];

export const figure: LessonFigure = {
  id: 'chat-template',
  title: { zh: TEXT.title.zh, en: TEXT.title.en },
  render(el: HTMLElement, lang: Lang) {
    const messages: ChatMessage[] = START.map((m) => ({ ...m }));
    let template = CHATML_TEMPLATE;
    let addGenerationPrompt = true;

    const root = d3.select(el).append('div').attr('role', 'group').attr('aria-label', TEXT.title[lang]);
    root.append('p').style('color', 'var(--muted)').text(TEXT.hint[lang]);

    const list = root.append('fieldset').style('border', '1px solid var(--border)').style('padding', '0.5em');
    list.append('legend').text(TEXT.messages[lang]);
    const rows = list.append('div');
    list
      .append('button')
      .attr('type', 'button')
      .text(TEXT.add[lang])
      .on('click', () => {
        const last = messages[messages.length - 1];
        messages.push({ role: last?.role === 'user' ? 'assistant' : 'user', content: '' });
        drawRows();
        update();
      });

    const genLabel = root.append('label').style('display', 'block').style('margin', '0.5em 0');
    genLabel
      .append('input')
      .attr('type', 'checkbox')
      .property('checked', addGenerationPrompt)
      .on('change', (event: Event) => {
        addGenerationPrompt = (event.currentTarget as HTMLInputElement).checked;
        update();
      });
    genLabel.append('span').text(` ${TEXT.genPrompt[lang]}`);

    const details = root.append('details');
    details.append('summary').text(TEXT.template[lang]);
    const templateBox = details
      .append('textarea')
      .attr('rows', 10)
      .attr('spellcheck', 'false')
      .style('width', '100%')
      .style('font-family', 'monospace')
      .property('value', template)
      .on('input', (event: Event) => {
        template = (event.currentTarget as HTMLTextAreaElement).value;
        update();
      });
    details
      .append('button')
      .attr('type', 'button')
      .text(TEXT.reset[lang])
      .on('click', () => {
        template = CHATML_TEMPLATE;
        templateBox.property('value', template);
        update();
      });

    root.append('p').style('margin-bottom', '0.25em').text(TEXT.output[lang]);
    const output = root
      .append('pre')
      .attr('aria-live', 'polite')
      .style('white-space', 'pre-wrap')
      .style('border', '1px solid var(--border)')
      .style('padding', '0.5em')
      .style('color', 'var(--fg)')
      .style('background', 'var(--bg)');
    const stats = root.append('p').style('color', 'var(--muted)').style('font-size', '0.85em');

    function drawRows(): void {
      const row = rows
        .selectAll<HTMLDivElement, ChatMessage>('div.message')
        .data(messages)
        .join((enter) => {
          const div = enter.append('div').attr('class', 'message').style('display', 'flex').style('gap', '0.5em').style('margin-bottom', '0.4em');
          div.append('select').selectAll('option').data(CHAT_ROLES).join('option').attr('value', (r) => r).text((r) => r);
          div.append('textarea').attr('rows', 2).style('flex', '1');
          div.append('button').attr('type', 'button').attr('aria-label', TEXT.remove[lang]).text('×');
          return div;
        });
      row.each(function (m, i) {
        const div = d3.select(this);
        div.select('select').property('value', m.role).on('change', (event: Event) => {
          const message = messages[i];
          if (message) message.role = (event.currentTarget as HTMLSelectElement).value as ChatMessage['role'];
          update();
        });
        div.select('textarea').property('value', m.content).on('input', (event: Event) => {
          const message = messages[i];
          if (message) message.content = (event.currentTarget as HTMLTextAreaElement).value;
          update();
        });
        div.select('button').on('click', () => {
          messages.splice(i, 1);
          drawRows();
          update();
        });
      });
    }

    function update(): void {
      let prompt: string;
      try {
        prompt = renderChatPrompt(template, messages, addGenerationPrompt);
      } catch (err) {
        output.selectAll('span').remove();
        output.text(TEXT.error[lang] + (err instanceof Error ? err.message : String(err)));
        stats.text('');
        return;
      }
      const pieces = promptPieces(prompt);
      output.text('');
      output
        .selectAll('span')
        .data(pieces)
        .join('span')
        .style('color', (p) => (p.kind === 'special' ? 'var(--accent)' : p.kind === 'newline' ? 'var(--muted)' : null))
        .style('font-weight', (p) => (p.kind === 'special' ? '600' : null))
        .text((p) => (p.kind === 'newline' ? '↵\n' : p.text));
      const specials = pieces.filter((p) => p.kind === 'special').length;
      stats.text(TEXT.stats[lang](prompt.length, specials));
    }

    drawRows();
    update();
    return () => root.remove();
  },
};
