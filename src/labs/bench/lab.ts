import type { LabModule } from '../types';

export const lab: LabModule = { id: 'bench', load: () => import('./BenchLab.svelte') };
