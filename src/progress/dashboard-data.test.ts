import { describe, expect, it } from 'vitest';
import type { Curriculum } from '../content/curriculum';
import { curriculum } from '../content/curriculum';
import { defaultTopicRecord, type TopicKey, type TopicProgress } from '../lib/storage/records';
import { continueTarget, experimentHref, progressTotals, quizHistory, stageProgress, topicPlaces } from './dashboard-data';

const L = (en: string) => ({ zh: en, en });
const tiny: Curriculum = {
  stages: [
    { n: 1, slug: 'a', title: L('One'), goal: L(''), topics: [{ slug: 'x', title: L('X'), labs: [] }, { slug: 'y', title: L('Y'), labs: [] }] },
    { n: 2, slug: 'b', title: L('Two'), goal: L(''), topics: [{ slug: 'z', title: L('Z'), labs: [] }] },
  ],
  labs: [],
};

function records(entries: Partial<Record<TopicKey, Partial<TopicProgress>>>) {
  return (key: TopicKey): TopicProgress => ({ ...defaultTopicRecord(key), notes: '', ...entries[key] });
}

describe('dashboard data', () => {
  it('topicPlaces(curriculum) lists all 26 topics in path order with their links', () => {
    const places = topicPlaces(curriculum);
    expect(places).toHaveLength(26);
    expect(places[0]).toMatchObject({ key: '1/ai-evolution', stage: 1, href: '#/stage/1/ai-evolution' });
    expect(places.at(-1)?.key).toBe('7/evaluation');
  });

  it('stageProgress(curriculum, topicOf) counts done and in-progress topics per stage', () => {
    const topicOf = records({ '1/x': { status: 'done' }, '1/y': { status: 'in-progress' }, '2/z': { status: 'done' }, '9/gone': { status: 'done' } });
    expect(stageProgress(tiny, topicOf)).toEqual([
      { n: 1, title: L('One'), total: 2, done: 1, inProgress: 1 },
      { n: 2, title: L('Two'), total: 1, done: 1, inProgress: 0 },
    ]);
  });

  it('progressTotals(curriculum, topicOf) adds up the statuses and time of curriculum topics only', () => {
    const topicOf = records({ '1/x': { status: 'done', timeSpentMs: 1_000 }, '1/y': { timeSpentMs: 500 } });
    expect(progressTotals(tiny, topicOf)).toEqual({ total: 3, done: 1, inProgress: 0, timeSpentMs: 1_500 });
  });

  it('continueTarget(curriculum, recent) is the latest visited topic still in the curriculum', () => {
    const recent = [{ ...defaultTopicRecord('9/gone'), notes: '' }, { ...defaultTopicRecord('2/z'), notes: '' }];
    expect(continueTarget(tiny, recent)).toMatchObject({ started: true, place: { key: '2/z', href: '#/stage/2/z', title: L('Z') } });
  });

  it('continueTarget() suggests the first topic before any visit, and nothing for an empty path', () => {
    expect(continueTarget(tiny, [])).toMatchObject({ started: false, place: { key: '1/x' } });
    expect(continueTarget({ stages: [], labs: [] }, [])).toBeNull();
  });

  it('quizHistory(curriculum, topicOf, limit) lists attempts oldest first, skipping empty quizzes', () => {
    const topicOf = records({
      '1/x': { quizAttempts: [{ at: 30, score: 1, total: 4, answers: [] }, { at: 10, score: 0, total: 0, answers: [] }] },
      '2/z': { quizAttempts: [{ at: 20, score: 3, total: 3, answers: [] }] },
    });
    expect(quizHistory(tiny, topicOf).map((p) => [p.key, p.at, p.ratio])).toEqual([
      ['2/z', 20, 1],
      ['1/x', 30, 0.25],
    ]);
    expect(quizHistory(tiny, topicOf, 1).map((p) => p.at)).toEqual([30]);
  });

  it('experimentHref(experiment) opens the lab with the experiment id, encoded', () => {
    expect(experimentHref({ labId: 'attention', id: 'e1' })).toBe('#/lab/attention?experiment=e1');
    expect(experimentHref({ labId: 'vector-search', id: 'a b&c' })).toBe('#/lab/vector-search?experiment=a%20b%26c');
    expect(experimentHref({ labId: 'bench', id: 'r1' })).toBe('#/bench?experiment=r1');
  });
});
