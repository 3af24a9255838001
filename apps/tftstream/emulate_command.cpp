#include "emulate_command.h"

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tfts/core/png_io.h"

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

}  // namespace

int run_emulate(const EmulateOptions& o) {
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  std::signal(SIGPIPE, SIG_IGN);
  sim::TcpDisplay display(o.display);
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
