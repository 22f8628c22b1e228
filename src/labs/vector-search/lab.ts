import type { LabModule } from '../types';

export const lab: LabModule = { id: 'vector-search', load: () => import('./VectorSearchLab.svelte') };
