// A TcpDisplay running on its own thread until the test stops it.
#pragma once

#include <atomic>
#include <thread>

#include "tfts/sim/tcp_display.h"

namespace tfts::server::testing {

class BackgroundDisplay {
 public:
  explicit BackgroundDisplay(sim::TcpDisplayOptions options) : display_(options) {
    thread_ = std::thread([this] { finished_ = display_.run(&stop_); });
  }
  ~BackgroundDisplay() { stop(); }

  // Stops and joins; afterwards framebuffer() and stats() may be read.
  bool stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return finished_;
  }
  const sim::TcpDisplay& display() const { return display_; }

 private:
  sim::TcpDisplay display_;
  std::atomic<bool> stop_{false};
  bool finished_ = false;
  std::thread thread_;
};

inline sim::TcpDisplayOptions display_options(uint16_t port, const char* name, int w = 160,
                                              int h = 120) {
  sim::TcpDisplayOptions o;
  o.port = port;
  o.name = name;
  o.width = w;
  o.height = h;
  return o;
}

}  // namespace tfts::server::testing
