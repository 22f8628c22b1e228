/**
 * The Attention lab's own timing marks (src/labs/attention/perf-marks.ts), read from the page while
 * the lab is driven like a learner would: `attention:head-view` (model output → head view drawn),
 * `attention:model-view` (model view shown → every thumbnail painted) and `attention:hover`
 * (pointer on a token → lines redrawn), at 64 and 256 tokens (SVG at 64, canvas above).
 */
const MODEL = 'mini-bert-zh-en';
// Chinese characters are one token each in the model's vocabulary: n − 2 characters + [CLS] + [SEP] = n tokens.
const BASE = '注意力机制让模型在处理每一个词的时候都能看到句子中的其他词并且根据上下文决定它们各自的重要程度这就是变换器模型能够理解长距离依赖关系的原因';

function textOf(tokens) {
  let s = '';
  while (s.length < tokens - 2) s += BASE;
  return s.slice(0, tokens - 2);
}

const measures = (page, name) => page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((m) => m.duration), name);

async function nextMeasure(page, name, action) {
  const before = (await measures(page, name)).length;
  await action();
  await page.waitForFunction(({ n, k }) => performance.getEntriesByName(n, 'measure').length > k, { n: name, k: before }, { timeout: 120_000 });
  return (await measures(page, name)).at(-1);
}

export async function attentionSuite(page, baseUrl, { quick, log }) {
  const t0 = Date.now();
  const result = { suite: 'attention', figures: [], skipped: [], notes: [], ms: 0 };
  const manifest = await (await fetch(`${baseUrl}models/manifest.json`)).json().catch(() => ({ models: [] }));
  const model = manifest.models.find((m) => m.id === MODEL);
  if (!model || !model.files.some((f) => /^onnx\/model(_quantized)?\.onnx$/.test(f.path))) {
    result.skipped.push(`${MODEL}: no ONNX file in models/${MODEL}/onnx/ (the model is not built yet) — skipped`);
    return result;
  }
  const reps = quick ? 1 : 3;
  for (const tokens of quick ? [64] : [64, 256]) {
    log(`attention: ${tokens} tokens`);
    await page.goto('about:blank');
    const first = nextMeasure(page, 'attention:head-view', () => page.goto(`${baseUrl}#/lab/attention?model=shipped:${MODEL}&text=${encodeURIComponent(textOf(tokens))}`));
    await first;
    const shown = await page.locator('[data-testid=head-view] .from button').count();
    const renderer = await page.getByTestId('head-view').getAttribute('data-renderer');
    const head = [];
    for (let i = 0; i < reps; i++) head.push(await nextMeasure(page, 'attention:head-view', () => page.getByTestId('analyse').click()));
    const hover = [];
    for (let i = 1; i <= (quick ? 3 : 12); i++) {
      hover.push(await nextMeasure(page, 'attention:hover', () => page.locator('[data-testid=head-view] .from button').nth(i % shown).hover()));
    }
    await page.mouse.move(0, 0);
    const modelView = [];
    for (let i = 0; i < reps; i++) {
      modelView.push(await nextMeasure(page, 'attention:model-view', () => page.getByRole('tab', { name: 'Model view' }).click()));
      await page.getByRole('tab', { name: 'Head view' }).click();
    }
    const params = { tokens: shown, renderer: renderer ?? '' };
    const fig = (id, label, samples) => ({ id: `attention/${id}/${tokens}`, suite: 'attention', label: `${label}, ${tokens} tokens`, unit: 'ms', better: 'lower', role: 'info', samples, params });
    result.figures.push(
      fig('head-view', `head view render (model output → drawn, ${renderer})`, head),
      fig('model-view', 'model view render (4 layers × 4 heads thumbnails)', modelView),
      fig('hover', 'hover frame (pointer on a token → lines redrawn)', hover),
    );
  }
  result.notes.push(`measured with the lab's performance marks (attention:head-view, attention:model-view, attention:hover) while driving the page; model ${MODEL} on the runtime's automatic backend`);
  result.ms = Date.now() - t0;
  return result;
}
