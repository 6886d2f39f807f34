/**
 * The Connections view as an image for a bug report: a standalone SVG (the chart's own markup, with the theme's
 * colours written into it, since the panel's CSS variables mean nothing outside the panel), and a PNG drawn
 * from that SVG on a canvas. No library: the browser already renders SVG and encodes PNG.
 */
import { timestamp } from '../../../recording/file-name';
import { copyText } from '../clipboard';

/** The properties the chart's stylesheet sets: what the SVG needs to look the same without it. */
const PAINT = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A standalone SVG document of `svg` as it is drawn now, on the panel's background colour. */
export function svgMarkup(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  inlinePaint(svg, clone);
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('xmlns', SVG_NS);
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.removeAttribute('class');
  const background = document.createElementNS(SVG_NS, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', getComputedStyle(svg).getPropertyValue('--bg').trim() || '#ffffff');
  clone.insertBefore(background, clone.firstChild);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

/** The two trees have the same shape: copy each drawn element's computed paint onto its clone. */
function inlinePaint(original: Element, clone: Element): void {
  const style = getComputedStyle(original);
  for (const property of PAINT) {
    const value = style.getPropertyValue(property);
    if (value) clone.setAttribute(property, value);
  }
  clone.removeAttribute('class');
  const originals = original.children;
  const clones = clone.children;
  for (let i = 0; i < originals.length; i++) inlinePaint(originals[i] as Element, clones[i] as Element);
}

/** Renders the SVG markup into a PNG, `scale` times its size (2: sharp on a high-density screen too). */
export async function pngOf(markup: string, width: number, height: number, scale = 2): Promise<Blob> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2D canvas');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the canvas made no PNG'))), 'image/png'),
  );
}

/**
 * Puts the PNG on the clipboard; where images cannot be copied (a DevTools panel without focus, an older
 * browser), the SVG markup as text, which bug trackers and editors accept too.
 */
export async function copyImage(png: Blob, markup: string): Promise<'png' | 'svg' | 'failed'> {
  try {
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': png })]);
    return 'png';
  } catch {
    return (await copyText(markup)) ? 'svg' : 'failed';
  }
}

/** `nim-devtools-connections-<YYYYMMDD-HHmmss>.svg`, local time like the recordings' names. */
export function imageFileName(extension: 'svg' | 'png', date: Date): string {
  return `nim-devtools-connections-${timestamp(date)}.${extension}`;
}
