#include "emulate_command.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tfts/core/png_io.h"
#include "tfts/core/rgb565.h"

namespace tfts::app {
namespace {

std::atomic<bool> g_stop{false};
void on_signal(int) { g_stop = true; }

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  const auto k = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

// --role source: the pictures of a directory, flushed in strips like an LVGL device.
int run_device(const EmulateOptions& o) {
  namespace fs = std::filesystem;
  sim::TcpDeviceOptions d = o.device;
  d.host = o.display.host;
  d.port = o.display.port;
  d.name = o.display.name;
  d.max_payload = o.display.max_payload;
  d.hold_seconds = o.display.max_seconds > 0 ? o.display.max_seconds : 1.0;
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(o.frames_dir, ec)) {
    if (e.path().extension() == ".png") files.push_back(e.path().string());
  }
  if (ec || files.empty()) {
    std::fprintf(stderr, "tftstream emulate: --frames %s: %s\n", o.frames_dir.c_str(),
                 ec ? ec.message().c_str() : "no *.png files there");
    return 2;
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) {
    core::RgbPlane rgb;
    std::string error;
    if (!core::load_png(f, rgb, error)) {
      std::fprintf(stderr, "tftstream emulate: %s\n", error.c_str());
      return 2;
    }
    if (!d.pictures.empty() &&
        (rgb.width() != d.pictures[0].width() || rgb.height() != d.pictures[0].height())) {
      std::fprintf(stderr, "tftstream emulate: %s is %dx%d, the first picture %dx%d\n",
                   f.c_str(), rgb.width(), rgb.height(), d.pictures[0].width(),
                   d.pictures[0].height());
      return 2;
    }
    core::Rgb565Plane px(rgb.width(), rgb.height());
    for (int y = 0; y < rgb.height(); ++y) {
      for (int x = 0; x < rgb.width(); ++x) px.at(x, y) = core::nearest565(rgb.at(x, y));
    }
    d.pictures.push_back(std::move(px));
  }
  sim::TcpDevice device(std::move(d));
  const bool ok = device.run(&g_stop);
  const sim::TcpDeviceStats& s = device.stats();
  std::fprintf(stderr,
               "tftstream emulate: device %s: %llu frames, %llu bytes sent, %llu acked, %llu "
               "refreshes%s%s\n",
               o.display.name.c_str(), static_cast<unsigned long long>(s.frames),
               static_cast<unsigned long long>(s.bytes), static_cast<unsigned long long>(s.acks),
               static_cast<unsigned long long>(s.refreshes),
               s.last_error.empty() ? "" : "; error: ", s.last_error.c_str());
  if (!o.stats_json.empty()) {
    nlohmann::json j{{"name", o.display.name}, {"frames", s.frames}, {"bytes", s.bytes},
                     {"acks", s.acks}, {"refreshes", s.refreshes}, {"last_error", s.last_error}};
    std::ofstream(o.stats_json) << j.dump(2) << "\n";
  }
  return ok ? 0 : 1;
}

}  // namespace

int run_emulate(const EmulateOptions& o) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  if (o.role == "source") return run_device(o);
  sim::TcpDisplayOptions options = o.display;
  if (o.role == "viewer") options.role = proto::Role::viewer;
  sim::TcpDisplay display(options);
  const bool finished = display.run(&g_stop);
  const sim::TcpDisplayStats& s = display.stats();

  const double fps = s.seconds > 0 ? static_cast<double>(s.frames) / s.seconds : 0;
  std::fprintf(stderr,
               "tftstream emulate: %s: %llu frames, %llu bytes in %.2f s (%.1f fps), "
               "frame begin-to-drawn p50 %.2f ms p95 %.2f ms%s%s\n",
               o.display.name.c_str(), static_cast<unsigned long long>(s.frames),
               static_cast<unsigned long long>(s.bytes), s.seconds, fps,
               percentile(s.latency_ms, 50), percentile(s.latency_ms, 95),
               s.last_error.empty() ? "" : "; last error: ", s.last_error.c_str());
  int rc = finished ? 0 : 1;
  if (!o.out_png.empty()) {
    std::string error;
    if (!core::save_png(o.out_png, display.framebuffer(), error)) {
      std::fprintf(stderr, "tftstream emulate: %s\n", error.c_str());
      rc = 1;
    }
  }
  if (!o.stats_json.empty()) {
    nlohmann::json j{{"name", o.display.name},
                     {"frames", s.frames},
                     {"bytes", s.bytes},
                     {"seconds", s.seconds},
                     {"fps", fps},
                     {"connects", s.connects},
                     {"session_id", s.session_id},
                     {"latency_ms",
                      {{"p50", percentile(s.latency_ms, 50)},
                       {"p95", percentile(s.latency_ms, 95)},
                       {"max", s.latency_ms.empty() ? 0.0
                                                    : *std::max_element(s.latency_ms.begin(),
                                                                        s.latency_ms.end())}}},
                     {"finished", finished},
                     {"last_error", s.last_error}};
    std::ofstream(o.stats_json) << j.dump(2) << "\n";
  }
  return rc;
}

}  // namespace tfts::app
