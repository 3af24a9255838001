#include "tfts/codec/frame_encoder.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "tfts/codec/byte_writer.h"
#include "tfts/codec/codec_chooser.h"
#include "tfts/codec/tile_encoders.h"
#include "tfts/pipeline/damage.h"

namespace tfts::codec {
namespace {

using proto::MessageType;

void write_rect_header(VectorWriter& w, proto::Codec codec, const core::Rect& r, size_t len) {
  w.u8(static_cast<uint8_t>(MessageType::rect));
  w.u8(static_cast<uint8_t>(codec));
  w.be16(static_cast<uint16_t>(r.x));
  w.be16(static_cast<uint16_t>(r.y));
  w.be16(static_cast<uint16_t>(r.w));
  w.be16(static_cast<uint16_t>(r.h));
  w.be32(static_cast<uint32_t>(len));
}

constexpr int kMaxMergedWidth = 20 * pipeline::kTileSize;  // 320 px; 8 tiles: +2 % bytes, -20 % CPU

int tile_row(const core::Rect& r) { return r.y / pipeline::kTileSize; }
int tile_col_end(const core::Rect& r) { return (r.right() - 1) / pipeline::kTileSize; }
int tile_col(const core::Rect& r) { return r.x / pipeline::kTileSize; }

}  // namespace

FrameEncoder::FrameEncoder(const DisplayCaps& caps) : caps_(caps) {
  caps_.codecs |= proto::codec_bit(proto::Codec::raw) | proto::codec_bit(proto::Codec::fill);
  if (!caps_.framebuffer) caps_.codecs &= static_cast<uint16_t>(~proto::codec_bit(proto::Codec::copy));
  // COPY needs both: a framebuffer to read from and the codec declared (found by fuzzing: a
  // display with a framebuffer that left out the COPY bit got COPY rectangles).
  if (!(caps_.codecs & proto::codec_bit(proto::Codec::copy))) caps_.framebuffer = false;
}

size_t FrameEncoder::analyse(core::PlaneView<const uint16_t> target, const core::Rect& r,
                             TileStats& stats) const {
  analyse_tile(target.crop(r.x, r.y, r.w, r.h), stats);
  return proto::kRectHeaderBytes +
         stats.payload_bytes[static_cast<size_t>(choose_codec(stats, caps_.codecs))];
}

void FrameEncoder::emit_rect(core::PlaneView<const uint16_t> target, const core::Rect& r,
                             const TileStats& analysed, Output& o) {
  const core::PlaneView<const uint16_t> tile = target.crop(r.x, r.y, r.w, r.h);
  const proto::Codec c = choose_codec(analysed, caps_.codecs);
  const size_t len = analysed.payload_bytes[static_cast<size_t>(c)];
  if (len > caps_.max_payload) {
    // Too big for the display's buffer: halve along the longer side and try again.
    const bool rows = r.h >= r.w && r.h > 1;
    const core::Rect a = rows ? core::Rect{r.x, r.y, r.w, r.h / 2} : core::Rect{r.x, r.y, r.w / 2, r.h};
    const core::Rect b = rows ? core::Rect{r.x, r.y + a.h, r.w, r.h - a.h}
                              : core::Rect{r.x + a.w, r.y, r.w - a.w, r.h};
    for (const core::Rect& half : {a, b}) {
      TileStats half_stats;  // rare path: a fresh analysis per half, recursion-safe
      analyse(target, half, half_stats);
      emit_rect(target, half, half_stats, o);
    }
    return;
  }
  VectorWriter w(o.bytes);
  write_rect_header(w, c, r, len);
  encode_payload(c, tile, analysed, w);
  for (int y = r.y; y < r.bottom(); ++y) {
    std::copy(target.row(y) + r.x, target.row(y) + r.right(), o.shadow.row(y) + r.x);
  }
  const auto ci = static_cast<size_t>(c);
  o.stats.rects += 1;
  o.stats.pixels += r.area();
  o.stats.rects_by_codec[ci] += 1;
  o.stats.bytes_by_codec[ci] += proto::kRectHeaderBytes + len;
}

// Neighbouring tiles of one tile row become one rectangle when that costs no more bytes than
// sending them apart (a header is 14 bytes; a shared palette, run or predictor saves more).
// Each tile is analysed once. Two photographic tiles (raw or predict) are joined without
// trying: their payloads simply add up and the header is saved. Other joins are tried by
// analysing the union. Merged widths are capped, so the work stays linear in the tiles.
void FrameEncoder::emit_damage(core::PlaneView<const uint16_t> target, Output& o) {
  bool open = false, cur_bulky = false, cur_stale = false;
  core::Rect cur;
  size_t cur_cost = 0;
  const auto bulky = [this](const TileStats& s) {
    const proto::Codec c = choose_codec(s, caps_.codecs);
    return c == proto::Codec::raw || c == proto::Codec::predict;
  };
  for (const core::Rect& r : damage_) {
    const size_t alone = analyse(target, r, alone_stats_);
    const bool r_bulky = bulky(alone_stats_);
    if (open && tile_row(cur) == tile_row(r) && tile_col(r) == tile_col_end(cur) + 1 &&
        cur.w < kMaxMergedWidth) {
      const core::Rect u = cur.united(r);
      if (cur_bulky && r_bulky) {
        cur = u;
        cur_cost += alone - proto::kRectHeaderBytes;
        cur_stale = true;
        continue;
      }
      if (!cur_stale) {
        const size_t joint = analyse(target, u, union_stats_);
        if (joint <= cur_cost + alone) {
          cur = u;
          cur_cost = joint;
          cur_bulky = bulky(union_stats_);
          std::swap(cur_stats_, union_stats_);
          continue;
        }
      }
    }
    if (open) flush_rect(target, cur, cur_stale, o);
    cur = r;
    cur_cost = alone;
    cur_bulky = r_bulky;
    cur_stale = false;
    std::swap(cur_stats_, alone_stats_);
    open = true;
  }
  if (open) flush_rect(target, cur, cur_stale, o);
}

void FrameEncoder::flush_rect(core::PlaneView<const uint16_t> target, const core::Rect& r,
                              bool stale, Output& o) {
  if (stale) analyse(target, r, cur_stats_);
  emit_rect(target, r, cur_stats_, o);
}

// A scrolled band costs 18 bytes as one COPY instead of its pixels again. The shadow moves the
// same way the display's framebuffer will, so the damage pass that follows sees the rest.
bool FrameEncoder::emit_scroll(core::PlaneView<const uint16_t> target, Output& o) {
  const std::optional<Scroll> s = scroll_finder_.find(target, o.shadow.view());
  if (!s) return false;
  const core::Rect r{0, s->top, target.width, s->height};
  VectorWriter w(o.bytes);
  write_rect_header(w, proto::Codec::copy, r, 4);
  w.be16(0);
  w.be16(static_cast<uint16_t>(s->top + s->dy));
  core::Rgb565Plane& sh = o.shadow;
  const auto row_bytes = static_cast<size_t>(target.width) * 2;
  // Same overlap rule as the display: copy as through a temporary, here by direction.
  if (s->dy > 0) {
    for (int y = 0; y < s->height; ++y)
      std::memmove(sh.row(s->top + y), sh.row(s->top + y + s->dy), row_bytes);
  } else {
    for (int y = s->height - 1; y >= 0; --y)
      std::memmove(sh.row(s->top + y), sh.row(s->top + y + s->dy), row_bytes);
  }
  const auto ci = static_cast<size_t>(proto::Codec::copy);
  o.stats.rects += 1;
  o.stats.pixels += r.area();
  o.stats.rects_by_codec[ci] += 1;
  o.stats.bytes_by_codec[ci] += proto::kRectHeaderBytes + 4;
  return true;
}

FrameStats FrameEncoder::encode(core::PlaneView<const uint16_t> target, core::Rgb565Plane& shadow,
                                int max_error, uint32_t seq, std::vector<uint8_t>& out,
                                bool full_refresh, const pipeline::TileMask* candidates) {
  FrameStats stats;
  damage_.clear();
  if (full_refresh) {
    const int t = pipeline::kTileSize;
    for (int y = 0; y < target.height; y += t) {
      for (int x = 0; x < target.width; x += t) {
        damage_.push_back({x, y, std::min(t, target.width - x), std::min(t, target.height - y)});
      }
    }
  }
  const size_t start = out.size();
  VectorWriter w(out);
  w.u8(static_cast<uint8_t>(MessageType::frame_begin));
  w.be32(seq);
  Output o{out, shadow, stats};
  if (!full_refresh) {
    pipeline::collect_damage(target, shadow.view(), max_error, damage_, candidates);
    if (damage_.empty()) {
      out.resize(start);
      return stats;
    }
    // Look for a scroll only when something changed; after a COPY the damage is found anew,
    // over every tile, because the copy moved pixels outside the candidates too.
    if (caps_.framebuffer && emit_scroll(target, o)) {
      damage_.clear();
      pipeline::collect_damage(target, shadow.view(), max_error, damage_);
    }
  }
  emit_damage(target, o);
  w.u8(static_cast<uint8_t>(MessageType::frame_end));
  w.be32(seq);
  stats.bytes = out.size() - start;
  return stats;
}

}  // namespace tfts::codec
