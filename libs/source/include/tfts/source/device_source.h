// `device:NAME`: the screen of a device that mirrors itself to this server (an LVGL device,
// docs/protocol.md §2.4), relayed to displays like any other picture: scaled, colour-corrected,
// diffed. It reads the newest picture from the server's DeviceRegistry; while the device is
// not connected it fails with a sentence, so the displays show the status card.
#pragma once

#include <string>

#include "tfts/source/device_registry.h"
#include "tfts/source/frame_source.h"

namespace tfts::source {

class DeviceSource final : public FrameSource {
 public:
  // `registry` must outlive the source.
  DeviceSource(const DeviceRegistry& registry, std::string name);

  GrabResult grab(core::RgbPlane& frame, Clock::time_point now) override;
  std::string describe() const override { return "device:" + name_; }

 private:
  const DeviceRegistry& registry_;
  std::string name_;
  uint64_t shown_version_ = 0;  // the picture in `frame` (0: none yet)
};

}  // namespace tfts::source
