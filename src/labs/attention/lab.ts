import type { LabModule } from '../types';

export const lab: LabModule = { id: 'attention', load: () => import('./AttentionLab.svelte') };
