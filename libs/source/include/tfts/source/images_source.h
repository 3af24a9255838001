// ImagesSource: a directory of PNG files played as a clip (a recorded screen, an animation, a
// slide show). The files are the directory's `*.png` in byte-wise name order, so name them with
// zero-padded numbers (frame_0001.png, ...): "frame_10" sorts before "frame_2".
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tfts/source/frame_source.h"

namespace tfts::source {

struct ImagesOptions {
  double fps = 30;   // pictures per second of the clip; must be finite and > 0
  bool loop = true;  // false: play once, then `finished` with the last picture held
};

/// Plays a PNG sequence at `fps`, timed by the screen's clock.
///
/// The picture for time `now` is file number floor((now - t0) * fps), where t0 is the `now` of
/// the first grab(). A screen that falls behind therefore skips files instead of queueing them
/// (latest wins, design §4). A file is decoded only when the number changes; in between grab()
/// returns `unchanged`. A file that fails to decode gives `failed` naming it, the previous
/// picture stays, and the next number goes on. Files may differ in size: `frame` then takes the
/// new size. Played once, the last file is shown for its interval (or at once, when the clock
/// jumped past the end) and every later grab() returns `finished`.
///
/// A looping clip keeps its decoded pictures (up to kCacheBudgetBytes in all), so from the second
/// round on a grab costs a copy instead of a PNG decode (8 ms for a noisy 640x480 file).
class ImagesSource final : public FrameSource {
 public:
  static constexpr size_t kCacheBudgetBytes = size_t{256} << 20;

  /// Lists `dir`. Returns null and a sentence in `error` when the directory is missing, is not a
  /// directory, cannot be read, holds no PNG file, or `options.fps` is invalid. Files are not
  /// decoded here: a corrupt one shows up as `failed` when its turn comes.
  [[nodiscard]] static std::unique_ptr<ImagesSource> open(const std::string& dir,
                                                          const ImagesOptions& options,
                                                          std::string& error);

  GrabResult grab(core::RgbPlane& frame, Clock::time_point now) override;

  /// "images:DIR (N files, F fps, loop|once)".
  std::string describe() const override;

  /// The files in play order (paths as `dir` + name).
  const std::vector<std::string>& files() const { return files_; }

 private:
  ImagesSource(std::string dir, std::vector<std::string> files, const ImagesOptions& options);

  int64_t frame_number(Clock::time_point now) const;

  std::string dir_;
  std::vector<std::string> files_;
  ImagesOptions options_;
  core::RgbPlane decoded_;               // the file being decoded, before it goes to `frame`
  std::vector<core::RgbPlane> cache_;    // per file, decoded pictures of a looping clip
  size_t cache_bytes_ = 0;
  std::optional<Clock::time_point> t0_;  // set by the first grab()
  int64_t last_number_ = -1;             // frame number last acted on (decoded or failed)
  std::ptrdiff_t shown_file_ = -1;       // file whose picture the caller's frame holds
  bool finished_ = false;
};

}  // namespace tfts::source
