// FrameSource: where a screen's pictures come from (design §2). X11 capture, the BIOS and CPU
// screens, Prometheus dashboards, device mirrors, PNG sequences and the test card all sit behind
// this one interface, so the server's screen loop never knows which one it runs.
//
// Contract:
// - A screen calls grab() from its own thread, once per frame interval (the screen's fps).
//   One source object is used by one thread at a time; it need not be thread-safe.
// - grab() must return within about one frame interval: it never waits on the network or on a
//   display. A source that has nothing new returns `unchanged` and leaves `frame` alone.
// - `frame` is owned by the caller and keeps the last picture between calls; the source
//   reallocates it only when its size changes. Pixels are 0x00RRGGBB.
// - `now` is the screen's clock; animated sources derive their picture from it, so a test can
//   drive a source with a fixed clock.
// - Errors are values, never exceptions: `failed` with a sentence in `message`. The screen keeps
//   calling grab() after a failure (a source may recover); `finished` means no more pictures
//   will ever come (a PNG sequence played once) and the last one stays on the displays.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "tfts/core/plane.h"

namespace tfts::source {

using Clock = std::chrono::steady_clock;

enum class GrabStatus {
  changed,    // `frame` holds a new picture
  unchanged,  // nothing new since the last call; `frame` untouched
  finished,   // the source has ended; `frame` holds its last picture
  failed,     // no picture this time; see GrabResult::message
};

struct GrabResult {
  GrabStatus status = GrabStatus::unchanged;
  std::string message;  // why, when status is failed

  static GrabResult changed() { return {GrabStatus::changed, {}}; }
  static GrabResult unchanged() { return {GrabStatus::unchanged, {}}; }
  static GrabResult finished() { return {GrabStatus::finished, {}}; }
  static GrabResult failed(std::string why) { return {GrabStatus::failed, std::move(why)}; }
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;

  // Brings `frame` to the picture for time `now` (see the contract above).
  virtual GrabResult grab(core::RgbPlane& frame, Clock::time_point now) = 0;

  // A short human-readable description for logs and the UI, e.g. "images:/data/clip (60 files)".
  virtual std::string describe() const = 0;

  // The source's own state as a JSON object, for the web UI, /api/status and tests: what a
  // dashboard last fetched and each panel's state, for example. "{}" when there is nothing to
  // say. Called from the screen's thread, like grab().
  virtual std::string state_json() const { return "{}"; }
};

}  // namespace tfts::source
