import type { Localized } from './curriculum';

export interface QuizQuestion {
  id: string;
  type: 'single' | 'multiple';
  prompt: Localized;
  options: Localized[];
  /** 0-based indices of the correct options. */
  correct: number[];
  explanation: Localized;
}
export interface Quiz {
  questions: QuizQuestion[];
}

const quizFiles = import.meta.glob<Quiz>('/src/content/stage-*/*.quiz.json', { import: 'default' });

export function hasQuiz(stage: number, slug: string): boolean {
  return `/src/content/stage-${stage}/${slug}.quiz.json` in quizFiles;
}

/** The topic's quiz, loaded lazily; `null` if none exists yet. */
export async function loadQuiz(stage: number, slug: string): Promise<Quiz | null> {
  const load = quizFiles[`/src/content/stage-${stage}/${slug}.quiz.json`];
  return load ? load() : null;
}
