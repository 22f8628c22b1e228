/**
 * Progress export files for the e2e fault tests: valid files of any size (built with the app's own
 * `buildExport`), written to a temporary folder for `setInputFiles`.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildExport, type ProgressExport } from '../../src/progress/export-format';
import type { Experiment, NoteRecord, TopicKey, TopicRecord } from '../../src/lib/storage/records';

export interface ProgressFileSpec {
  topics: number;
  experiments: number;
  /** Characters of notes per topic (0: no notes). */
  notesChars?: number;
  /** Distinguishes the records of two files built with the same sizes. */
  tag?: string;
}

export function progressExport({ topics, experiments, notesChars = 0, tag = 'a' }: ProgressFileSpec): ProgressExport {
  const at = Date.UTC(2026, 0, 1);
  const topicRecords: TopicRecord[] = [];
  const notes: NoteRecord[] = [];
  for (let i = 0; i < topics; i++) {
    const key = `${1 + (i % 7)}/topic-${tag}-${i}` as TopicKey;
    topicRecords.push({ key, status: i % 3 === 0 ? 'done' : 'in-progress', quizAttempts: [{ at: at + i, score: 2, total: 3, answers: [[0], [1], [2, 3]] }], bestScore: 2 / 3, timeSpentMs: 1000 * i, lastVisited: at + i });
    if (notesChars > 0) notes.push({ key, markdown: `# ${tag} ${i}\n${'note text '.repeat(Math.ceil(notesChars / 10)).slice(0, notesChars)}`, updatedAt: at + i });
  }
  const exps: Experiment[] = Array.from({ length: experiments }, (_, i) => ({
    id: `exp-${tag}-${i}`,
    labId: 'attention',
    title: `Experiment ${tag} ${i}`,
    input: { text: `the cat sat on the mat ${i}`, layer: i % 4 },
    summary: `summary ${i}`,
    output: { entropy: [i / 10, 0.5] },
    createdAt: at + i,
  }));
  return buildExport({ topics: topicRecords, notes, experiments: exps }, new Date(at));
}

/** A temporary folder for test files; `remove()` deletes it. */
export class TempFiles {
  readonly dir = mkdtempSync(join(tmpdir(), 'llm-lab-robust-'));
  write(name: string, content: string | Uint8Array): string {
    const path = join(this.dir, name);
    writeFileSync(path, content);
    return path;
  }
  /** A copy of the folder `from`, named `name`. */
  copy(from: string, name: string): string {
    const path = join(this.dir, name);
    cpSync(from, path, { recursive: true });
    return path;
  }
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
