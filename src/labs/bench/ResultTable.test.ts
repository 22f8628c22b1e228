import { render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLang, setupI18n } from '../../lib/i18n';
import type { BenchRun, Figure } from './core/types';
import ResultTable from './ResultTable.svelte';
import SpeedupChart from './SpeedupChart.svelte';

const fig = (over: Partial<Figure> & Pick<Figure, 'id' | 'role' | 'samples'>): Figure => ({ suite: 'vectors', label: over.id, unit: 'QPS', better: 'higher', ...over });
const run: BenchRun = {
  app: 'llm-learning-lab', kind: 'bench-run', version: 1, id: 'r1', mode: 'full', startedAt: '2025-01-01T00:00:00Z', finishedAt: '2025-01-01T00:05:00Z', origin: 'page',
  machine: { userAgent: 'UA', cores: 2, crossOriginIsolated: true, wasmThreads: 2, simd: true, webgpu: { available: false, fallbackAdapter: false, adapter: '' }, deviceMemoryGb: null },
  suites: [{
    suite: 'vectors',
    figures: [
      fig({ id: 'vectors/exact/ours', label: 'exact scan', role: 'ours', compare: 'vectors/exact', samples: [400, 380, 420], backend: 'js' }),
      fig({ id: 'vectors/exact/naive', label: 'naive loop', role: 'peer', compare: 'vectors/exact', samples: [100], backend: 'js', note: '20 queries' }),
    ],
    skipped: ['hnswlib-wasm cannot run here'],
    notes: ['k = 10'],
    ms: 1000,
  }],
};

beforeAll(() => {
  // jsdom has no ResizeObserver (bind:clientWidth uses one); the charts only need it to exist
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
  setupI18n(null);
  setLang('en');
});

describe('ResultTable', () => {
  it('shows each figure with its median, range and the speed-up of ours on the peer row', () => {
    render(ResultTable, { run });
    const rows = within(screen.getByTestId('bench-table')).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('exact scan (ours)');
    expect(rows[1]).toHaveTextContent('400');
    expect(rows[1]).toHaveTextContent('380–420');
    expect(rows[2]).toHaveTextContent('naive loop (peer)');
    expect(rows[2]).toHaveTextContent('20 queries');
    expect(rows[2]).toHaveTextContent('4.00×');
    expect(screen.getByText('vectors: hnswlib-wasm cannot run here')).toBeInTheDocument();
    expect(screen.getByText('vectors: k = 10')).toBeInTheDocument();
  });
});

describe('SpeedupChart', () => {
  it('draws one bar per peer with its speed-up', () => {
    render(SpeedupChart, { run });
    const chart = screen.getByTestId('bench-speedup-chart');
    expect(chart.querySelectorAll('rect.bar')).toHaveLength(1);
    expect(chart.querySelector('rect.bar')).toHaveClass('win');
    expect(chart).toHaveTextContent('4.00×');
  });
});
