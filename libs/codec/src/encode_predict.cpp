// PREDICT (§4.6): per run, one op that moves the predictor from the previous value to the
// run's value (DIFF, LUMA or literal), then run ops for the rest of the run.
#include "tfts/core/rgb565.h"
#include "tfts/codec/tile_encoders.h"

namespace tfts::codec {
namespace {

constexpr uint32_t kShortRun = 64;   // tags 0x00..0x3F
constexpr uint32_t kLongRun = 126;   // tags 0xC0..0xFD: 65..126

void write_step(uint16_t prev, uint16_t next, VectorWriter& w) {
  const int dr = static_cast<int>(core::red5(next)) - static_cast<int>(core::red5(prev));
  const int dg = static_cast<int>(core::green6(next)) - static_cast<int>(core::green6(prev));
  const int db = static_cast<int>(core::blue5(next)) - static_cast<int>(core::blue5(prev));
  if (dr >= -2 && dr <= 1 && dg >= -2 && dg <= 1 && db >= -2 && db <= 1) {
    w.u8(static_cast<uint8_t>(0x40 | ((dr + 2) << 4) | ((dg + 2) << 2) | (db + 2)));
    return;
  }
  if (dg >= -32 && dg <= 31) {
    const int half = dg >> 1;  // floor(dg / 2): arithmetic shift
    const int rr = dr - half + 8, bb = db - half + 8;
    if (rr >= 0 && rr <= 15 && bb >= 0 && bb <= 15) {
      w.u8(static_cast<uint8_t>(0x80 | (dg + 32)));
      w.u8(static_cast<uint8_t>((rr << 4) | bb));
      return;
    }
  }
  w.u8(proto::kPredictLiteral);
  w.be16(next);
}

void write_run(uint32_t n, VectorWriter& w) {
  while (n > 0) {
    const uint32_t k = std::min(n, kLongRun);
    w.u8(static_cast<uint8_t>(k <= kShortRun ? k - 1 : 0xC0 + (k - 65)));
    n -= k;
  }
}

}  // namespace

void encode_predict(const TileStats& s, VectorWriter& w) {
  uint16_t prev = 0;
  for (const Run& r : s.runs) {
    uint32_t n = r.length;
    if (r.value != prev) {
      write_step(prev, r.value, w);
      prev = r.value;
      --n;
    }
    write_run(n, w);
  }
}


}  // namespace tfts::codec
