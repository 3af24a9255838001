// A decoder sink that keeps the display's RGB565 framebuffer and an RGBA copy for an HTML
// canvas. RGB565 is expanded by bit replication exactly as tfts::core::expand565
// (libs/core/include/tfts/core/rgb565.h), so pixels read back from the canvas equal the
// server's PNG screenshots and the golden vectors' PNGs.

/** 0xRRGGBB for a native RGB565 value: 0 -> 0, full scale -> 255 (core::expand565). */
export function expand565(v) {
  const r = v >> 11, g = (v >> 5) & 63, b = v & 31;
  return (((r << 3) | (r >> 2)) << 16) | (((g << 2) | (g >> 4)) << 8) | ((b << 3) | (b >> 2));
}

// expand565 for every value, as little-endian RGBA words (A = 255) for a Uint32Array view of
// ImageData. 256 KiB, built on first use.
let kRgbaTable = null;
function rgbaTable() {
  if (kRgbaTable) return kRgbaTable;
  kRgbaTable = new Uint32Array(65536);
  const little = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  for (let v = 0; v < 65536; ++v) {
    const rgb = expand565(v);
    const r = rgb >>> 16, g = (rgb >>> 8) & 255, b = rgb & 255;
    kRgbaTable[v] = little ? ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
                           : ((r << 24) | (g << 16) | (b << 8) | 255) >>> 0;
  }
  return kRgbaTable;
}

export class CanvasSink {
  /**
   * A `width` x `height` framebuffer, black at start. `context` (optional) is a
   * CanvasRenderingContext2D of a canvas of that size: every frameDone() paints the area the
   * frame changed. Without it (Node, tests) the sink only keeps the pixels.
   */
  constructor(width, height, context = null) {
    this.width = width;
    this.height = height;
    this.pixels = new Uint16Array(width * height); // native RGB565, row-major
    this.rgba = new Uint8ClampedArray(width * height * 4); // what the canvas shows
    this.rgba32_ = new Uint32Array(this.rgba.buffer);
    this.table_ = rgbaTable();
    this.rgba32_.fill(this.table_[0]);
    this.context_ = context;
    this.imageData_ = context ? new ImageData(this.rgba, width, height) : null;
    this.onFrame = null; // optional callback(seq) after a frame was painted
    this.resetDirty_();
  }

  writePixels(x, y, w, h, bytes, strideBytes) {
    const px = this.pixels, out = this.rgba32_, table = this.table_, W = this.width;
    for (let row = 0; row < h; ++row) {
      let s = row * strideBytes;
      let d = (y + row) * W + x;
      for (let i = 0; i < w; ++i, s += 2, ++d) {
        const v = (bytes[s] << 8) | bytes[s + 1];
        px[d] = v;
        out[d] = table[v];
      }
    }
    this.markDirty_(x, y, w, h);
  }

  fill(x, y, w, h, rgb565) {
    const W = this.width, c = this.table_[rgb565];
    for (let row = y; row < y + h; ++row) {
      this.pixels.fill(rgb565, row * W + x, row * W + x + w);
      this.rgba32_.fill(c, row * W + x, row * W + x + w);
    }
    this.markDirty_(x, y, w, h);
  }

  copy(x, y, w, h, srcX, srcY) {
    const W = this.width;
    // Overlap-safe: copyWithin is memmove per row, and the row order avoids reading a row
    // that was already overwritten (bottom up when moving down).
    const down = y > srcY;
    for (let i = 0; i < h; ++i) {
      const row = down ? h - 1 - i : i;
      const s = (srcY + row) * W + srcX, d = (y + row) * W + x;
      this.pixels.copyWithin(d, s, s + w);
      this.rgba32_.copyWithin(d, s, s + w);
    }
    this.markDirty_(x, y, w, h);
  }

  frameDone(seq) {
    if (this.context_ && this.dirtyX1_ > this.dirtyX0_) {
      this.context_.putImageData(this.imageData_, 0, 0, this.dirtyX0_, this.dirtyY0_,
                                 this.dirtyX1_ - this.dirtyX0_, this.dirtyY1_ - this.dirtyY0_);
    }
    this.resetDirty_();
    this.onFrame?.(seq);
  }

  /** The native RGB565 value at (x, y). */
  at(x, y) {
    return this.pixels[y * this.width + x];
  }

  markDirty_(x, y, w, h) {
    if (x < this.dirtyX0_) this.dirtyX0_ = x;
    if (y < this.dirtyY0_) this.dirtyY0_ = y;
    if (x + w > this.dirtyX1_) this.dirtyX1_ = x + w;
    if (y + h > this.dirtyY1_) this.dirtyY1_ = y + h;
  }

  resetDirty_() {
    this.dirtyX0_ = this.width;
    this.dirtyY0_ = this.height;
    this.dirtyX1_ = 0;
    this.dirtyY1_ = 0;
  }
}
