import type { LabModule } from '../types';

/** The Medical NER lab (`#/lab/ner?text=…&model=shipped:mini-bert-med-ner&tab=evaluate`). */
export const lab: LabModule = { id: 'ner', load: () => import('./NerLab.svelte') };
