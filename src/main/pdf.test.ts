import { describe, expect, it, vi } from 'vitest';
import { savePageAsPdf, type PdfDeps } from './pdf';

const PDF = new Uint8Array([37, 80, 68, 70]);

function deps(chosen: string | undefined): PdfDeps & { written: [string, Uint8Array][] } {
  const written: [string, Uint8Array][] = [];
  return {
    written,
    chooseFile: vi.fn(async () => chosen),
    render: vi.fn(async () => PDF),
    writeFile: vi.fn(async (path: string, data: Uint8Array) => {
      written.push([path, data]);
    }),
  };
}

describe('savePageAsPdf', () => {
  it('renders the page in landscape and writes it where the user chose', async () => {
    const d = deps('/home/ana/Documents/matrix.pdf');
    const result = await savePageAsPdf(d, { fileName: 'matrix-v3.pdf', landscape: true });
    expect(result).toEqual({ outcome: 'saved', path: '/home/ana/Documents/matrix.pdf' });
    expect(d.chooseFile).toHaveBeenCalledWith('matrix-v3.pdf');
    expect(d.render).toHaveBeenCalledWith({ landscape: true });
    expect(d.written).toEqual([['/home/ana/Documents/matrix.pdf', PDF]]);
  });

  it('keeps the .pdf ending when the user typed a name without it', async () => {
    const d = deps('C:\\Users\\ana\\procedure');
    expect(await savePageAsPdf(d, { fileName: 'matrix.pdf', landscape: false })).toEqual({
      outcome: 'saved',
      path: 'C:\\Users\\ana\\procedure.pdf',
    });
  });

  it('renders and writes nothing when the user cancels', async () => {
    const d = deps(undefined);
    expect(await savePageAsPdf(d, { fileName: 'matrix.pdf', landscape: true })).toEqual({
      outcome: 'cancelled',
    });
    expect(d.render).not.toHaveBeenCalled();
    expect(d.written).toEqual([]);
  });
});
