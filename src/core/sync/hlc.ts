/**
 * Hybrid logical clocks: a timestamp that follows wall time but never goes backwards and orders
 * every change made anywhere, so "last writer wins" means the same thing on every replica.
 *
 * An HLC is a string `WWWWWWWWWWWWWWW-CCCC-node`: wall milliseconds (15 digits), a counter (4 base-36
 * digits) and the node (client) id. Plain string comparison orders HLCs.
 */

export type Hlc = string;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 4;
const MAX_COUNTER = 36 ** COUNTER_DIGITS - 1;
const NODE_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
const HLC_PATTERN = /^(\d{15})-([0-9a-z]{4})-([A-Za-z0-9_-]{1,64})$/;

/** The parts of an HLC. */
export interface HlcParts {
  wall: number;
  counter: number;
  node: string;
}

/** Whether a value is a well-formed HLC string. */
export function isHlc(value: unknown): value is Hlc {
  return typeof value === 'string' && HLC_PATTERN.test(value);
}

/** Writes an HLC from its parts; throws on a negative wall time, a counter overflow or a bad node. */
export function formatHlc({ wall, counter, node }: HlcParts): Hlc {
  if (!Number.isSafeInteger(wall) || wall < 0 || wall >= 10 ** WALL_DIGITS) {
    throw new RangeError(`An HLC wall time must be a whole number of milliseconds, not ${wall}.`);
  }
  if (!Number.isInteger(counter) || counter < 0 || counter > MAX_COUNTER) {
    throw new RangeError(`The HLC counter overflowed (${counter}); the clock is stuck.`);
  }
  if (!NODE_PATTERN.test(node)) throw new RangeError(`"${node}" is not a valid HLC node id.`);
  return `${String(wall).padStart(WALL_DIGITS, '0')}-${counter.toString(36).padStart(COUNTER_DIGITS, '0')}-${node}`;
}

/** Reads an HLC string; throws naming the problem when it is malformed. */
export function parseHlc(hlc: Hlc): HlcParts {
  const match = HLC_PATTERN.exec(hlc);
  if (!match) throw new RangeError(`"${hlc}" is not a hybrid logical clock value.`);
  return { wall: Number(match[1]), counter: parseInt(match[2]!, 36), node: match[3]! };
}

/** Orders two HLCs: negative, zero or positive (absent sorts first). */
export function compareHlc(a: Hlc | undefined, b: Hlc | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : 1;
}

/** The clock's next value for a local change at wall time `now`, after the last value `last`. */
export function tickHlc(last: Hlc | undefined, now: number, node: string): Hlc {
  const wall = Math.max(Math.floor(now), last ? parseHlc(last).wall : 0);
  const counter = last && parseHlc(last).wall === wall ? parseHlc(last).counter + 1 : 0;
  return formatHlc({ wall, counter, node });
}

/** The clock after seeing a remote value: later than both the local clock and the remote one. */
export function receiveHlc(last: Hlc | undefined, remote: Hlc, now: number, node: string): Hlc {
  const local = last ? parseHlc(last) : undefined;
  const seen = parseHlc(remote);
  const wall = Math.max(Math.floor(now), local?.wall ?? 0, seen.wall);
  let counter = 0;
  if (wall === seen.wall && wall === local?.wall)
    counter = Math.max(seen.counter, local.counter) + 1;
  else if (wall === seen.wall) counter = seen.counter + 1;
  else if (wall === local?.wall) counter = local.counter + 1;
  return formatHlc({ wall, counter, node });
}

/** The wall time of an HLC in milliseconds. */
export function hlcWall(hlc: Hlc): number {
  return parseHlc(hlc).wall;
}
