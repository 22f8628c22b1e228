import * as d3 from 'd3';
import type { LessonFigure } from './types';

type Text = { zh: string; en: string };
type Kind = 'question' | 'thought' | 'action' | 'observation' | 'answer' | 'stop';
interface TraceEvent {
  kind: Kind;
  text: Text;
}

const NODES: { kind: Kind; name: Text; x: number; y: number }[] = [
  { kind: 'question', name: { zh: '问题', en: 'Question' }, x: 72, y: 110 },
  { kind: 'thought', name: { zh: '思考', en: 'Thought' }, x: 220, y: 45 },
  { kind: 'action', name: { zh: '行动（调用工具）', en: 'Action (tool call)' }, x: 360, y: 175 },
  { kind: 'observation', name: { zh: '观察（工具结果）', en: 'Observation' }, x: 180, y: 175 },
  { kind: 'answer', name: { zh: '最终回答', en: 'Final answer' }, x: 450, y: 45 },
  { kind: 'stop', name: { zh: '强制停止', en: 'Forced stop' }, x: 560, y: 175 },
];
const EDGES: [Kind, Kind][] = [
  ['question', 'thought'], ['thought', 'action'], ['action', 'observation'],
  ['observation', 'thought'], ['thought', 'answer'], ['action', 'stop'],
];

const q = (zh: string, en: string): Text => ({ zh, en });
const SCENARIOS: { name: Text; events: TraceEvent[] }[] = [
  {
    name: q('成功：两次搜索 + 一次计算', 'Success: two searches and a calculation'),
    events: [
      { kind: 'question', text: q('ChatGPT 发布和 GPT-4 发布之间隔了多少天？', 'How many days passed between the release of ChatGPT and the release of GPT-4?') },
      { kind: 'thought', text: q('需要两个发布日期，先查 ChatGPT。', 'I need both release dates. ChatGPT first.') },
      { kind: 'action', text: q('search("ChatGPT 发布日期")', 'search("ChatGPT release date")') },
      { kind: 'observation', text: q('OpenAI 于 2022 年 11 月 30 日发布 ChatGPT。', 'OpenAI launched ChatGPT on 30 November 2022.') },
      { kind: 'thought', text: q('再查 GPT-4。', 'Now GPT-4.') },
      { kind: 'action', text: q('search("GPT-4 发布日期")', 'search("GPT-4 release date")') },
      { kind: 'observation', text: q('GPT-4 于 2023 年 3 月 14 日发布。', 'GPT-4 was announced on 14 March 2023.') },
      { kind: 'thought', text: q('日期相减交给工具，不要心算。', 'Let a tool do the date arithmetic instead of guessing.') },
      { kind: 'action', text: q('date_diff("2022-11-30", "2023-03-14")', 'date_diff("2022-11-30", "2023-03-14")') },
      { kind: 'observation', text: q('104', '104') },
      { kind: 'thought', text: q('信息齐了，可以回答。', 'I have everything I need.') },
      { kind: 'answer', text: q('相隔 104 天。', '104 days.') },
    ],
  },
  {
    name: q('失败：原地打转，被步数上限叫停', 'Failure: going in circles until the step limit'),
    events: [
      { kind: 'question', text: q('内部报告里第三季度营收是多少？', 'What Q3 revenue does the internal report give?') },
      { kind: 'thought', text: q('搜索这份报告。', 'Search for the report.') },
      { kind: 'action', text: q('search("第三季度 营收 报告")', 'search("Q3 revenue report")') },
      { kind: 'observation', text: q('无结果。', 'No results.') },
      { kind: 'thought', text: q('换个说法再搜。', 'Try different words.') },
      { kind: 'action', text: q('search("Q3 营收")', 'search("third quarter revenue")') },
      { kind: 'observation', text: q('无结果。', 'No results.') },
      { kind: 'thought', text: q('再换个说法搜一次。', 'Try different words again.') },
      { kind: 'action', text: q('search("季度营收 报告 内部")', 'search("internal quarterly revenue")') },
      { kind: 'stop', text: q('达到 max_steps = 3，程序停止循环，告诉用户找不到，而不是继续烧钱。', 'max_steps = 3 reached: the program stops the loop and tells the user it found nothing, instead of burning more tokens.') },
    ],
  },
];

