#include "tfts/source/device_source.h"

#include "tfts/core/rgb565.h"

namespace tfts::source {

DeviceSource::DeviceSource(const DeviceRegistry& registry, std::string name)
    : registry_(registry), name_(std::move(name)) {}

GrabResult DeviceSource::grab(core::RgbPlane& frame, Clock::time_point) {
  const DeviceRegistry::Snapshot s = registry_.get(name_);
  if (!s.connected) {
    return GrabResult::failed(s.known ? "device '" + name_ + "' is not connected"
                                      : "device '" + name_ + "' has not connected yet");
  }
  if (!s.picture) return GrabResult::failed("device '" + name_ + "' has sent no frame yet");
  if (s.version == shown_version_) return GrabResult::unchanged();
  const core::Rgb565Plane& p = *s.picture;
  if (frame.width() != p.width() || frame.height() != p.height()) {
    frame = core::RgbPlane(p.width(), p.height());
  }
  for (int y = 0; y < p.height(); ++y) {
    const uint16_t* src = p.row(y);
    uint32_t* dst = frame.row(y);
    for (int x = 0; x < p.width(); ++x) dst[x] = core::expand565(src[x]);
  }
  shown_version_ = s.version;
  return GrabResult::changed();
}

}  // namespace tfts::source
