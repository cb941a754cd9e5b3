import { HolidayPackSchema, type HolidayPack } from '@core/index';

// Bundled into the build (one small chunk each, loaded when the pack dialog opens): no network.
const PACK_FILES = import.meta.glob<{ default: unknown }>(
  '../../../../../resources/holidays/*.json',
);

let loaded: Promise<HolidayPack[]> | undefined;

/** The holiday packs shipped with the app, checked against the schema, by country name. */
export function loadHolidayPacks(): Promise<HolidayPack[]> {
  loaded ??= Promise.all(
    Object.values(PACK_FILES).map(async (load) => HolidayPackSchema.parse((await load()).default)),
  ).then((packs) => packs.sort((a, b) => a.name.localeCompare(b.name)));
  return loaded;
}
