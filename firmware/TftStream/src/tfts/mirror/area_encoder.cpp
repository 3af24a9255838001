// AreaEncoder: fill / rle / palette_rle / raw payloads for the source role (docs/protocol.md
// §4.1-4.3, §4.5).
#include "tfts/mirror/area_encoder.h"

namespace tfts {
namespace mirror {
namespace {

const unsigned kMaxItemPixels = 128;  // §4.3: literals and runs carry 1..128 pixels

inline void put_pixel(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}

// Builds rle items as §4.3's reference encoder does (runs of 2+ become run items, single
// pixels are gathered into literals). kWrite false only counts, so the same code measures
// the payload before there is room for it.
template <bool kWrite>
class RleItems {
 public:
  explicit RleItems(uint8_t* out) : out_(out), n_(0), literal_at_(0), literal_count_(0) {}

  void run(uint16_t v, unsigned len) {
    if (len == 1) {
      literal(v);
      return;
    }
    close_literal();
    if (kWrite) {
      out_[n_] = static_cast<uint8_t>(0x80u | (len - 1));
      put_pixel(out_ + n_ + 1, v);
    }
    n_ += 3;
  }
  size_t finish() {
    close_literal();
    return n_;
  }

 private:
  void literal(uint16_t v) {
    if (literal_count_ == 0) literal_at_ = n_++;  // header patched when the literal closes
    if (kWrite) put_pixel(out_ + n_, v);
    n_ += 2;
    if (++literal_count_ == kMaxItemPixels) close_literal();
  }
  void close_literal() {
    if (literal_count_ == 0) return;
    if (kWrite) out_[literal_at_] = static_cast<uint8_t>(literal_count_ - 1);
    literal_count_ = 0;
  }

  uint8_t* out_;
  size_t n_;
  size_t literal_at_;
  unsigned literal_count_;
};

// Calls on_run(value, length) for the runs of equal pixels of `a` in raster order, across row
// ends (§4.3, §4.5), each at most `max_run` long. Stops, returning false, when on_run does.
template <typename OnRun>
bool for_each_run(const PixelArea& a, unsigned max_run, OnRun on_run) {
  uint16_t current = wire_pixel(a.px, a.swapped);
  unsigned len = 0;
  for (uint16_t y = 0; y < a.h; ++y) {
    const uint8_t* p = a.px + y * a.stride;
    for (uint16_t x = 0; x < a.w; ++x, p += 2) {
      const uint16_t v = wire_pixel(p, a.swapped);
      if (v == current && len < max_run) {
        ++len;
        continue;
      }
      if (!on_run(current, len)) return false;
      current = v;
      len = 1;
    }
  }
  return on_run(current, len);
}

template <bool kWrite>
size_t encode_rle(const PixelArea& a, uint8_t* out) {
  RleItems<kWrite> items(out);
  for_each_run(a, kMaxItemPixels, [&](uint16_t v, unsigned len) {
    items.run(v, len);
    return true;
  });
  return items.finish();
}

// palette_rle (§4.5): items `idx << 4 | L` (runs 1..15), or `idx << 4 | 15` plus one byte e
// (runs 16..271). Measuring (kWrite false) also builds the palette; it returns 0 when the area
// has more than 16 colours. Writing uses the palette the measuring pass built.
const unsigned kMaxPaletteRun = 271;
const unsigned kPaletteColours = 16;

inline int palette_index(const Choice& c, uint16_t v) {
  for (int i = 0; i < c.colours; ++i) {
    if (c.palette[i] == v) return i;
  }
  return -1;
}

template <bool kWrite>
size_t encode_palette_rle(const PixelArea& a, Choice& c, uint8_t* out) {
  // Writing knows the palette (the measuring pass built it), so the items go straight after
  // the header; measuring counts the items and adds the header at the end.
  size_t n = kWrite ? 1 + 2u * c.colours : 0;
  if (!kWrite) c.colours = 0;
  const auto emit = [&](uint16_t v, unsigned len) -> bool {
    int idx = palette_index(c, v);
    if (idx < 0) {
      if (kWrite || c.colours == kPaletteColours) return false;
      c.palette[c.colours] = v;
      idx = c.colours++;
    }
    while (len > 0) {
      const unsigned chunk = len < kMaxPaletteRun ? len : kMaxPaletteRun;
      if (chunk <= 15) {
        if (kWrite) out[n] = static_cast<uint8_t>(idx << 4 | (chunk - 1));
        n += 1;
      } else {
        if (kWrite) {
          out[n] = static_cast<uint8_t>(idx << 4 | 15);
          out[n + 1] = static_cast<uint8_t>(chunk - 16);
        }
        n += 2;
      }
      len -= chunk;
    }
    return true;
  };
  // Runs longer than an item are split by emit() itself; 65535 only keeps `len` bounded.
  if (!for_each_run(a, 65535u, emit)) return 0;
  if (!kWrite) return 1 + 2u * c.colours + n;
  out[0] = c.colours;
  for (int i = 0; i < c.colours; ++i) put_pixel(out + 1 + 2 * i, c.palette[i]);
  return n;
}

}  // namespace

bool is_flat(const PixelArea& a) {
  const uint16_t first = wire_pixel(a.px, a.swapped);
  for (uint16_t y = 0; y < a.h; ++y) {
    const uint8_t* p = a.px + y * a.stride;
    for (uint16_t x = 0; x < a.w; ++x, p += 2) {
      if (wire_pixel(p, a.swapped) != first) return false;
    }
  }
  return true;
}

PixelArea sub_area(const PixelArea& a, uint16_t x, uint16_t y, uint16_t w, uint16_t h) {
  PixelArea s = a;
  s.px = a.px + y * a.stride + 2u * x;
  s.w = w;
  s.h = h;
  return s;
}

Choice choose_codec(const PixelArea& a, uint16_t codecs) {
  Choice c;
  c.colours = 0;
  if (is_flat(a)) {
    c.codec = proto::Codec::fill;
    c.payload_bytes = 2;
    return c;
  }
  c.codec = proto::Codec::raw;
  c.payload_bytes = 2u * a.w * a.h;
  if (codecs & proto::codec_bit(proto::Codec::rle)) {
    const size_t rle = encode_rle<false>(a, 0);
    if (rle < c.payload_bytes) {
      c.codec = proto::Codec::rle;
      c.payload_bytes = rle;
    }
  }
  if (codecs & proto::codec_bit(proto::Codec::palette_rle)) {
    const size_t pal = encode_palette_rle<false>(a, c, 0);
    if (pal != 0 && pal < c.payload_bytes) {
      c.codec = proto::Codec::palette_rle;
      c.payload_bytes = pal;
    }
  }
  return c;
}

void write_payload(const PixelArea& a, const Choice& choice, uint8_t* out) {
  switch (choice.codec) {
    case proto::Codec::fill:
      put_pixel(out, wire_pixel(a.px, a.swapped));
      return;
    case proto::Codec::rle:
      encode_rle<true>(a, out);
      return;
    case proto::Codec::palette_rle: {
      Choice c = choice;
      encode_palette_rle<true>(a, c, out);
      return;
    }
    default:
      for (uint16_t y = 0; y < a.h; ++y) {
        const uint8_t* p = a.px + y * a.stride;
        for (uint16_t x = 0; x < a.w; ++x, p += 2, out += 2) {
          put_pixel(out, wire_pixel(p, a.swapped));
        }
      }
      return;
  }
}

}  // namespace mirror
}  // namespace tfts
