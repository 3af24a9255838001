#include "tfts/codec/frame_encoder.h"

#include <algorithm>

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

int tile_row(const core::Rect& r) { return r.y / pipeline::kTileSize; }
int tile_col_end(const core::Rect& r) { return (r.right() - 1) / pipeline::kTileSize; }
int tile_col(const core::Rect& r) { return r.x / pipeline::kTileSize; }

}  // namespace

FrameEncoder::FrameEncoder(const DisplayCaps& caps) : caps_(caps) {
  caps_.codecs |= proto::codec_bit(proto::Codec::raw) | proto::codec_bit(proto::Codec::fill);
  if (!caps_.framebuffer) caps_.codecs &= static_cast<uint16_t>(~proto::codec_bit(proto::Codec::copy));
}

size_t FrameEncoder::rect_cost(core::PlaneView<const uint16_t> target, const core::Rect& r) {
  analyse_tile(target.crop(r.x, r.y, r.w, r.h), stats_);
  const proto::Codec c = choose_codec(stats_, caps_.codecs);
  return proto::kRectHeaderBytes + stats_.payload_bytes[static_cast<size_t>(c)];
}

// Neighbouring tiles of one tile row become one rectangle when that costs no more bytes than
// sending them apart (a rectangle header is 14 bytes; a shared palette or run saves more).
void FrameEncoder::merge_damage(core::PlaneView<const uint16_t> target) {
  merged_.clear();
  size_t cur_cost = 0;
  for (const core::Rect& r : damage_) {
    if (!merged_.empty()) {
      core::Rect& cur = merged_.back();
      if (tile_row(cur) == tile_row(r) && tile_col(r) == tile_col_end(cur) + 1) {
        const core::Rect u = cur.united(r);
        const size_t joint = rect_cost(target, u);
        const size_t apart = cur_cost + rect_cost(target, r);
        if (joint <= apart) {
          cur = u;
          cur_cost = joint;
          continue;
        }
      }
    }
    merged_.push_back(r);
    cur_cost = rect_cost(target, r);
  }
}

void FrameEncoder::emit_rect(core::PlaneView<const uint16_t> target, const core::Rect& r,
                             std::vector<uint8_t>& out, FrameStats& stats) {
  const core::PlaneView<const uint16_t> tile = target.crop(r.x, r.y, r.w, r.h);
  analyse_tile(tile, stats_);
  const proto::Codec c = choose_codec(stats_, caps_.codecs);
  const size_t len = stats_.payload_bytes[static_cast<size_t>(c)];
  if (len > caps_.max_payload) {
    // Too big for the display's buffer: halve along the longer side and try again.
    if (r.h >= r.w && r.h > 1) {
      const int top = r.h / 2;
      emit_rect(target, {r.x, r.y, r.w, top}, out, stats);
      emit_rect(target, {r.x, r.y + top, r.w, r.h - top}, out, stats);
    } else {
      const int left = r.w / 2;
      emit_rect(target, {r.x, r.y, left, r.h}, out, stats);
      emit_rect(target, {r.x + left, r.y, r.w - left, r.h}, out, stats);
    }
    return;
  }
  VectorWriter w(out);
  write_rect_header(w, c, r, len);
  encode_payload(c, tile, stats_, w);
  const auto ci = static_cast<size_t>(c);
  stats.rects += 1;
  stats.pixels += r.area();
  stats.rects_by_codec[ci] += 1;
  stats.bytes_by_codec[ci] += proto::kRectHeaderBytes + len;
}

FrameStats FrameEncoder::encode(core::PlaneView<const uint16_t> target, core::Rgb565Plane& shadow,
                                int max_error, uint32_t seq, std::vector<uint8_t>& out,
                                bool full_refresh) {
  FrameStats stats;
  damage_.clear();
  if (full_refresh) {
    const int t = pipeline::kTileSize;
    for (int y = 0; y < target.height; y += t) {
      for (int x = 0; x < target.width; x += t) {
        damage_.push_back({x, y, std::min(t, target.width - x), std::min(t, target.height - y)});
      }
    }
  } else {
    pipeline::collect_damage(target, shadow.view(), max_error, damage_);
  }
  if (damage_.empty()) return stats;

  const size_t start = out.size();
  VectorWriter w(out);
  w.u8(static_cast<uint8_t>(MessageType::frame_begin));
  w.be32(seq);
  merge_damage(target);
  for (const core::Rect& r : merged_) {
    emit_rect(target, r, out, stats);
    for (int y = r.y; y < r.bottom(); ++y) {
      std::copy(target.row(y) + r.x, target.row(y) + r.right(), shadow.row(y) + r.x);
    }
  }
  w.u8(static_cast<uint8_t>(MessageType::frame_end));
  w.be32(seq);
  stats.bytes = out.size() - start;
  return stats;
}

}  // namespace tfts::codec
