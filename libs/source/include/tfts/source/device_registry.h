// The pictures of devices that mirror their own screens to the server (source role,
// docs/protocol.md §2.4), by device name. The server's network thread publishes each decoded
// frame; `device:NAME` sources (on screen threads) and the HTTP routes read them. Thread-safe.
//
// A name has at most one current session: a device that reconnects replaces its old session,
// and whatever the old one still reports afterwards is ignored (its session id is stale).
// Devices that left are remembered, picture included, up to kMaxGone of them; beyond that the
// one that left first is forgotten (names come from the network: they must not pile up).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "tfts/core/plane.h"

namespace tfts::source {

class DeviceRegistry {
 public:
  static constexpr size_t kMaxGone = 32;

  struct Snapshot {
    std::shared_ptr<const core::Rgb565Plane> picture;  // null until the first frame
    uint64_t version = 0;       // counts published pictures; 0 = never
    bool connected = false;     // a session is open (the picture stays after it ends)
    bool known = false;         // the name was ever seen
  };

  void connected(const std::string& name, uint32_t session_id);
  // The picture after a frame of session `session_id` (ignored when that is not the current one).
  void publish(const std::string& name, uint32_t session_id,
               std::shared_ptr<const core::Rgb565Plane> picture);
  void disconnected(const std::string& name, uint32_t session_id);

  Snapshot get(const std::string& name) const;
  std::vector<std::string> names() const;  // every name ever seen, sorted

 private:
  struct Entry {
    Snapshot snapshot;
    uint32_t session_id = 0;
    uint64_t left_at = 0;  // order of leaving, for forgetting the oldest
  };
  void forget_oldest_gone();  // under mutex_
  mutable std::mutex mutex_;
  std::map<std::string, Entry> devices_;
  uint64_t departures_ = 0;
};

}  // namespace tfts::source
