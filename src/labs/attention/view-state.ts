import { isPresetId, PRESETS, type PresetId } from './presets';
import { PAIR_FILTERS, type PairFilter } from './token-filter';
import type { TokenFocus } from './head-view-lines';

export type AttentionViewId = 'head' | 'model' | 'matrix';
export const VIEW_IDS: readonly AttentionViewId[] = ['head', 'model', 'matrix'];
export type MatrixSource = 'head' | 'mean' | 'max' | 'rollout';
export const MATRIX_SOURCES: readonly MatrixSource[] = ['head', 'mean', 'max', 'rollout'];

export const DEFAULT_MODEL = 'shipped:mini-bert-zh-en';

/** Everything that makes a view reproducible: what an experiment saves and `?experiment=` restores. */
export interface AttentionViewState {
  /** A model reference, `source:id`. */
  model: string;
  text: string;
  textPair: string;
  view: AttentionViewId;
  layer: number;
  /** Heads drawn; null = all. */
  heads: number[] | null;
  filter: PairFilter;
  hideSpecial: boolean;
  renormalise: boolean;
  matrixSource: MatrixSource;
  /** The matrix view's head when `matrixSource` is `head`. */
  matrixHead: number;
  pinned: TokenFocus | null;
  /** The token index masked in the mask panel, or null when the panel is closed. */
  mask: number | null;
}

export const MAX_TEXT_LENGTH = 4000;

export function defaultViewState(): AttentionViewState {
  return {
    model: DEFAULT_MODEL, text: PRESETS.coreference.text, textPair: '', view: 'head', layer: 0, heads: null,
    filter: 'all', hideSpecial: false, renormalise: false, matrixSource: 'mean', matrixHead: 0, pinned: null, mask: null,
  };
}

const isIndex = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 100_000;
const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T => (list.includes(v as T) ? (v as T) : fallback);
const text = (v: unknown, fallback: string): string => (typeof v === 'string' ? v.slice(0, MAX_TEXT_LENGTH) : fallback);

/**
 * A view state from untrusted JSON (a saved experiment, possibly imported from a file): unknown or
 * ill-typed fields fall back to the defaults. Null when `input` is not an object with text.
 */
export function parseViewState(input: unknown): AttentionViewState | null {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return null;
  const o = input as Record<string, unknown>;
  if (typeof o.text !== 'string' || o.text.trim() === '') return null;
  const d = defaultViewState();
  const pinned = o.pinned as Record<string, unknown> | null | undefined;
  return {
    model: typeof o.model === 'string' && o.model.length <= 300 ? o.model : d.model,
    text: text(o.text, d.text),
    textPair: text(o.textPair, ''),
    view: oneOf(VIEW_IDS, o.view, d.view),
    layer: isIndex(o.layer) ? o.layer : 0,
    heads: Array.isArray(o.heads) && o.heads.every(isIndex) ? [...new Set(o.heads as number[])].sort((a, b) => a - b) : null,
    filter: oneOf(PAIR_FILTERS, o.filter, d.filter),
    hideSpecial: o.hideSpecial === true,
    renormalise: o.renormalise === true,
    matrixSource: oneOf(MATRIX_SOURCES, o.matrixSource, d.matrixSource),
    matrixHead: isIndex(o.matrixHead) ? o.matrixHead : 0,
    pinned: pinned && (pinned.side === 'from' || pinned.side === 'to') && isIndex(pinned.index) ? { side: pinned.side, index: pinned.index } : null,
    mask: isIndex(o.mask) ? o.mask : null,
  };
}

export interface LabQuery {
  state: AttentionViewState;
  preset: PresetId | null;
  /** `?experiment=<id>`: the saved view to restore (it overrides the rest once loaded). */
  experimentId: string | null;
}

/** `#/lab/attention?model=…&text=…&textPair=…&preset=…&experiment=…` → the starting view. */
export function parseLabQuery(query: Readonly<Record<string, string>>): LabQuery {
  const state = defaultViewState();
  const preset = query.preset && isPresetId(query.preset) ? query.preset : null;
  if (preset) {
    state.text = PRESETS[preset].text;
    state.textPair = PRESETS[preset].textPair;
  }
  if (query.model?.trim()) state.model = query.model.trim().slice(0, 300);
  if (query.text?.trim()) {
    state.text = query.text.slice(0, MAX_TEXT_LENGTH);
    state.textPair = '';
  }
  if (query.textPair !== undefined) state.textPair = query.textPair.slice(0, MAX_TEXT_LENGTH);
  return { state, preset, experimentId: query.experiment?.trim() || null };
}
