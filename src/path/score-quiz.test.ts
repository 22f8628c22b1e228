import { describe, expect, it } from 'vitest';
import type { Quiz } from '../content/quizzes';
import { isAnswerCorrect, scoreQuiz } from './score-quiz';

const L = (s: string) => ({ zh: s, en: s });
export const sampleQuiz: Quiz = {
  questions: [
    { id: 'q1', type: 'single', prompt: L('One?'), options: [L('a'), L('b'), L('c')], correct: [1], explanation: L('b') },
    { id: 'q2', type: 'multiple', prompt: L('Two?'), options: [L('a'), L('b'), L('c'), L('d')], correct: [0, 2], explanation: L('a, c') },
  ],
};

describe('isAnswerCorrect(question, chosen)', () => {
  it('needs exactly the correct set, in any order', () => {
    const q2 = sampleQuiz.questions[1]!;
    expect(isAnswerCorrect(q2, [2, 0])).toBe(true);
    expect(isAnswerCorrect(q2, [0])).toBe(false);
    expect(isAnswerCorrect(q2, [0, 1, 2])).toBe(false);
    expect(isAnswerCorrect(q2, [])).toBe(false);
  });
  it('rejects options that do not exist', () => {
    expect(() => isAnswerCorrect(sampleQuiz.questions[0]!, [3])).toThrow(RangeError);
  });
});

describe('scoreQuiz(quiz, answers)', () => {
  it('counts exactly-right questions', () => {
    expect(scoreQuiz(sampleQuiz, [[1], [0, 2]])).toEqual({ score: 2, total: 2, perQuestion: [true, true] });
    expect(scoreQuiz(sampleQuiz, [[0], [0, 2]])).toEqual({ score: 1, total: 2, perQuestion: [false, true] });
  });
  it('requires one answer list per question', () => {
    expect(() => scoreQuiz(sampleQuiz, [[1]])).toThrow(/expected 2 answers/);
  });
});
