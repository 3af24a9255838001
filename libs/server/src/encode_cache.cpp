#include "tfts/server/encode_cache.h"

#include <algorithm>

namespace tfts::server {

std::shared_ptr<const EncodedFrame> EncodeCache::find(const EncodeKey& key) {
  for (const Entry& e : entries_) {
    if (e.key == key) {
      ++hits_;
      return e.frame;
    }
  }
  ++misses_;
  return nullptr;
}

void EncodeCache::store(const EncodeKey& key, std::shared_ptr<const EncodedFrame> frame) {
  std::erase_if(entries_, [&](const Entry& e) { return e.key.to < key.to || e.key == key; });
  entries_.push_back({key, std::move(frame)});
}

}  // namespace tfts::server
