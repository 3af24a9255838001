// PALETTE and PALETTE_RLE payloads (docs/protocol.md §4.4, §4.5): n colours (1..16) then
// either packed indices (1, 2 or 4 bits, MSB first, each row byte-aligned) or run items.
#include "codec_decoders.h"
#include "pixel_store.h"

namespace tfts {
namespace client {
namespace {

const uint8_t kMaxColours = 16;

// Reads the colour table into tokens; returns the bytes used or 0 when malformed.
size_t read_palette(const uint8_t* in, size_t len, uint8_t min_colours, uint16_t* table,
                    uint8_t* count) {
  if (len < 1) return 0;
  const uint8_t n = in[0];
  if (n < min_colours || n > kMaxColours || len < 1 + 2u * n) return 0;
  for (uint8_t i = 0; i < n; ++i) table[i] = load_token(in + 1 + 2 * i);
  *count = n;
  return 1 + 2u * n;
}

// One row of packed indices. kCheck is false when n == 2^bits: every index is then valid, and
// the per-pixel range check (a compare and a branch on the device) disappears.
template <unsigned kBits, bool kCheck>
bool decode_palette_row(const uint8_t* src, uint16_t width, const uint16_t* table, uint8_t n,
                        uint8_t* p) {
  const unsigned per_byte = 8 / kBits, mask = (1u << kBits) - 1;
  uint16_t x = 0;
  while (x < width) {
    const unsigned byte = *src++;
    const unsigned left = static_cast<unsigned>(width - x);
    const unsigned count = left < per_byte ? left : per_byte;
    for (unsigned k = 0; k < count; ++k) {
      const unsigned idx = (byte >> (8 - kBits * (k + 1))) & mask;
      if (kCheck && idx >= n) return false;
      store_token(p, table[idx]);
      p += 2;
    }
    x = static_cast<uint16_t>(x + count);
  }
  return true;
}

template <unsigned kBits>
bool decode_palette_rows(const uint8_t* row, size_t row_bytes, const Rect& r,
                         const uint16_t* table, uint8_t n, StripWriter& out) {
  const bool check = n != (1u << kBits);
  for (uint16_t y = 0; y < r.h; ++y, row += row_bytes) {
    const bool ok = check ? decode_palette_row<kBits, true>(row, r.w, table, n, out.p)
                          : decode_palette_row<kBits, false>(row, r.w, table, n, out.p);
    if (!ok) return false;
    out.p += static_cast<size_t>(r.w) * 2;
    // Strips hold whole rows, so a strip can only fill up at the end of a row.
    if (out.p == out.end) out.flush();
  }
  return out.complete();
}

}  // namespace

bool decode_palette(const uint8_t* in, size_t len, const Rect& r, StripWriter& out) {
  uint16_t table[kMaxColours];
  uint8_t n = 0;
  const size_t used = read_palette(in, len, 2, table, &n);
  if (used == 0) return false;
  const unsigned bits = n <= 2 ? 1u : (n <= 4 ? 2u : 4u);
  const size_t row_bytes = (static_cast<size_t>(r.w) * bits + 7) / 8;
  if (len - used != row_bytes * r.h) return false;
  const uint8_t* rows = in + used;
  if (bits == 1) return decode_palette_rows<1>(rows, row_bytes, r, table, n, out);
  if (bits == 2) return decode_palette_rows<2>(rows, row_bytes, r, table, n, out);
  return decode_palette_rows<4>(rows, row_bytes, r, table, n, out);
}

bool decode_palette_rle(const uint8_t* in, size_t len, StripWriter& out) {
  uint16_t table[kMaxColours];
  uint8_t n = 0;
  const size_t used = read_palette(in, len, 1, table, &n);
  if (used == 0) return false;
  const uint8_t* const end = in + len;
  in += used;
  uint8_t* p = out.p;
  uint8_t* p_end = out.end;
  bool done = false;
  while (in < end && !done) {
    const unsigned item = *in++;
    const unsigned idx = item >> 4;
    size_t run = (item & 15u) + 1;
    if (run == 16) {
      if (in == end) return false;
      run = 16u + *in++;
    }
    if (idx >= n || !out.put_run(&p, &p_end, run, table[idx], &done)) return false;
  }
  out.p = p;
  return in == end && out.complete();
}

}  // namespace client
}  // namespace tfts
