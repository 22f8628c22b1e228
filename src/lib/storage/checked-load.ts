/** Turns raw stored values into checked records, setting the damaged ones aside. */
import { experiment, noteRecord, topicRecord } from './records';
import type { DamagedRecord, LoadedSnapshot, MetaEntries, StorageSnapshot } from './storage-backend';
import { validate, type Check } from './validate';

const RECORD_CHECKS: { [S in keyof StorageSnapshot]: Check<StorageSnapshot[S][number]> } = {
  topics: topicRecord,
  notes: noteRecord,
  experiments: experiment,
};

/** Keys print as JSON so a damaged record's key reads unambiguously in a report. */
function keyLabel(key: unknown): string {
  return typeof key === 'string' ? key : JSON.stringify(key) ?? String(key);
}

export function checkRecords<S extends keyof StorageSnapshot>(
  store: S,
  entries: Iterable<readonly [key: unknown, value: unknown]>,
  damaged: DamagedRecord[],
): StorageSnapshot[S] {
  const check = RECORD_CHECKS[store];
  const records: StorageSnapshot[S][number][] = [];
  for (const [key, value] of entries) {
    const label = keyLabel(key);
    const result = validate(check, value, `${store}[${JSON.stringify(label)}]`);
    if (result.ok) records.push(result.value);
    else damaged.push({ store, key: label, problem: result.error.message });
  }
  return records as StorageSnapshot[S];
}

export function emptyLoad(): LoadedSnapshot {
  return { topics: [], notes: [], experiments: [], damaged: [] };
}

/** The meta entry if it passes `check`; otherwise undefined, with a warning that names the key only. */
export function checkMeta<K extends keyof MetaEntries & string>(
  key: K,
  stored: unknown,
  check: Check<MetaEntries[K]>,
): MetaEntries[K] | undefined {
  if (stored === undefined) return undefined;
  const result = validate(check, stored, `meta[${JSON.stringify(key)}]`);
  if (result.ok) return result.value;
  // The problem text names types and lengths, never the value (meta may hold an API key).
  console.warn(`Ignoring damaged meta entry "${key}": ${result.error.problem}`);
  return undefined;
}
