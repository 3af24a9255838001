// Encoded frames shared between sessions (fan-out). Two sessions whose displays hold exactly the
// same frame, declared the same capabilities and now need the same newer frame get the same
// bytes, so the feed encodes once and every such session sends that buffer (with its own seq
// patched into the frame markers). Only exact encodes are shared: a lossy encode depends on
// the session's shadow. Network thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "tfts/codec/frame_encoder.h"

namespace tfts::server {

struct EncodeKey {
  uint64_t from = 0;  // the frame the display holds exactly; 0 = unknown (a full refresh)
  uint64_t to = 0;    // the frame it will hold
  uint16_t codecs = 0;
  uint32_t max_payload = 0;
  bool framebuffer = false;
  bool operator==(const EncodeKey&) const = default;
};

struct EncodedFrame {
  std::vector<uint8_t> bytes;  // FRAME_BEGIN(0) ... FRAME_END(0); empty when nothing changed
  codec::FrameStats stats;
};

class EncodeCache {
 public:
  std::shared_ptr<const EncodedFrame> find(const EncodeKey& key);
  // Entries for frames older than key.to are dropped: nobody will ask for them again.
  void store(const EncodeKey& key, std::shared_ptr<const EncodedFrame> frame);

  size_t size() const { return entries_.size(); }
  uint64_t hits() const { return hits_; }
  uint64_t misses() const { return misses_; }

 private:
  struct Entry {
    EncodeKey key;
    std::shared_ptr<const EncodedFrame> frame;
  };
  std::vector<Entry> entries_;  // a handful: one per (from, caps) among the feed's sessions
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
};

}  // namespace tfts::server
