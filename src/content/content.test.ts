/**
 * The content contract of docs/CONTENT.md, checked for every file: lessons, summaries, quizzes,
 * glossary, figures and links. Adding a topic = adding files; this suite says what is missing.
 */
import { describe, expect, it } from 'vitest';
import { curriculum, allTopics } from './curriculum';
import type { Quiz } from './quizzes';
import type { LessonFigure } from './figures/types';
import { figureIdsIn } from '../lib/markdown/render-markdown';
import {
  LESSON_LENGTH, appLinksIn, checkAppLink, countChineseLength, countEnglishWords, proseOf, rawHtmlIn,
} from './content-rules';

const lessons = import.meta.glob<string>('/src/content/stage-*/*.md', { eager: true, query: '?raw', import: 'default' });
const quizzes = import.meta.glob<Quiz>('/src/content/stage-*/*.quiz.json', { eager: true, import: 'default' });
const glossaryFiles = import.meta.glob<{ terms: { id: string; term: Record<string, string>; definition: Record<string, string>; see?: string[] }[] }>(
  '/src/content/glossary/stage-*.json', { eager: true, import: 'default' });
const figureModules = import.meta.glob<{ figure?: LessonFigure }>(['/src/content/figures/*.ts', '!**/*.test.ts'], { eager: true });

const LANGS = ['zh', 'en'] as const;
const topics = allTopics();
const terms = Object.values(glossaryFiles).flatMap((f) => f.terms);
const termIds = new Set(terms.map((t) => t.id));
const figures = new Map(
  Object.values(figureModules).flatMap((m) => (m.figure ? [[m.figure.id, m.figure] as const] : [])),
);
const lessonPath = (stage: number, name: string, lang: string) => `/src/content/stage-${stage}/${name}.${lang}.md`;

describe('lesson files', () => {
  for (const { stage, slug } of topics) {
    for (const lang of LANGS) {
      it(`stage ${stage}/${slug} has a ${lang} lesson starting with "# " of the right length`, () => {
        const md = lessons[lessonPath(stage, slug, lang)];
        expect(md, `missing ${lessonPath(stage, slug, lang)}`).toBeTypeOf('string');
        expect(md!.startsWith('# '), 'must start with "# Title"').toBe(true);
        const prose = proseOf(md!);
        const { min, max } = LESSON_LENGTH[lang];
        const n = lang === 'en' ? countEnglishWords(prose) : countChineseLength(prose);
        expect(n, `${lang === 'en' ? 'words' : 'CJK characters + Latin words'}`).toBeGreaterThanOrEqual(min);
        expect(n).toBeLessThanOrEqual(max);
      });
    }
  }

  for (const stage of curriculum.stages) {
    for (const lang of LANGS) {
      it(`stage ${stage.n} has summary.${lang}.md starting with "# "`, () => {
        const md = lessons[lessonPath(stage.n, 'summary', lang)];
        expect(md, `missing ${lessonPath(stage.n, 'summary', lang)}`).toBeTypeOf('string');
        expect(md!.startsWith('# ')).toBe(true);
      });
    }
  }

  it('has no Markdown file that is not a topic lesson or a stage summary', () => {
    const expected = new Set(
      curriculum.stages.flatMap((s) => ['summary', ...s.topics.map((t) => t.slug)].flatMap((name) => LANGS.map((l) => lessonPath(s.n, name, l)))),
    );
    expect(Object.keys(lessons).filter((p) => !expected.has(p))).toEqual([]);
  });
});

describe('every lesson and summary present', () => {
  for (const [path, md] of Object.entries(lessons)) {
    it(`${path}: no raw HTML, in-app links resolve, figures exist`, () => {
      expect(rawHtmlIn(md), 'raw HTML').toEqual([]);
      const broken = appLinksIn(md).map((href) => checkAppLink(href, curriculum, termIds)).filter((x) => x !== null);
      expect(broken, 'broken in-app links').toEqual([]);
      const missing = figureIdsIn(md).filter((id) => !figures.has(id));
      expect(missing, 'figure blocks naming no figure module').toEqual([]);
    });
  }
});

