import { expect, it } from 'vitest';
import { exportFileName } from './export-file-name';

it('exportFileName(date) names the file after the local day', () => {
  expect(exportFileName(new Date(2026, 2, 4, 23, 59))).toBe('llm-lab-progress-2026-03-04.json');
});
