import { existsSync, readFileSync } from 'node:fs';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util/out/DebugLogger';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

// Packaging needs Electron downloaded, so it cannot run here; the configuration is still checked.
const config = parse(readFileSync('electron-builder.yml', 'utf8'));

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('rejects a broken configuration (the validation is real)', async () => {
    await expect(
      validateConfiguration({ ...config, apId: 'typo' }, new DebugLogger(false)),
    ).rejects.toThrow();
  });

  it('targets Linux AppImage and deb, Windows nsis and macOS dmg with the app id', () => {
    expect(config.appId).toBe('com.escalationdesk.app');
    expect(config.productName).toBe('Escalation Desk');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('points at icons that exist and are large enough for every platform', () => {
    for (const icon of [config.linux.icon, config.win.icon, config.mac.icon]) {
      expect(existsSync(icon), icon).toBe(true);
      const png = readFileSync(icon);
      expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    }
    expect(existsSync('resources/tray.png')).toBe(true);
  });

  it('uses the same app id as the main process (Windows toasts need them to match)', () => {
    expect(readFileSync('src/main/index.ts', 'utf8')).toContain(`'${config.appId}'`);
  });
});
