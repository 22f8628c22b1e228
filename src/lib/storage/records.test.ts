import { describe, expect, it } from 'vitest';
import { bestScoreOf, experiment, furtherStatus, isTopicKey, quizAttempt, topicRecord } from './records';
import { validate } from './validate';

describe('records', () => {
  it('isTopicKey(value) accepts "<stage>/<kebab-slug>" only', () => {
    expect(['2/transformer', '1/ai-evolution', '12/a1-b2'].map(isTopicKey)).toEqual([true, true, true]);
    expect(['transformer', '0/x', '2/Transformer', '2/', '2/a--b', '2/a/b', 2, null, `1/${'a'.repeat(200)}`].map(isTopicKey)).toEqual(
      Array(9).fill(false),
    );
  });

  it('bestScoreOf(attempts) is the best score/total, ignoring empty quizzes', () => {
    expect(bestScoreOf([])).toBeNull();
    expect(bestScoreOf([{ at: 1, score: 0, total: 0, answers: [] }])).toBeNull();
    expect(
      bestScoreOf([
        { at: 1, score: 2, total: 4, answers: [] },
        { at: 2, score: 3, total: 4, answers: [] },
        { at: 3, score: 1, total: 2, answers: [] },
      ]),
    ).toBe(0.75);
  });

  it('furtherStatus(a, b) orders not-started < in-progress < done', () => {
    expect(furtherStatus('not-started', 'in-progress')).toBe('in-progress');
    expect(furtherStatus('done', 'in-progress')).toBe('done');
    expect(furtherStatus('in-progress', 'not-started')).toBe('in-progress');
  });

  it('quizAttempt rejects a score above the total', () => {
    const r = validate(quizAttempt, { at: 1, score: 3, total: 2, answers: [[0]] }, 'a');
    expect(r.ok ? null : r.error.message).toBe('a: score 3 is greater than total 2');
  });

  it('topicRecord rejects a bestScore outside [0, 1] and a bad key', () => {
    const base = { key: '2/transformer', status: 'done', quizAttempts: [], bestScore: 1, timeSpentMs: 0, lastVisited: null };
    expect(validate(topicRecord, base, 't').ok).toBe(true);
    const high = validate(topicRecord, { ...base, bestScore: 4 }, 't');
    expect(high.ok ? null : high.error.message).toBe('t.bestScore: 4 is out of range [0, 1]');
    const key = validate(topicRecord, { ...base, key: 'transformer' }, 't');
    expect(key.ok ? null : key.error.message).toBe('t.key: "transformer" is not a topic key like "2/transformer"');
  });

  it('experiment requires JSON input and a lab id', () => {
    const base = { id: 'e', labId: 'vector-search', title: 't', input: { q: 'x' }, summary: '', createdAt: 1 };
    expect(validate(experiment, base, 'e').ok).toBe(true);
    const lab = validate(experiment, { ...base, labId: 'Vector Search' }, 'e');
    expect(lab.ok ? null : lab.error.message).toBe('e.labId: "Vector Search" is not a lab id like "vector-search"');
    const input = validate(experiment, { ...base, input: { v: new Float32Array(1) } }, 'e');
    expect(input.ok ? null : input.error.message).toBe('e.input.v: expected a JSON value, found a Float32Array object');
  });
});
