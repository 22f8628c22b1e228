import * as d3 from 'd3';
import { bruteForceNearest, buildSketch, greedySearch, seededRandom, type HnswSketch, type Point } from './hnsw-sketch';
import type { LessonFigure } from './types';

const N = 48;
const MAX_LEVEL = 2;
const PANEL = 190;
const GAP = 25;
const TOP = 30;

function makePoints(seed: number): Point[] {
  const random = seededRandom(seed);
  return Array.from({ length: N }, () => ({ x: 0.05 + 0.9 * random(), y: 0.05 + 0.9 * random() }));
}

export const figure: LessonFigure = {
  id: 'hnsw-layers',
  title: { zh: 'HNSW：分层图上的贪心搜索', en: 'HNSW: greedy search down a layered graph' },
  render(el, lang) {
    const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
    let seed = 7;
    let m = 3;
    let query: Point = { x: 0.82, y: 0.22 };
    let points = makePoints(seed);
    let sketch: HnswSketch = buildSketch(points, m, MAX_LEVEL, seededRandom(seed * 31 + m));

    const root = d3.select(el).append('div').attr('class', 'figure-hnsw-layers');
    const controls = root.append('div').style('display', 'flex').style('flex-wrap', 'wrap').style('gap', '1rem');
    const mLabel = controls.append('label');
    mLabel.append('span').text(t('每个节点的邻居数 M：', 'Links per node M: '));
    const mValue = mLabel.append('output').text(String(m));
    mLabel
      .append('input')
      .attr('type', 'range')
      .attr('min', 2)
      .attr('max', 6)
      .attr('value', m)
      .attr('aria-label', 'M')
      .on('input', (event: Event) => {
        m = Number((event.target as HTMLInputElement).value);
        rebuild();
      });
    controls
      .append('button')
      .attr('type', 'button')
      .text(t('换一组点', 'New points'))
      .on('click', () => {
        seed++;
        points = makePoints(seed);
        rebuild();
      });

    const width = 3 * PANEL + 2 * GAP;
    const svg = root
      .append('svg')
      .attr('viewBox', `0 0 ${width} ${PANEL + TOP + 10}`)
      .attr('width', '100%')
      .attr('role', 'img')
      .attr('aria-label', t('HNSW 三层图与一次查询的贪心路径；点击任意面板移动查询点', 'Three HNSW layers and the greedy path of one query; click a panel to move the query'))
      .style('font', '12px sans-serif');
    svg.append('title').text(t('HNSW 分层图', 'HNSW layered graph'));
    const panels = svg.append('g');
    const status = root.append('p').attr('aria-live', 'polite').style('margin', '0.25rem 0 0');

    const scale = d3.scaleLinear().domain([0, 1]).range([0, PANEL]);

    function rebuild() {
      sketch = buildSketch(points, m, MAX_LEVEL, seededRandom(seed * 31 + m));
      mValue.text(String(m));
      draw();
    }

    function draw() {
      const paths = greedySearch(points, sketch, query);
      const found = paths[paths.length - 1]?.at(-1) ?? sketch.entry;
      const exact = bruteForceNearest(points, query);
      const top = sketch.layers.length - 1;
      panels.selectAll('*').remove();

      sketch.layers.forEach((layer, l) => {
        const column = top - l; // top layer on the left, layer 0 on the right
        const g = panels.append('g').attr('transform', `translate(${column * (PANEL + GAP)}, ${TOP})`);
        const path = paths[column] ?? [];
        g.append('text')
          .attr('y', -10)
          .style('fill', 'var(--fg)')
          .style('font-weight', '600')
          .text(`${t('第', 'Layer ')}${l}${t(' 层', '')} · ${layer.size} ${t('个节点', 'nodes')}`);
        g.append('rect')
          .attr('width', PANEL)
          .attr('height', PANEL)
          .style('fill', 'var(--bg)')
          .style('stroke', 'var(--border)')
          .style('cursor', 'crosshair')
          .on('click', (event: MouseEvent) => {
            const [px, py] = d3.pointer(event, g.node());
            query = { x: scale.invert(px), y: scale.invert(py) };
            draw();
          });
        const edges: [Point, Point][] = [];
        for (const [i, neighbours] of layer) {
          for (const j of neighbours) if (i < j) edges.push([points[i]!, points[j]!]);
        }
        // Colours are set once per group and inherited: far fewer style writes than one per element.
        g.append('g')
          .style('stroke', 'var(--border)')
          .attr('pointer-events', 'none')
          .selectAll('line')
          .data(edges)
          .join('line')
          .attr('x1', (e) => scale(e[0].x))
          .attr('y1', (e) => scale(e[0].y))
          .attr('x2', (e) => scale(e[1].x))
          .attr('y2', (e) => scale(e[1].y));
        g.append('path')
          .attr('d', d3.line<number>((i) => scale(points[i]!.x), (i) => scale(points[i]!.y))(path))
          .attr('fill', 'none')
          .attr('stroke-width', 2.5)
          .attr('pointer-events', 'none')
          .style('stroke', 'var(--accent)');
        const circles = g
          .append('g')
          .style('fill', 'var(--muted)')
          .attr('pointer-events', 'none')
          .selectAll('circle')
          .data([...layer.keys()])
          .join('circle')
          .attr('cx', (i) => scale(points[i]!.x))
          .attr('cy', (i) => scale(points[i]!.y))
          .attr('r', (i) => (i === sketch.entry ? 6 : (sketch.levels[i] ?? 0) > l ? 4.5 : 3));
        circles.filter((i) => path.includes(i)).style('fill', 'var(--accent)');
        circles
          .filter((i) => l === 0 && i === exact)
          .attr('stroke-width', 3)
          .style('stroke', 'var(--accent-2)');
        g.append('path')
          .attr('d', d3.symbol(d3.symbolCross, 70)())
          .attr('transform', `translate(${scale(query.x)}, ${scale(query.y)}) rotate(45)`)
          .attr('pointer-events', 'none')
          .style('fill', 'var(--accent-2)');
      });

      const visited = new Set(paths.flat()).size;
      const verdict =
        found === exact
          ? t('找到了真正的最近邻 ✓', 'the true nearest neighbour ✓')
          : t(`但真正的最近邻是 #${exact}（近似搜索的代价）✗`, `but the true nearest is #${exact} (the price of approximate search) ✗`);
      status.text(
        t(
          `贪心搜索从入口 #${sketch.entry} 出发，只访问了 ${N} 个点中的 ${visited} 个，返回 #${found}：${verdict}`,
          `Greedy search starts at entry #${sketch.entry}, visits ${visited} of ${N} points and returns #${found}: ${verdict}`,
        ),
      );
    }

    draw();
    return () => root.remove();
  },
};
