#include "serve_command.h"

#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "tfts/server/server.h"

namespace tfts::app {
namespace {

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
      spdlog::info("signal {}: stopping (a second one ends the process at once)",
                   sig == SIGINT ? "SIGINT" : "SIGTERM");
      std::signal(SIGINT, SIG_DFL);
      std::signal(SIGTERM, SIG_DFL);
      pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
      return;
    }
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (seconds > 0 && elapsed >= seconds) return;
  }
}

nlohmann::json to_json(const server::DisplayStatus& d) {
  return {{"name", d.name},
          {"screen", d.screen},
          {"peer", d.peer},
          {"session_id", d.session_id},
          {"size", std::to_string(d.width) + "x" + std::to_string(d.height)},
          {"frames_sent", d.frames_sent},
          {"frames_acked", d.frames_acked},
          {"bytes_sent", d.bytes_sent},
          {"shared_encodes", d.shared_encodes},
          {"latency_ms", {{"p50", d.latency_p50_ms}, {"p95", d.latency_p95_ms}}},
          {"last_ack",
           {{"decode_us", d.last_ack.decode_us},
            {"draw_us", d.last_ack.draw_us},
            {"free_heap", d.last_ack.free_heap}}}};
}

void write_stats(const server::ServerStatus& s, const std::string& path) {
  nlohmann::json j{{"connections_accepted", s.connections_accepted},
                   {"encodes", s.encodes},
                   {"shared_encodes", s.shared_encodes},
                   {"displays", nlohmann::json::array()},
                   {"departed", nlohmann::json::array()}};
  j["screens"] = nlohmann::json::array();
  for (const auto& sc : s.screens) {
    j["screens"].push_back({{"name", sc.name},
                            {"source", sc.source},
                            {"grabs", sc.counters.grabs},
                            {"source_frames", sc.counters.source_frames},
                            {"source_errors", sc.counters.source_errors},
                            {"grab_seconds", sc.counters.grab_seconds},
                            {"process_seconds", sc.counters.process_seconds}});
  }
  for (const auto& d : s.displays) j["displays"].push_back(to_json(d));
  for (const auto& d : s.departed) j["departed"].push_back(to_json(d));
  std::ofstream(path) << j.dump(2) << "\n";
}

}  // namespace

int run_serve(const ServeOptions& options) {
  const config::LoadResult loaded = load_config(options.config);
  if (!report(loaded, "serve")) return 2;
  const config::ServerConfig& cfg = loaded.config;

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
  server->set_config_file(options.config.config_file);  // where the web UI's "save" writes
  if (!server->start(error)) {
    std::fprintf(stderr, "tftstream serve: %s\n", error.c_str());
    return 1;
  }
  if (!options.ready_file.empty()) {
    nlohmann::json ready{{"port", server->display_port()}, {"legacy_port", server->legacy_port()},
                         {"http_port", server->http_port()},
                         {"pid", static_cast<long>(getpid())}};
    // Written aside and renamed, so a reader never sees half a file.
    const std::string tmp = options.ready_file + ".tmp";
    std::ofstream(tmp) << ready.dump() << "\n";
    if (std::rename(tmp.c_str(), options.ready_file.c_str()) != 0) {
      spdlog::error("cannot write {}", options.ready_file);
    }
  }
  wait_for_stop(options.seconds);
  if (!options.stats_json.empty()) write_stats(server->status(), options.stats_json);
  server->stop();
  return 0;
}

}  // namespace tfts::app
