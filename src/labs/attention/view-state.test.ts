import { describe, expect, it } from 'vitest';
import { PRESETS } from './presets';
import { defaultViewState, parseLabQuery, parseViewState } from './view-state';

describe('parseLabQuery(query)', () => {
  it('starts on the coreference sentence and the shipped model', () => {
    expect(parseLabQuery({})).toEqual({ state: defaultViewState(), preset: null, experimentId: null });
  });
  it('takes model, text and textPair from the link', () => {
    const { state } = parseLabQuery({ model: 'hub:Xenova/bert-base-uncased', text: '你好', textPair: 'hello' });
    expect([state.model, state.text, state.textPair]).toEqual(['hub:Xenova/bert-base-uncased', '你好', 'hello']);
  });
  it('fills the text from a preset; an explicit text wins over it', () => {
    expect(parseLabQuery({ preset: 'pair' }).state).toMatchObject({ text: PRESETS.pair.text, textPair: PRESETS.pair.textPair });
    expect(parseLabQuery({ preset: 'pair', text: 'mine' }).state).toMatchObject({ text: 'mine', textPair: '' });
    expect(parseLabQuery({ preset: 'nonsense' }).preset).toBeNull();
  });
  it('passes the experiment id through', () => {
    expect(parseLabQuery({ experiment: 'abc-123' }).experimentId).toBe('abc-123');
  });
});

describe('parseViewState(input)', () => {
  it('round-trips a full state', () => {
    const state = { ...defaultViewState(), view: 'matrix' as const, layer: 3, heads: [0, 2], filter: 'a-b' as const, hideSpecial: true,
      renormalise: true, matrixSource: 'rollout' as const, matrixHead: 1, pinned: { side: 'to' as const, index: 4 }, mask: 5, textPair: 'B' };
    expect(parseViewState(JSON.parse(JSON.stringify(state)))).toEqual(state);
  });
  it('falls back field by field on bad values, and rejects non-objects and empty text', () => {
    const parsed = parseViewState({ text: 'hi', view: 'x', layer: -1, heads: [1, 'a'], filter: 'c-d', pinned: { side: 'up', index: 1 }, mask: 1.5 });
    expect(parsed).toEqual({ ...defaultViewState(), text: 'hi' });
    expect(parseViewState(null)).toBeNull();
    expect(parseViewState([])).toBeNull();
    expect(parseViewState({ text: '  ' })).toBeNull();
  });
  it('sorts and de-duplicates heads', () => {
    expect(parseViewState({ text: 'a', heads: [3, 1, 3] })?.heads).toEqual([1, 3]);
  });
});
