#include "serve_command.h"

#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "tfts/config/config_loader.h"
#include "tfts/server/server.h"

namespace tfts::app {
namespace {

config::LoadResult load(const ServeOptions& o) {
  std::vector<std::string> overrides = o.overrides;
  if (o.port >= 0) overrides.push_back("server.port=" + std::to_string(o.port));
  if (o.http_port >= 0) overrides.push_back("server.http_port=" + std::to_string(o.http_port));
  if (o.legacy) overrides.push_back("legacy.enabled=true");
  config::LoadResult r = config::load_config(o.config_file, overrides);
  if (r.ok() && !o.source.empty()) {
    // --source names the default screen's source, whatever the config calls that screen.
    overrides.push_back("screens." + r.config.default_screen + ".source=" + o.source);
    r = config::load_config(o.config_file, overrides);
  }
  return r;
}

// Waits for SIGINT or SIGTERM (blocked in every thread, see run_serve) or the time limit.
void wait_for_stop(double seconds) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  const auto start = std::chrono::steady_clock::now();
  while (true) {
    timespec slice{0, 200'000'000};
    const int sig = sigtimedwait(&set, nullptr, &slice);
    if (sig == SIGINT || sig == SIGTERM) {
      spdlog::info("signal {}: stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
      return;
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > 0 && elapsed >= seconds) return;
  }
}

}  // namespace

int run_serve(const ServeOptions& options) {
  const config::LoadResult loaded = load(options);
  for (const auto& w : loaded.warnings) std::fprintf(stderr, "tftstream serve: warning: %s\n", w.c_str());
  if (!loaded.ok()) {
    for (const auto& e : loaded.errors) std::fprintf(stderr, "tftstream serve: error: %s\n", e.c_str());
    std::fprintf(stderr, "tftstream serve: %zu configuration error(s); nothing started\n",
                 loaded.errors.size());
    return 2;
  }
  const config::ServerConfig& cfg = loaded.config;
  spdlog::set_level(spdlog::level::from_str(cfg.log_level));

  // Block the stop signals before any thread starts, so only wait_for_stop() receives them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::signal(SIGPIPE, SIG_IGN);

  std::string error;
  auto server = server::Server::create(cfg, error);
  if (!server) {
    std::fprintf(stderr, "tftstream serve: %s\n", error.c_str());
    return 2;
  }
  if (!server->start(error)) {
    std::fprintf(stderr, "tftstream serve: %s\n", error.c_str());
    return 1;
  }
  spdlog::info("HTTP port {} is reserved for metrics and the web UI (not served yet)",
               cfg.http_port);
  if (!options.ready_file.empty()) {
    nlohmann::json ready{{"port", server->display_port()}, {"legacy_port", server->legacy_port()},
                         {"pid", static_cast<long>(getpid())}};
    std::ofstream(options.ready_file) << ready.dump() << "\n";
  }
  wait_for_stop(options.seconds);
  server->stop();
  return 0;
}

}  // namespace tfts::app
