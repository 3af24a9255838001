// Collects the decoded pixels of one rectangle, in raster order, into whole-row strips and
// hands each full strip to the sink (the JS twin of client/strip_writer.h). Codecs write
// big-endian pixel bytes into `buf` at `p` and call flush() when p === end.

const kLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export class StripWriter {
  /** `buf` is a Uint8Array of at least one row of the widest rectangle (width * 2 bytes). */
  constructor(buf) {
    this.buf = buf;
    // The same memory as 16-bit words, for filling runs (the strip starts 2-aligned and pixels
    // sit at even offsets): a pixel's two wire bytes as one word in host byte order, like the
    // C++ decoder's "tokens".
    this.buf16_ = new Uint16Array(buf.buffer, buf.byteOffset, buf.length >> 1);
    this.p = 0;
    this.end = 0;
    this.sink_ = null;
    this.x_ = 0;
    this.y_ = 0;
    this.w_ = 0;
    this.h_ = 0;
    this.rowBytes_ = 0;
    this.rowsPerStrip_ = 0;
    this.stripRows_ = 0;
    this.nextRow_ = 0;
    this.done = false; // the rectangle's last row went to the sink
  }

  begin(sink, x, y, w, h) {
    this.sink_ = sink;
    this.x_ = x;
    this.y_ = y;
    this.w_ = w;
    this.h_ = h;
    this.rowBytes_ = w * 2;
    this.rowsPerStrip_ = Math.min(Math.floor(this.buf.length / this.rowBytes_), h);
    this.nextRow_ = 0;
    this.openStrip_();
  }

  // Sends the full strip; returns false when that was the rectangle's last row (p === end
  // stays true then, so any further pixel is seen as an overflow by the codec).
  flush() {
    this.sink_.writePixels(this.x_, this.y_ + this.nextRow_, this.w_, this.stripRows_,
                           this.buf.subarray(0, this.rowBytes_ * this.stripRows_), this.rowBytes_);
    this.nextRow_ += this.stripRows_;
    if (this.nextRow_ >= this.h_) {
      this.p = this.end = 0;
      this.done = true;
      return false;
    }
    this.openStrip_();
    return true;
  }

  // Stores `run` copies of the pixel (hi, lo), flushing full strips. Returns false when the
  // rectangle ended first (a corrupt run); `done` tells whether the last row went out.
  putRun(run, hi, lo) {
    const token = kLittleEndian ? (lo << 8) | hi : (hi << 8) | lo;
    for (;;) {
      const room = (this.end - this.p) >> 1;
      const k = run < room ? run : room;
      const w = this.p >> 1;
      if (k < 16) { // short runs: a plain loop beats the call into fill()
        const b16 = this.buf16_;
        for (let i = 0; i < k; ++i) b16[w + i] = token;
      } else {
        this.buf16_.fill(token, w, w + k);
      }
      this.p += k * 2;
      run -= k;
      if (this.p !== this.end) return true;
      if (!this.flush()) return run === 0;
      if (run === 0) return true;
    }
  }

  /** True once every row of the rectangle went to the sink. */
  complete() {
    return this.nextRow_ >= this.h_;
  }

  openStrip_() {
    this.stripRows_ = Math.min(this.h_ - this.nextRow_, this.rowsPerStrip_);
    this.p = 0;
    this.end = this.rowBytes_ * this.stripRows_;
    this.done = false;
  }
}
