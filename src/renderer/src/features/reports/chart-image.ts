/** Styles copied inline so the picture looks as on screen without the page's CSS and variables. */
const INLINE_STYLES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/**
 * A copy of a chart's SVG that stands alone: every element's computed colours and fonts written
 * into its style, so fills such as `var(--chart-met)` are resolved to the theme's colours.
 */
export function standaloneSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [copy, ...copy.querySelectorAll('*')];
  originals.forEach((original, index) => {
    const target = copies[index] as SVGElement | undefined;
    if (!target) return;
    const computed = getComputedStyle(original);
    const style = INLINE_STYLES.map((name) => {
      const value = computed.getPropertyValue(name);
      return value ? `${name}:${value}` : '';
    })
      .filter(Boolean)
      .join(';');
    if (style) target.setAttribute('style', style);
    for (const attribute of ['fill', 'stroke']) {
      if (target.getAttribute(attribute)?.includes('var(')) target.removeAttribute(attribute);
    }
  });
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  return new XMLSerializer().serializeToString(copy);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart could not be drawn as a picture.'));
    image.src = url;
  });
}

/**
 * A PNG of a chart at twice its size on screen, on the theme's surface colour, with the chart's
 * title above it (and its legend, which is HTML, drawn as text below the title).
 */
export async function chartPng(
  container: HTMLElement,
  title: string,
  legend: { label: string; color: string }[],
): Promise<Blob> {
  const svg = container.querySelector<SVGSVGElement>('svg.recharts-surface');
  if (!svg) throw new Error('There is no chart to save.');
  const scale = 2;
  const pad = 16;
  const style = getComputedStyle(container);
  const background = style.getPropertyValue('--surface').trim() || '#ffffff';
  const text = style.getPropertyValue('--text').trim() || '#000000';
  const muted = style.getPropertyValue('--text-muted').trim() || text;
  const font = style.fontFamily || 'sans-serif';
  const { width, height } = svg.getBoundingClientRect();
  const headerHeight = legend.length > 0 ? 56 : 36;

  const url = URL.createObjectURL(
    new Blob([standaloneSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }),
  );
  try {
    const image = await loadImage(url);
    const canvas = document.createElement('canvas');
    canvas.width = Math.round((width + pad * 2) * scale);
    canvas.height = Math.round((height + headerHeight + pad * 2) * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the chart as a picture.');
    context.scale(scale, scale);
    context.fillStyle = background;
    context.fillRect(0, 0, width + pad * 2, height + headerHeight + pad * 2);
    context.fillStyle = text;
    context.font = `600 16px ${font}`;
    context.textBaseline = 'top';
    context.fillText(title, pad, pad);
    let x = pad;
    context.font = `12px ${font}`;
    for (const item of legend) {
      // Legend colours are CSS variables: resolve them on the container.
      context.fillStyle = resolveColor(container, item.color);
      context.fillRect(x, pad + 28, 10, 10);
      context.fillStyle = muted;
      context.fillText(item.label, x + 14, pad + 27);
      x += 14 + context.measureText(item.label).width + 16;
    }
    context.drawImage(image, pad, pad + headerHeight, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('The picture could not be made.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A colour such as `var(--chart-met)` as the browser computes it inside `element`. */
function resolveColor(element: HTMLElement, color: string): string {
  const probe = document.createElement('span');
  probe.style.color = color;
  probe.hidden = true;
  element.append(probe);
  const resolved = getComputedStyle(probe).color;
  probe.remove();
  return resolved || color;
}
