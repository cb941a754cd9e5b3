import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QueueItem } from './queue-index';
import type { QueueRow } from './queue-rows';
import { fullColumnOrder, useQueueTable } from './use-queue-table';
import { DEFAULT_VIEW_STATE, RISK_OFF_COLUMNS, type QueueViewState } from './view-state';

const row = (n: number) =>
  ({ ticket: { id: `ESC-${n}` }, customer: '', owner: '', team: '' }) as unknown as QueueRow;

describe('the queue table (TanStack)', () => {
  it('models the lines on screen, group headers included, with their ids', () => {
    const window: QueueItem[] = [
      { kind: 'group', id: 'level:2', column: 'level', label: 'L2', count: 1, open: true },
      row(7),
    ];
    const { result } = renderHook(() =>
      useQueueTable({ window, state: DEFAULT_VIEW_STATE, onStateChange: () => undefined }),
    );
    expect(result.current.rows.map((r) => r.id)).toEqual(['level:2', 'ESC-7']);
  });

  it('shows the chosen columns in the chosen order, and new columns at the end', () => {
    const state: QueueViewState = {
      ...DEFAULT_VIEW_STATE,
      columnOrder: ['select', 'title', 'id'],
      columnVisibility: { tier: false, team: false, channel: false, category: false, age: false },
    };
    const { result } = renderHook(() =>
      useQueueTable({ window: [], state, onStateChange: () => undefined }),
    );
    expect(result.current.headers.map((h) => h.id)).toEqual([
      'select',
      'title',
      'id',
      'priority',
      'sla',
      'risk',
      'customer',
      'status',
      'level',
      'owner',
    ]);
    expect(fullColumnOrder(['id', 'gone'])[0]).toBe('id');
  });

  it("hides a switched-off feature's column without changing the view", () => {
    const state: QueueViewState = { ...DEFAULT_VIEW_STATE, columnVisibility: { risk: true } };
    const ids = (offColumns?: typeof RISK_OFF_COLUMNS) =>
      renderHook(() =>
        useQueueTable({ window: [], state, onStateChange: () => undefined, offColumns }),
      ).result.current.headers.map((h) => h.id);

    expect(ids()).toContain('risk');
    expect(ids(RISK_OFF_COLUMNS)).not.toContain('risk');
    expect(ids(RISK_OFF_COLUMNS)).toContain('sla');
    expect(state.columnVisibility).toEqual({ risk: true });
  });

  it('sorts from the header: a click sorts by that column, Shift+click adds it', () => {
    let state: QueueViewState = { ...DEFAULT_VIEW_STATE, sorting: [{ id: 'sla', desc: false }] };
    const { result, rerender } = renderHook(() =>
      useQueueTable({
        window: [],
        state,
        onStateChange: (update) => {
          state = update(state);
        },
      }),
    );
    const header = (id: string) => result.current.headers.find((h) => h.id === id)!;
    expect(header('sla')).toMatchObject({ sorted: 'asc', sortIndex: 0 });
    act(() => header('priority').onSort!({ shiftKey: true }));
    rerender();
    expect(state.sorting).toEqual([
      { id: 'sla', desc: false },
      { id: 'priority', desc: false },
    ]);
    expect(header('priority')).toMatchObject({ sorted: 'asc', sortIndex: 1 });
    act(() => header('customer').onSort!({}));
    rerender();
    expect(state.sorting).toEqual([{ id: 'customer', desc: false }]);
  });
});
