/**
 * Hands an SVG `<g>` to a d3 axis through `{@attach axis(generator)}`: d3 owns that group's
 * children, Svelte owns everything else in the chart. The attachment re-runs whenever the
 * generator (a `$derived`) changes, and clears the group when it goes.
 */
import { select, type Axis, type AxisDomain } from 'd3';
import type { Attachment } from 'svelte/attachments';

export function axis<D extends AxisDomain>(generator: Axis<D>): Attachment<SVGGElement> {
  return (group) => {
    select(group).call(generator);
    return () => {
      select(group).selectAll('*').remove();
    };
  };
}
