#include "tfts/source/device_registry.h"

namespace tfts::source {

void DeviceRegistry::connected(const std::string& name, uint32_t session_id) {
  std::lock_guard lock(mutex_);
  Entry& e = devices_[name];
  e.session_id = session_id;
  e.snapshot.connected = true;
  e.snapshot.known = true;
}

void DeviceRegistry::publish(const std::string& name, uint32_t session_id,
                             std::shared_ptr<const core::Rgb565Plane> picture) {
  std::lock_guard lock(mutex_);
  const auto it = devices_.find(name);
  if (it == devices_.end() || it->second.session_id != session_id) return;
  it->second.snapshot.picture = std::move(picture);
  ++it->second.snapshot.version;
}

void DeviceRegistry::disconnected(const std::string& name, uint32_t session_id) {
  std::lock_guard lock(mutex_);
  const auto it = devices_.find(name);
  if (it != devices_.end() && it->second.session_id == session_id) {
    it->second.snapshot.connected = false;
    it->second.left_at = ++departures_;
    forget_oldest_gone();
  }
}

void DeviceRegistry::forget_oldest_gone() {
  size_t gone = 0;
  for (const auto& [name, e] : devices_) gone += !e.snapshot.connected;
  while (gone > kMaxGone) {
    auto oldest = devices_.end();
    for (auto it = devices_.begin(); it != devices_.end(); ++it) {
      if (!it->second.snapshot.connected &&
          (oldest == devices_.end() || it->second.left_at < oldest->second.left_at)) {
        oldest = it;
      }
    }
    devices_.erase(oldest);
    --gone;
  }
}

DeviceRegistry::Snapshot DeviceRegistry::get(const std::string& name) const {
  std::lock_guard lock(mutex_);
  const auto it = devices_.find(name);
  return it == devices_.end() ? Snapshot{} : it->second.snapshot;
}

std::vector<std::string> DeviceRegistry::names() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  for (const auto& [name, entry] : devices_) out.push_back(name);
  return out;
}

}  // namespace tfts::source
