#include "render_command.h"

#include <cstdio>
#include <fstream>
#include <optional>

#include "tfts/core/png_io.h"
#include "tfts/server/screen_feed.h"
#include "tfts/server/source_setup.h"
#include "tfts/source/source_factory.h"

namespace tfts::app {

int run_render(const RenderOptions& o) {
  const config::LoadResult loaded = load_config(o.config);
  if (!report(loaded, "render")) return 2;
  const std::string name = o.screen.empty() ? loaded.config.default_screen : o.screen;
  const auto it = loaded.config.screens.find(name);
  if (it == loaded.config.screens.end()) {
    std::fprintf(stderr, "tftstream render: no screen named '%s'\n", name.c_str());
    return 2;
  }
  const config::ScreenConfig& screen = it->second;
  std::string error;
  const auto spec = server::source_spec_for(loaded.config, screen, error);
  std::optional<source::SourceSpec> one_shot = spec;
  if (one_shot) {
    one_shot->one_shot = true;  // fetch before drawing instead of polling in the background
    one_shot->at_unix = o.at_unix;
  }
  auto source = one_shot ? source::make_source(*one_shot, error) : nullptr;
  if (!source) {
    std::fprintf(stderr, "tftstream render: screen '%s': %s\n", name.c_str(), error.c_str());
    return 2;
  }
  // Two grabs: the first starts the source's clock, the second samples it `seconds` later.
  core::RgbPlane picture;
  const auto t0 = source::Clock::now();
  source::GrabResult r = source->grab(picture, t0);
  if (o.seconds > 0) {
    const auto later = t0 + std::chrono::duration_cast<source::Clock::duration>(
                                std::chrono::duration<double>(o.seconds));
    const source::GrabResult r2 = source->grab(picture, later);
    if (r2.status != source::GrabStatus::unchanged) r = r2;  // the later sample decides
  }
  if (r.status == source::GrabStatus::failed || picture.empty()) {
    std::fprintf(stderr, "tftstream render: the source gave no picture: %s\n", r.message.c_str());
    return 1;
  }
  server::ScreenFeed feed(o.width, o.height, screen);
  const server::ScreenFramePtr frame =
      feed.produce(server::apply_crop(picture, screen.crop), server::Clock::now());
  if (!core::save_png(o.out_png, frame->target, error)) {
    std::fprintf(stderr, "tftstream render: %s\n", error.c_str());
    return 1;
  }
  if (!o.state_json.empty()) {
    std::ofstream out(o.state_json);
    out << source->state_json() << "\n";
    if (!out) {
      std::fprintf(stderr, "tftstream render: cannot write %s\n", o.state_json.c_str());
      return 1;
    }
  }
  return 0;
}

}  // namespace tfts::app
