import data from './curriculum.json';
import type { Lang } from '../lib/i18n/catalogue';

export type Localized = Record<Lang, string>;

export interface Topic {
  slug: string;
  title: Localized;
  labs: string[];
}
export interface Stage {
  n: number;
  slug: string;
  title: Localized;
  goal: Localized;
  topics: Topic[];
}
export interface LabInfo {
  id: string;
  title: Localized;
  route: string;
}
export interface Curriculum {
  stages: Stage[];
  labs: LabInfo[];
}

/** The `2/transformer` key that the progress store uses for a topic. */
export type TopicKey = `${number}/${string}`;

export interface TopicRef {
  stage: number;
  slug: string;
}

export const curriculum: Curriculum = data;

export function topicKey(stage: number, slug: string): TopicKey {
  return `${stage}/${slug}`;
}

export function findStage(n: number, c: Curriculum = curriculum): Stage | undefined {
  return c.stages.find((s) => s.n === n);
}

export function findTopic(stage: number, slug: string, c: Curriculum = curriculum): Topic | undefined {
  return findStage(stage, c)?.topics.find((t) => t.slug === slug);
}

export function findLab(id: string, c: Curriculum = curriculum): LabInfo | undefined {
  return c.labs.find((l) => l.id === id);
}

/** Every topic in path order. */
export function allTopics(c: Curriculum = curriculum): (TopicRef & { topic: Topic })[] {
  return c.stages.flatMap((s) => s.topics.map((topic) => ({ stage: s.n, slug: topic.slug, topic })));
}

/** The topics before and after this one along the whole path (crossing stage boundaries). */
export function neighbours(stage: number, slug: string, c: Curriculum = curriculum): { prev: TopicRef | null; next: TopicRef | null } {
  const all = allTopics(c);
  const i = all.findIndex((t) => t.stage === stage && t.slug === slug);
  if (i === -1) return { prev: null, next: null };
  const ref = (t: (typeof all)[number] | undefined): TopicRef | null => (t ? { stage: t.stage, slug: t.slug } : null);
  return { prev: ref(all[i - 1]), next: ref(all[i + 1]) };
}

/** Topics (in path order) that practise a lab. */
export function topicsForLab(labId: string, c: Curriculum = curriculum): TopicRef[] {
  return allTopics(c)
    .filter((t) => t.topic.labs.includes(labId))
    .map(({ stage, slug }) => ({ stage, slug }));
}
