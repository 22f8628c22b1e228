import { describe, expect, it } from 'vitest';
import { allTopics, curriculum, findLab, findTopic, neighbours, topicKey, topicsForLab } from './curriculum';

describe('curriculum', () => {
  it('has 7 stages numbered 1..7 and 26 topics with unique slugs per stage', () => {
    expect(curriculum.stages.map((s) => s.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(allTopics()).toHaveLength(26);
    for (const s of curriculum.stages) expect(new Set(s.topics.map((t) => t.slug)).size).toBe(s.topics.length);
  });
  it('every lab a topic lists is declared in labs', () => {
    for (const { topic } of allTopics()) for (const id of topic.labs) expect(findLab(id), id).toBeDefined();
  });
});

describe('neighbours(stage, slug)', () => {
  it('crosses stage boundaries and stops at the ends', () => {
    expect(neighbours(1, 'ai-evolution')).toEqual({ prev: null, next: { stage: 1, slug: 'llm-and-agi' } });
    expect(neighbours(1, 'gpt-history').next).toEqual({ stage: 2, slug: 'algorithms-and-compute' });
    expect(neighbours(2, 'algorithms-and-compute').prev).toEqual({ stage: 1, slug: 'gpt-history' });
    expect(neighbours(7, 'evaluation').next).toBeNull();
    expect(neighbours(9, 'nope')).toEqual({ prev: null, next: null });
  });
});

describe('lookups', () => {
  it('findTopic, topicKey and topicsForLab', () => {
    expect(findTopic(2, 'transformer')?.title.en).toBe('The Transformer architecture');
    expect(findTopic(2, 'missing')).toBeUndefined();
    expect(topicKey(2, 'transformer')).toBe('2/transformer');
    expect(topicsForLab('prompting')).toEqual([
      { stage: 3, slug: 'prompt-engineering' },
      { stage: 4, slug: 'code-generation' },
    ]);
  });
});