describe('quizzes', () => {
  for (const { stage, slug } of topics) {
    it(`stage ${stage}/${slug} has a well-formed quiz of 3–5 questions`, () => {
      const quiz = quizzes[`/src/content/stage-${stage}/${slug}.quiz.json`];
      expect(quiz, `missing src/content/stage-${stage}/${slug}.quiz.json`).toBeDefined();
      expect(quiz!.questions.length).toBeGreaterThanOrEqual(3);
      expect(quiz!.questions.length).toBeLessThanOrEqual(5);
      expect(new Set(quiz!.questions.map((q) => q.id)).size, 'question ids unique').toBe(quiz!.questions.length);
      for (const q of quiz!.questions) {
        const where = `${slug} ${q.id}`;
        expect(['single', 'multiple'], where).toContain(q.type);
        expect(q.options.length, `${where}: 3–5 options`).toBeGreaterThanOrEqual(3);
        expect(q.options.length, `${where}: 3–5 options`).toBeLessThanOrEqual(5);
        for (const lang of LANGS) {
          expect(q.prompt[lang]?.trim(), `${where} prompt.${lang}`).toBeTruthy();
          expect(q.explanation[lang]?.trim(), `${where} explanation.${lang}`).toBeTruthy();
          for (const o of q.options) expect(o[lang]?.trim(), `${where} option.${lang}`).toBeTruthy();
        }
        expect(new Set(q.correct).size, `${where}: correct indices unique`).toBe(q.correct.length);
        for (const c of q.correct) expect(Number.isInteger(c) && c >= 0 && c < q.options.length, `${where}: index ${c}`).toBe(true);
        if (q.type === 'single') expect(q.correct, `${where}: single → exactly 1 correct`).toHaveLength(1);
        else expect(q.correct.length, `${where}: multiple → at least 1 correct`).toBeGreaterThanOrEqual(1);
      }
    });
  }

  it('has no quiz file for a topic that does not exist', () => {
    const known = new Set(topics.map(({ stage, slug }) => `/src/content/stage-${stage}/${slug}.quiz.json`));
    expect(Object.keys(quizzes).filter((p) => !known.has(p))).toEqual([]);
  });
});

describe('glossary', () => {
  it('has terms with unique kebab-case ids, both languages, and "see" references that exist', () => {
    expect(terms.length).toBeGreaterThan(0);
    const seen = new Set<string>();
    for (const t of terms) {
      expect(t.id, 'kebab-case id').toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(seen.has(t.id), `duplicate term id ${t.id}`).toBe(false);
      seen.add(t.id);
      for (const lang of LANGS) {
        expect(t.term[lang]?.trim(), `${t.id} term.${lang}`).toBeTruthy();
        expect(t.definition[lang]?.trim(), `${t.id} definition.${lang}`).toBeTruthy();
      }
      for (const s of t.see ?? []) expect(termIds.has(s), `${t.id} sees unknown term ${s}`).toBe(true);
    }
  });
});

describe('figures', () => {
  it('every figure module has a unique id equal to its file name, titles in both languages and a render function', () => {
    for (const [path, mod] of Object.entries(figureModules)) {
      if (!mod.figure) continue;
      expect(mod.figure.id, path).toBe(/([^/]+)\.ts$/.exec(path)![1]);
      for (const lang of LANGS) expect(mod.figure.title[lang]?.trim(), `${path} title.${lang}`).toBeTruthy();
      expect(mod.figure.render).toBeTypeOf('function');
    }
  });

  it('every figure renders into an element in both languages and cleans up', () => {
    for (const figure of figures.values()) {
      for (const lang of LANGS) {
        const el = document.createElement('div');
        document.body.append(el);
        const cleanup = figure.render(el, lang);
        expect(el.childNodes.length, `${figure.id} (${lang}) drew nothing`).toBeGreaterThan(0);
        cleanup();
        el.remove();
      }
    }
  });
});
