#!/usr/bin/env node
// Renders public/icons/icon.svg to the PNG icons the web manifest lists, with the system Chromium.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from 'playwright-core';

const dir = resolve(import.meta.dirname, '../public/icons');
const svg = readFileSync(resolve(dir, 'icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage();
  const shots = [
    { file: 'icon-192.png', size: 192, pad: 0, bg: 'transparent' },
    { file: 'icon-512.png', size: 512, pad: 0, bg: 'transparent' },
    // Maskable: the artwork inside the 80 % safe zone, on a full-bleed background.
    { file: 'icon-maskable-512.png', size: 512, pad: 0.1, bg: '#1f4e79' },
  ];
  for (const { file, size, pad, bg } of shots) {
    await page.setViewportSize({ width: size, height: size });
    const inner = Math.round(size * (1 - 2 * pad));
    await page.setContent(`<html><body style="margin:0;background:${bg};display:grid;place-items:center;height:${size}px">
      <div style="width:${inner}px;height:${inner}px">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div></body></html>`);
    await page.screenshot({ path: resolve(dir, file), omitBackground: bg === 'transparent' });
    console.log(`wrote public/icons/${file}`);
  }
} finally {
  await browser.close();
}
