import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { setLang, setupI18n } from '../../lib/i18n';
import MapCanvas from './MapCanvas.svelte';
import type { MapPoints } from './map.svelte';

// Points (data units): 0 (0,0), 1 (10,0), 2 (10,5), 3 (3,4); collection rows 20, 21, 22, 23.
const points: MapPoints = {
  collection: 'c', layout: 'pca', coords: Float32Array.from([0, 0, 10, 0, 10, 5, 3, 4]), rows: Int32Array.from([20, 21, 22, 23]),
  explained: [0.6, 0.3], sampleSize: 4, total: 4,
};

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  } as unknown as typeof ResizeObserver;
  // jsdom draws nothing (no 2-D context); only the keyboard and the accessible names are tested here.
  HTMLCanvasElement.prototype.getContext = (() => null) as unknown as HTMLCanvasElement['getContext'];
  setupI18n(null);
  setLang('en');
});

describe('MapCanvas', () => {
  it('is a labelled listbox with its keys explained, and the canvas is hidden from assistive technology', () => {
    render(MapCanvas, { points, categories: null, query: null, onhover: () => {}, onpick: () => {} });
    const box = screen.getByRole('listbox', { name: "Map of the collection's 4 chunks: use the arrow keys to go from point to point" });
    expect(box).toHaveAttribute('tabindex', '0');
    expect(box).toHaveAccessibleDescription(/arrow keys go to the nearest point in that direction, Enter searches with it/);
    expect(screen.getByTestId('vs-map-canvas')).toHaveAttribute('aria-hidden', 'true');
    expect(box).not.toHaveAttribute('aria-activedescendant');
  });

  it('arrow keys walk from point to point, Enter searches with the point, Escape lets it go', async () => {
    const onhover = vi.fn();
    const onpick = vi.fn();
    render(MapCanvas, { points, categories: null, query: null, onhover, onpick });
    const box = screen.getByRole('listbox');
    // The first arrow takes the point nearest the middle of the view, (5, 2.5): point 3 at (3, 4).
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(onhover).toHaveBeenLastCalledWith(23);
    expect(box).toHaveAttribute('data-active', '23');
    expect(screen.getByRole('option', { selected: true })).toHaveTextContent('Chunk 24');
    expect(box.getAttribute('aria-activedescendant')).toBe(screen.getByRole('option').id);
    // Right of (3,4): (10,5) is in the cone and nearer than (10,0).
    await fireEvent.keyDown(box, { key: 'ArrowRight' });
    expect(onhover).toHaveBeenLastCalledWith(22);
    await fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(onhover).toHaveBeenLastCalledWith(21);
    // Nothing lies further right of (10,0): the point stays.
    await fireEvent.keyDown(box, { key: 'ArrowRight' });
    expect(box).toHaveAttribute('data-active', '21');
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onpick).toHaveBeenCalledExactlyOnceWith(21);
    await fireEvent.keyDown(box, { key: 'Escape' });
    expect(onhover).toHaveBeenLastCalledWith(null);
    expect(box).not.toHaveAttribute('aria-activedescendant');
    expect(screen.queryByRole('option')).toBeNull();
    await fireEvent.keyDown(box, { key: 'Enter' });
    expect(onpick).toHaveBeenCalledTimes(1);
  });
});
