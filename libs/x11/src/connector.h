// Opens X connections on a thread of its own. xcb_connect() blocks: for as long as TCP takes to
// give up on a remote display that is gone, and for ever on a local server that accepted the
// socket but hangs. The screen's thread must never wait like that, so it starts an attempt here
// and looks for the outcome at each grab.
#pragma once

#include <xcb/xcb.h>

#include <chrono>
#include <memory>
#include <string>

namespace tfts::x11 {

class Connector {
 public:
  enum class Outcome { idle, pending, connected, failed };

  explicit Connector(std::string display);
  /// Abandons an attempt in flight: its thread finishes on its own and closes what it opened.
  ~Connector();
  Connector(const Connector&) = delete;
  Connector& operator=(const Connector&) = delete;

  /// Starts an attempt unless one is in flight.
  void start();

  /// Waits up to `wait` for the attempt in flight. On `connected` the caller owns `c`
  /// (`screen` is the display's screen number); on `failed`, `error` says why. `idle` means no
  /// attempt was started. Either outcome ends the attempt.
  Outcome poll(std::chrono::milliseconds wait, xcb_connection_t*& c, int& screen,
               std::string& error);

 private:
  struct Attempt;  // shared with the attempt's thread, which may outlive this object

  std::string display_;
  std::shared_ptr<Attempt> attempt_;
};

}  // namespace tfts::x11
