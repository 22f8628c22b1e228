/**
 * What the dashboard shows, computed from the curriculum and the learner's records: counts per
 * stage, the topic to continue with, the quiz history to plot. Pure, so it is tested apart from
 * the components that draw it.
 */
import type { Curriculum, Localized } from '../content/curriculum';
import { formatRoute } from '../lib/router/route';
import type { Experiment, TopicKey, TopicProgress, TopicStatus } from '../lib/storage/records';

export interface StageProgress {
  n: number;
  title: Localized;
  total: number;
  done: number;
  inProgress: number;
}

export interface ProgressTotals {
  total: number;
  done: number;
  inProgress: number;
  timeSpentMs: number;
}

export interface TopicPlace {
  key: TopicKey;
  stage: number;
  slug: string;
  stageTitle: Localized;
  title: Localized;
  href: string;
}

export interface QuizPoint {
  key: TopicKey;
  title: Localized;
  at: number;
  score: number;
  total: number;
  /** score / total, in [0, 1]. */
  ratio: number;
}

type TopicOf = (key: TopicKey) => TopicProgress;

/** Every topic of the path, in order, with where it lives. */
export function topicPlaces(curriculum: Curriculum): TopicPlace[] {
  return curriculum.stages.flatMap((stage) =>
    stage.topics.map((topic) => ({
      key: `${stage.n}/${topic.slug}` as TopicKey,
      stage: stage.n,
      slug: topic.slug,
      stageTitle: stage.title,
      title: topic.title,
      href: formatRoute({ name: 'topic', stage: stage.n, slug: topic.slug }),
    })),
  );
}

const count = (statuses: TopicStatus[], s: TopicStatus) => statuses.filter((x) => x === s).length;

export function stageProgress(curriculum: Curriculum, topicOf: TopicOf): StageProgress[] {
  return curriculum.stages.map((stage) => {
    const statuses = stage.topics.map((t) => topicOf(`${stage.n}/${t.slug}`).status);
    return { n: stage.n, title: stage.title, total: statuses.length, done: count(statuses, 'done'), inProgress: count(statuses, 'in-progress') };
  });
}

export function progressTotals(curriculum: Curriculum, topicOf: TopicOf): ProgressTotals {
  const topics = topicPlaces(curriculum).map((p) => topicOf(p.key));
  const statuses = topics.map((t) => t.status);
  return {
    total: topics.length,
    done: count(statuses, 'done'),
    inProgress: count(statuses, 'in-progress'),
    timeSpentMs: topics.reduce((sum, t) => sum + t.timeSpentMs, 0),
  };
}

/**
 * Where to pick up: the most recently visited topic that is still in the curriculum, or, before
 * any visit, the first topic of the path (`started` tells the two apart).
 */
export function continueTarget(curriculum: Curriculum, recent: readonly TopicProgress[]): { place: TopicPlace; started: boolean } | null {
  const places = topicPlaces(curriculum);
  for (const t of recent) {
    const place = places.find((p) => p.key === t.key);
    if (place) return { place, started: true };
  }
  return places[0] ? { place: places[0], started: false } : null;
}

/** Every quiz attempt on a curriculum topic, oldest first; the last `limit` of them. */
export function quizHistory(curriculum: Curriculum, topicOf: TopicOf, limit = 60): QuizPoint[] {
  return topicPlaces(curriculum)
    .flatMap((place) =>
      topicOf(place.key)
        .quizAttempts.filter((a) => a.total > 0)
        .map((a) => ({ key: place.key, title: place.title, at: a.at, score: a.score, total: a.total, ratio: a.score / a.total })),
    )
    .sort((a, b) => a.at - b.at)
    .slice(-limit);
}

/** The link that reopens a saved experiment in its lab. */
export function experimentHref(experiment: Pick<Experiment, 'labId' | 'id'>): string {
  return formatRoute({ name: 'lab', labId: experiment.labId, query: { experiment: experiment.id } });
}
