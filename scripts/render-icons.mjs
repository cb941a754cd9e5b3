// Renders resources/icon.svg to the PNG sizes the app and electron-builder need, with Chromium.
// Run after changing the icon: node scripts/render-icons.mjs (the PNGs are committed).
import { chromium } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';

const svg = readFileSync(new URL('../resources/icon.svg', import.meta.url), 'utf8');
const executablePath = [process.env.CHROMIUM_PATH, '/usr/bin/chromium'].find(
  (p) => p && existsSync(p),
);
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const sizes = [
  ['icon.png', 512],
  ['tray.png', 16],
  ['tray@2x.png', 32],
];
for (const [name, size] of sizes) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`,
  );
  await page.screenshot({ path: `resources/${name}`, omitBackground: true });
  console.log(`resources/${name} (${size}×${size})`);
}
await browser.close();