export const figure: LessonFigure = {
  id: 'agent-loop',
  title: { zh: 'ReAct 智能体循环：思考 → 行动 → 观察', en: 'The ReAct agent loop: thought → action → observation' },
  render(el, lang) {
    let scenario = 0;
    let step = 0;

    const root = d3.select(el).append('div').attr('class', 'figure-agent-loop');
    const controls = root.append('div').style('display', 'flex').style('flex-wrap', 'wrap').style('gap', '0.5rem');
    controls.append('select').attr('aria-label', lang === 'zh' ? '场景' : 'Scenario')
      .on('change', (e: Event) => {
        scenario = Number((e.target as HTMLSelectElement).value);
        step = 0;
        draw();
      })
      .selectAll('option').data(SCENARIOS).join('option')
      .attr('value', (_s, i) => i).text((s) => s.name[lang]);
    const back = controls.append('button').attr('type', 'button').text(lang === 'zh' ? '← 上一步' : '← Back')
      .on('click', () => { step = Math.max(0, step - 1); draw(); });
    const next = controls.append('button').attr('type', 'button').text(lang === 'zh' ? '下一步 →' : 'Step →')
      .on('click', () => { step++; draw(); });

    const svg = root.append('svg').attr('viewBox', '0 0 640 220').attr('width', '100%').attr('role', 'img')
      .attr('aria-label', lang === 'zh' ? 'ReAct 循环图：问题、思考、行动、观察、最终回答' : 'ReAct loop diagram: question, thought, action, observation, final answer')
      .style('font', '13px sans-serif');
    svg.append('title').text(figure.title[lang]);
    const at = (k: Kind) => NODES.find((n) => n.kind === k) ?? { x: 0, y: 0 };
    svg.selectAll('line').data(EDGES).join('line')
      .attr('x1', (e) => at(e[0]).x).attr('y1', (e) => at(e[0]).y)
      .attr('x2', (e) => at(e[1]).x).attr('y2', (e) => at(e[1]).y)
      .style('stroke', 'var(--border)').style('stroke-width', 2)
      .style('stroke-dasharray', (e) => (e[1] === 'stop' ? '5 4' : null));
    const nodes = svg.selectAll('g').data(NODES).join('g').attr('transform', (n) => `translate(${n.x}, ${n.y})`);
    nodes.append('ellipse').attr('rx', 62).attr('ry', 22).style('stroke', 'var(--fg)');
    nodes.append('text').attr('text-anchor', 'middle').attr('y', 5).style('fill', 'var(--fg)').text((n) => n.name[lang]);
    const counter = svg.append('text').attr('x', 630).attr('y', 20).attr('text-anchor', 'end').style('fill', 'var(--muted)');
    const log = root.append('ol').attr('aria-live', 'polite').style('font-family', 'monospace').style('margin', '0.25rem 0 0');

    function draw() {
      const events = SCENARIOS[scenario]?.events ?? [];
      step = Math.min(step, events.length - 1);
      const current = events[step];
      const shown = events.slice(0, step + 1);
      nodes.select('ellipse')
        .style('fill', (n) => (n.kind === current?.kind ? (n.kind === 'stop' ? 'var(--accent-2)' : 'var(--accent)') : 'var(--bg)'))
        .style('fill-opacity', (n) => (n.kind === current?.kind ? 0.45 : 1));
      const calls = shown.filter((e) => e.kind === 'thought').length;
      counter.text(lang === 'zh' ? `已调用大模型 ${calls} 次` : `LLM calls so far: ${calls}`);
      log.selectAll('li').data(shown).join('li')
        .style('font-weight', (_e, i) => (i === step ? '700' : '400'))
        .text((e) => `${NODES.find((n) => n.kind === e.kind)?.name[lang] ?? ''}: ${e.text[lang]}`);
      back.property('disabled', step === 0);
      next.property('disabled', step === events.length - 1);
    }

    draw();
    return () => root.remove();
  },
};
