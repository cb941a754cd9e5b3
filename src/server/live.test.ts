import { EventEmitter } from 'node:events';
import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import type { Sql } from './db';
import { LIVE_CLOSE, LiveSpaces } from './live';

/** A socket that records what the server sends and how it is closed. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readyState = 1;
  sent: string[] = [];
  closedWith: number | undefined;
  send(message: string): void {
    this.sent.push(message);
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
    this.emit('close', code);
  }
}

const noDatabase = { notify: async () => undefined } as unknown as Sql;
const owner = { userId: 'u-1', sessionId: 's-1' };

function listed(live: LiveSpaces, spaceId = 'north') {
  const socket = new FakeSocket();
  const admit = live.add(spaceId, owner, socket as unknown as WebSocket);
  return { socket, admit };
}

describe('LiveSpaces', () => {
  it('pokes a socket only once it is admitted (its session and membership checked)', () => {
    const live = new LiveSpaces(noDatabase);
    const { socket, admit } = listed(live);

    live.poke('north', 1);
    expect(socket.sent).toEqual([]);
    expect(live.count('north')).toBe(0);

    admit();
    live.poke('north', 2);
    expect(socket.sent).toEqual([JSON.stringify({ type: 'poke', version: 2 })]);
    expect(live.count('north')).toBe(1);
  });

  it.each([
    ['a removal from the space', { userId: 'u-1', spaceId: 'north' }],
    ['a removal from every space', { userId: 'u-1' }],
    ['a sign-out', { sessionId: 's-1' }],
  ] as const)('closes a socket still being checked on %s', async (_, audience) => {
    const live = new LiveSpaces(noDatabase);
    const { socket } = listed(live);
    const elsewhere = listed(live, 'south');

    await live.disconnect(audience, LIVE_CLOSE.forbidden, 'Removed.');

    expect(socket.closedWith).toBe(LIVE_CLOSE.forbidden);
    expect(elsewhere.socket.closedWith).toBe(
      'spaceId' in audience ? undefined : LIVE_CLOSE.forbidden,
    );
  });
});
