import type { LabModule } from '../types';

export const lab: LabModule = { id: 'models', load: () => import('./ModelsLab.svelte') };
