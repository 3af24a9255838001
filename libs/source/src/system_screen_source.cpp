#include "tfts/source/system_screen_source.h"

#include <cmath>
#include <utility>

namespace tfts::source {

bool check_system_screen_options(std::string_view kind, const SystemScreenOptions& o,
                                 std::string& error) {
  const std::string name(kind);
  if (o.width < SystemScreenOptions::kMinWidth || o.width > SystemScreenOptions::kMaxSize ||
      o.height < SystemScreenOptions::kMinHeight || o.height > SystemScreenOptions::kMaxSize) {
    error = name + ": size " + std::to_string(o.width) + "x" + std::to_string(o.height) +
            " is outside " + std::to_string(SystemScreenOptions::kMinWidth) + "x" +
            std::to_string(SystemScreenOptions::kMinHeight) + " to " +
            std::to_string(SystemScreenOptions::kMaxSize) + "x" +
            std::to_string(SystemScreenOptions::kMaxSize);
    return false;
  }
  if (!std::isfinite(o.interval_s) || o.interval_s < 0 ||
      (o.interval_s > 0 && (o.interval_s < SystemScreenOptions::kMinInterval ||
                            o.interval_s > SystemScreenOptions::kMaxInterval))) {
    error = name + ": interval must be 0 (default) or from 0.1 to 3600 seconds";
    return false;
  }
  if (o.history < 2 || o.history > SystemScreenOptions::kMaxHistory) {
    error = name + ": history must be from 2 to " +
            std::to_string(SystemScreenOptions::kMaxHistory) + " samples";
    return false;
  }
  return true;
}

SystemScreenSource::SystemScreenSource(SystemScreenOptions options, double default_interval_s,
                                       std::string_view default_theme)
    : options_(std::move(options)) {
  if (!options_.wall_clock) options_.wall_clock = [] { return std::chrono::system_clock::now(); };
  if (!options_.collect) options_.collect = SystemCollector().as_function();
  theme_ =
      options_.theme ? *options_.theme : draw::builtin_theme(default_theme).value_or(draw::Theme{});
  // A missing font would be replaced by fontconfig's choice, drawn in the theme's rendering:
  // a scalable font without anti-aliasing looks broken, so fall back to a known pair instead.
  for (std::string* family : {&theme_.font_family, &theme_.mono_family}) {
    if (typesetter_.has_family(*family)) continue;
    font_note_ = "font '" + *family + "' not installed, using DejaVu";
    *family = family == &theme_.mono_family ? "DejaVu Sans Mono" : "DejaVu Sans";
    theme_.text_rendering = draw::TextRendering::smooth;
  }
  const double seconds = options_.interval_s > 0 ? options_.interval_s : default_interval_s;
  interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

GrabResult SystemScreenSource::grab(core::RgbPlane& frame, Clock::time_point now) {
  if (!next_sample_ || now >= *next_sample_) {
    sample();
    ++generation_;
    // Pacing without drift; after a stall, start again from now rather than catching up.
    next_sample_ = next_sample_ ? *next_sample_ + interval_ : now + interval_;
    if (*next_sample_ <= now) next_sample_ = now + interval_;
  }
  const LocalTime time = to_local_time(options_.wall_clock());
  const bool same_frame = frame.width() == options_.width && frame.height() == options_.height;
  const std::pair<uint64_t, LocalTime> key{generation_, time};
  if (same_frame && shown_ == key) return GrabResult::unchanged();

  draw::Scene next = layout(time, typesetter_);
  if (same_frame && shown_ && next == scene_) {
    shown_ = key;
    return GrabResult::unchanged();
  }
  std::string error;
  if (!draw::render(next, frame, typesetter_, error)) {
    shown_.reset();  // the frame is partly drawn: draw again next time
    return GrabResult::failed(std::move(error));
  }
  scene_ = std::move(next);
  shown_ = key;
  return GrabResult::changed();
}

std::string SystemScreenSource::describe_as(std::string_view kind) const {
  std::string text = std::string(kind) + ":" + std::to_string(options_.width) + "x" +
                     std::to_string(options_.height);
  if (!font_note_.empty()) text += " (" + font_note_ + ")";
  return text;
}

}  // namespace tfts::source
