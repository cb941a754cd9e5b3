import { join } from 'node:path';
import { HostSettingsSchema, type HostSettings, type HostSettingsPatch } from '@core/contracts';
import { readJsonFile, writeJsonFile } from './json-file';

export const DEFAULT_HOST_SETTINGS: Readonly<HostSettings> = Object.freeze({
  keepRunningInTray: true,
});

/** Host settings kept in the user-data folder, read once and written on every change. */
export class HostSettingsStore {
  // Own copies, never the shared defaults, so no caller can change the defaults for everyone.
  private current: HostSettings = { ...DEFAULT_HOST_SETTINGS };
  private readonly file: string;

  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'host-settings.json');
  }

  async load(): Promise<HostSettings> {
    this.current = await readJsonFile(this.file, HostSettingsSchema, { ...DEFAULT_HOST_SETTINGS });
    return this.current;
  }

  get(): HostSettings {
    return this.current;
  }

  async update(patch: HostSettingsPatch): Promise<HostSettings> {
    this.current = { ...this.current, ...patch };
    await writeJsonFile(this.file, this.current);
    return this.current;
  }
}
