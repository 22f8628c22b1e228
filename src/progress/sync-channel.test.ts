import { describe, expect, it } from 'vitest';
import { isSyncMessage } from './sync-channel';

describe('isSyncMessage', () => {
  it('isSyncMessage(value) accepts the three message types', () => {
    expect(isSyncMessage({ type: 'topics', keys: ['2/transformer'] })).toBe(true);
    expect(isSyncMessage({ type: 'experiments', ids: ['a', 'b'] })).toBe(true);
    expect(isSyncMessage({ type: 'reset' })).toBe(true);
  });

  it('isSyncMessage(value) rejects anything else another script might post', () => {
    expect(
      [
        null,
        'reset',
        { type: 'topics', keys: ['not a key'] },
        { type: 'topics', keys: '2/transformer' },
        { type: 'experiments', ids: [1] },
        { type: 'topics', keys: Array(10_001).fill('1/a') },
        { type: 'delete-everything' },
      ].map(isSyncMessage),
    ).toEqual(Array(7).fill(false));
  });
});
