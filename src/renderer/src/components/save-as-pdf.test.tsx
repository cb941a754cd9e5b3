import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { host } from '../host';
import { useDeskStore } from '../store';
import { useSaveAsPdf } from './save-as-pdf';

afterEach(() => {
  vi.restoreAllMocks();
  useDeskStore.setState({ toasts: [] });
});

const request = { fileName: 'Escalation report.pdf', landscape: false };

describe('saving the page as a PDF', () => {
  it('says where the PDF was saved, after preparing the page', async () => {
    const printToPdf = vi
      .spyOn(host, 'printToPdf')
      .mockResolvedValue({ outcome: 'saved', path: '/home/me/Escalation report.pdf' });
    const steps: string[] = [];
    const { result } = renderHook(() =>
      useSaveAsPdf('Report saved as PDF', async (print) => {
        steps.push('prepared');
        return print();
      }),
    );
    await act(() => result.current.save(request));
    expect(steps).toEqual(['prepared']);
    expect(printToPdf).toHaveBeenCalledWith(request);
    expect(useDeskStore.getState().toasts).toMatchObject([
      { tone: 'success', title: 'Report saved as PDF', body: '/home/me/Escalation report.pdf' },
    ]);
    expect(result.current.saving).toBe(false);
  });

  it('says nothing when the save dialog is cancelled or the print dialog took over', async () => {
    const printToPdf = vi.spyOn(host, 'printToPdf').mockResolvedValue({ outcome: 'cancelled' });
    const { result } = renderHook(() => useSaveAsPdf('Report saved as PDF'));
    await act(() => result.current.save(request));
    printToPdf.mockResolvedValue({ outcome: 'print-dialog' });
    await act(() => result.current.save(request));
    expect(useDeskStore.getState().toasts).toEqual([]);
  });

  it('names the problem when the PDF cannot be written', async () => {
    vi.spyOn(host, 'printToPdf').mockRejectedValue(new Error('The disk is full.'));
    const { result } = renderHook(() => useSaveAsPdf('Report saved as PDF'));
    await act(() => result.current.save(request));
    expect(useDeskStore.getState().toasts).toMatchObject([
      { tone: 'danger', title: 'The PDF could not be saved', body: 'The disk is full.' },
    ]);
    expect(result.current.saving).toBe(false);
  });
});
