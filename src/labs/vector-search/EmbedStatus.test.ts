import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import { setLang, setupI18n } from '../../lib/i18n';
import type { Embedder, LabRuntime } from './embedder.svelte';
import { Embedding } from './embedding.svelte';
import EmbedStatus from './EmbedStatus.svelte';
import type { VectorStore } from './store/vector-db';

/** An Embedding in the state a crashed run leaves (see embedding.test.ts for the run itself). */
function crashedRun(): Embedding {
  const embedding = new Embedding({ store: {} as VectorStore, runtime: {} as LabRuntime, embedder: {} as Embedder, reload: { deferReload: () => () => undefined } });
  embedding.lastOutcome = 'crashed';
  embedding.problem = { code: 'model-crashed', values: { collection: 'SciFact', detail: 'RuntimeError: Aborted(OOM)', stored: 64, total: 150, next: 65 } };
  return embedding;
}

beforeAll(() => {
  setupI18n(null);
});

describe('EmbedStatus', () => {
  it('a run cut short by a model-worker crash is announced as an alert naming the crash, what is saved and where Resume continues', () => {
    setLang('en');
    render(EmbedStatus, { embedding: crashedRun() });
    expect(screen.getByTestId('vs-embed-status')).toHaveAttribute('data-outcome', 'crashed');
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The model worker crashed while embedding “SciFact” (RuntimeError: Aborted(OOM)) and has been restarted. 64 of 150 chunks are saved; “Resume embedding” loads the model again and continues from chunk 65.',
    );
  });

  it('says it in Chinese too', () => {
    setLang('zh');
    render(EmbedStatus, { embedding: crashedRun() });
    flushSync();
    expect(screen.getByRole('alert')).toHaveTextContent('编码“SciFact”时模型工作线程崩溃了（RuntimeError: Aborted(OOM)），已重新启动。已保存 64 / 150 个文本块；点“继续编码”会重新加载模型，从第 65 块接着编码。');
  });

  it('Cancel is offered while the model loads for the run', () => {
    setLang('en');
    const embedding = crashedRun();
    embedding.problem = null;
    embedding.phase = 'loading-model';
    render(EmbedStatus, { embedding });
    expect(screen.getByRole('status')).toHaveTextContent('Loading the model…');
    expect(screen.getByTestId('vs-embed-cancel')).toHaveTextContent('Cancel');
  });
});
