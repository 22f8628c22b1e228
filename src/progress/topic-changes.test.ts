import { describe, expect, it } from 'vitest';
import { defaultTopicRecord, type QuizAttempt } from '../lib/storage/records';
import { recordQuizAttempt } from './topic-changes';

const attempt = (at: number, score: number, total = 4): QuizAttempt => ({ at, score, total, answers: [[0], [1], [2], [3]].slice(0, total) });
const fresh = defaultTopicRecord('2/transformer');

describe('recordQuizAttempt', () => {
  it('recordQuizAttempt(topic, attempt) keeps the best score/total and marks a partial score in-progress', () => {
    const once = recordQuizAttempt(fresh, attempt(10, 3));
    expect(once).toEqual({ ...fresh, quizAttempts: [attempt(10, 3)], bestScore: 0.75, status: 'in-progress' });
    const twice = recordQuizAttempt(once, attempt(20, 1));
    expect(twice.bestScore).toBe(0.75);
    expect(twice.quizAttempts.map((a) => a.at)).toEqual([10, 20]);
  });

  it('full marks make the topic done, and a later lower score does not undo it', () => {
    const done = recordQuizAttempt(fresh, attempt(10, 4));
    expect([done.status, done.bestScore]).toEqual(['done', 1]);
    expect(recordQuizAttempt(done, attempt(20, 0)).status).toBe('done');
  });

  it('an attempt with the same timestamp replaces the earlier one; attempts stay in time order', () => {
    const t = recordQuizAttempt(recordQuizAttempt(fresh, attempt(30, 1)), attempt(10, 2));
    expect(recordQuizAttempt(t, attempt(30, 3)).quizAttempts).toEqual([attempt(10, 2), attempt(30, 3)]);
  });

  it('an empty quiz (total 0) neither scores nor completes the topic', () => {
    const t = recordQuizAttempt(fresh, attempt(10, 0, 0));
    expect([t.status, t.bestScore]).toEqual(['in-progress', null]);
  });

  it('keeps only the latest 1000 attempts', () => {
    let t = { ...fresh, quizAttempts: Array.from({ length: 1000 }, (_, i) => attempt(i, 1)) };
    t = recordQuizAttempt(t, attempt(5000, 2));
    expect(t.quizAttempts).toHaveLength(1000);
    expect([t.quizAttempts[0]!.at, t.quizAttempts.at(-1)!.at]).toEqual([1, 5000]);
  });
});
