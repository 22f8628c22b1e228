import { describe, expect, it } from 'vitest';
import { defaultTopicRecord, type Experiment, type QuizAttempt, type TopicRecord } from '../lib/storage/records';
import { mergeAttempts, mergeNote, mergeSnapshots, mergeTopic } from './merge';

const attempt = (at: number, score: number): QuizAttempt => ({ at, score, total: 4, answers: [] });
const topic = (fields: Partial<TopicRecord>): TopicRecord => ({ ...defaultTopicRecord('2/transformer'), ...fields });
const exp = (id: string, title: string): Experiment => ({ id, labId: 'ner', title, input: 'x', summary: '', createdAt: 1 });

describe('mergeTopic', () => {
  it('mergeTopic(local, incoming) keeps the further status, max time, later visit and best score', () => {
    const local = topic({ status: 'done', timeSpentMs: 100, lastVisited: 50, bestScore: 0.5, quizAttempts: [attempt(1, 2)] });
    const incoming = topic({ status: 'in-progress', timeSpentMs: 300, lastVisited: 40, bestScore: 0.75, quizAttempts: [attempt(2, 3)] });
    expect(mergeTopic(local, incoming)).toEqual({
      key: '2/transformer',
      status: 'done',
      quizAttempts: [attempt(1, 2), attempt(2, 3)],
      bestScore: 0.75,
      timeSpentMs: 300,
      lastVisited: 50,
    });
  });

  it('mergeTopic() does not add up time: merging a copy of itself changes nothing', () => {
    const t = topic({ status: 'in-progress', timeSpentMs: 100, lastVisited: 5, quizAttempts: [attempt(1, 1)], bestScore: 0.25 });
    expect(mergeTopic(t, structuredClone(t))).toEqual(t);
  });

  it('mergeTopic() treats null visits and scores as absent', () => {
    expect(mergeTopic(topic({ lastVisited: null, bestScore: null }), topic({ lastVisited: 7, bestScore: null }))).toMatchObject({
      lastVisited: 7,
      bestScore: null,
    });
  });
});

describe('mergeAttempts', () => {
  it('mergeAttempts(local, incoming) is the union by timestamp, in time order, local winning a tie', () => {
    const mine = { ...attempt(2, 4), answers: [[1]] };
    expect(mergeAttempts([attempt(3, 1), mine], [attempt(1, 0), attempt(2, 0)])).toEqual([attempt(1, 0), mine, attempt(3, 1)]);
  });
});

describe('mergeNote', () => {
  it('mergeNote(local, incoming) keeps the newer note, then the longer, then the local one', () => {
    const n = (markdown: string, updatedAt: number) => ({ key: '2/transformer' as const, markdown, updatedAt });
    expect(mergeNote(n('old', 1), n('new', 2))).toEqual(n('new', 2));
    expect(mergeNote(n('newer', 3), n('older but much longer', 2))).toEqual(n('newer', 3));
    expect(mergeNote(n('short', 5), n('longer one', 5))).toEqual(n('longer one', 5));
    expect(mergeNote(n('mine', 5), n('them', 5))).toEqual(n('mine', 5));
  });
});

describe('mergeSnapshots', () => {
  it('mergeSnapshots(local, incoming) unites topics, notes and experiments, keeping local experiments on equal ids', () => {
    const local = {
      topics: [topic({ status: 'done' })],
      notes: [{ key: '2/transformer' as const, markdown: 'a', updatedAt: 1 }],
      experiments: [exp('e1', 'mine')],
    };
    const incoming = {
      topics: [topic({ timeSpentMs: 9 }), { ...defaultTopicRecord('5/rag'), status: 'in-progress' as const }],
      notes: [{ key: '5/rag' as const, markdown: 'b', updatedAt: 2 }],
      experiments: [exp('e1', 'theirs'), exp('e2', 'new')],
    };
    expect(mergeSnapshots(local, incoming)).toEqual({
      topics: [topic({ status: 'done', timeSpentMs: 9 }), incoming.topics[1]],
      notes: [local.notes[0], incoming.notes[0]],
      experiments: [exp('e1', 'mine'), exp('e2', 'new')],
    });
  });

  it('merging is idempotent: merging the result again with the same file changes nothing', () => {
    const local = { topics: [topic({ timeSpentMs: 5, quizAttempts: [attempt(1, 1)] })], notes: [], experiments: [exp('a', 'x')] };
    const incoming = { topics: [topic({ timeSpentMs: 7, quizAttempts: [attempt(2, 4)], status: 'done' })], notes: [], experiments: [exp('b', 'y')] };
    const once = mergeSnapshots(local, incoming);
    expect(mergeSnapshots(once, incoming)).toEqual(once);
  });
});
