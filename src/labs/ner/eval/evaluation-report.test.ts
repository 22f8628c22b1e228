import { describe, expect, it } from 'vitest';
import { evaluationReport, scoreBySeen } from './evaluation-report';
import { chunks } from './conlleval';

const sentences = [
  { words: ['Aspirin', 'caused', 'asthma', 'and', 'Zorbitis'], tags: ['B-Chemical', 'O', 'B-Disease', 'O', 'B-Disease'] },
  { words: ['No', 'renal', 'failure'], tags: ['O', 'B-Disease', 'I-Disease'] },
];
const trained = new Set(['asthma|Disease', 'renal failure|Disease', 'aspirin|Chemical']);
const seen = (key: string, type: string) => trained.has(`${key}|${type}`);

describe('scoreBySeen(sentences, gold, pred, types, seen)', () => {
  it('scores mentions seen in training apart from unseen ones', () => {
    const gold = sentences.map((s) => chunks(s.tags));
    // finds asthma and renal failure (seen) but misses Zorbitis (unseen) and predicts "caused" (unseen)
    const pred = [[{ start: 2, end: 3, type: 'Disease' }, { start: 1, end: 2, type: 'Disease' }], [{ start: 1, end: 3, type: 'Disease' }]];
    const s = scoreBySeen(sentences, gold, pred, ['Disease'], seen);
    expect([s.seen.overall.tp, s.seen.overall.predicted, s.seen.overall.gold, s.seen.overall.f1]).toEqual([2, 2, 2, 1]);
    expect([s.unseen.overall.tp, s.unseen.overall.predicted, s.unseen.overall.gold, s.unseen.overall.f1]).toEqual([0, 1, 1, 0]);
  });
});

describe('evaluationReport(sentences, types, modelTags, baseline, seen)', () => {
  it('maps unscored model types to O before chunking, and scores model and baseline alike', () => {
    const modelTags = [['B-Chemical', 'O', 'B-Disease', 'O', 'B-Disease'], ['O', 'B-Disease', 'B-Chemical']];
    const baseline = [[{ start: 0, end: 1, type: 'Chemical' }, { start: 2, end: 3, type: 'Disease' }], []];
    const r = evaluationReport(sentences, ['Disease'], modelTags, baseline, seen);
    expect(r.gold).toEqual([[{ start: 2, end: 3, type: 'Disease' }, { start: 4, end: 5, type: 'Disease' }], [{ start: 1, end: 3, type: 'Disease' }]]);
    // model: asthma ✓, Zorbitis ✓, "renal" (boundary) → tp 2, predicted 3, gold 3
    expect([r.model.scores.overall.tp, r.model.scores.overall.predicted, r.model.scores.overall.gold]).toEqual([2, 3, 3]);
    expect(r.model.errorCounts).toEqual({ 'false-positive': 0, 'false-negative': 0, boundary: 1, type: 0 });
    // unseen: Zorbitis ✓, "renal" predicted but unseen as a mention → P 1/2, R 1/1
    expect(r.model.unseen.overall.f1).toBeCloseTo(2 / 3, 12);
    // baseline: asthma ✓ only (its Chemical is not scored)
    expect([r.baseline.scores.overall.tp, r.baseline.scores.overall.predicted]).toEqual([1, 1]);
    expect(r.baseline.errorCounts['false-negative']).toBe(2);
  });
  it('rejects predictions for another number of sentences', () => {
    expect(() => evaluationReport(sentences, ['Disease'], [], [], seen)).toThrow(RangeError);
  });
});
