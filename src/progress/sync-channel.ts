/**
 * Tells the app's other tabs what changed, over the BroadcastChannel `llm-lab-progress`. A
 * message names records, not their contents: the receiver reloads them from IndexedDB, which
 * stays the one source of truth.
 */
import { isTopicKey, type TopicKey } from '../lib/storage/records';

const SYNC_CHANNEL_NAME = 'llm-lab-progress';

export type SyncMessage =
  /** These topics (or their notes) changed. */
  | { type: 'topics'; keys: TopicKey[] }
  /** These experiments were saved or deleted: reload them, and drop the ones that are gone. */
  | { type: 'experiments'; ids: string[] }
  /** Everything may have changed (import, clear): reload it all. */
  | { type: 'reset' };

export interface SyncChannel {
  post(message: SyncMessage): void;
  close(): void;
}

const MAX_IDS = 10_000;

/** Any script of this origin can post on the channel, so messages are checked before use. */
export function isSyncMessage(value: unknown): value is SyncMessage {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'topics':
      return Array.isArray(m.keys) && m.keys.length <= MAX_IDS && m.keys.every(isTopicKey);
    case 'experiments':
      return Array.isArray(m.ids) && m.ids.length <= MAX_IDS && m.ids.every((id) => typeof id === 'string');
    case 'reset':
      return true;
    default:
      return false;
  }
}

/** A channel to the other tabs, or null where BroadcastChannel does not exist. */
export function openSyncChannel(onMessage: (message: SyncMessage) => void, name = SYNC_CHANNEL_NAME): SyncChannel | null {
  if (typeof BroadcastChannel === 'undefined') return null;
  const channel = new BroadcastChannel(name);
  channel.onmessage = (event: MessageEvent) => {
    if (isSyncMessage(event.data)) onMessage(event.data);
  };
  return {
    post: (message) => channel.postMessage(message),
    close: () => channel.close(),
  };
}
