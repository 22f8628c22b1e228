import { describe, expect, it } from 'vitest';
import { drawProbabilityBars } from './probability-bars';

describe('drawProbabilityBars(svg, probs, labels, colorOf)', () => {
  it('draws one labelled bar per label, as wide as its probability', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    drawProbabilityBars(svg, [0.1, 0.9], ['O', 'B-Disease'], (l) => (l === 'O' ? 'grey' : 'red'), { width: 200, labelWidth: 66 });
    const rects = [...svg.querySelectorAll('rect')];
    expect(rects.map((r) => [r.style.fill, Number(r.getAttribute('width')).toFixed(1)])).toEqual([
      ['grey', '10.0'],
      ['red', '90.0'],
    ]);
    expect([...svg.querySelectorAll('.bar-label')].map((t) => t.textContent)).toEqual(['O', 'B-Disease']);
    drawProbabilityBars(svg, [1, 0], ['O', 'B-Disease'], () => 'x');
    expect(svg.querySelectorAll('rect')).toHaveLength(2);
  });
  it('rejects a distribution that does not match the labels', () => {
    const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
    expect(() => drawProbabilityBars(svg, [1], ['O', 'B-X'], () => 'x')).toThrow(RangeError);
  });
});
