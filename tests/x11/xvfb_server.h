// A real Xvfb for tests and the benchmark: started on a free display number (Xvfb picks it and
// tells through -displayfd), stopped by PID, restartable on the same number.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace tfts::x11::testing {

struct XvfbOptions {
  int width = 1024;
  int height = 768;
  int depth = 24;
  std::vector<std::string> extra_args;  // e.g. {"-extension", "MIT-SHM"} to disable it
};

class XvfbServer {
 public:
  XvfbServer() = default;
  ~XvfbServer() { stop(); }
  XvfbServer(const XvfbServer&) = delete;
  XvfbServer& operator=(const XvfbServer&) = delete;

  /// Starts Xvfb on a display number of its choice and waits until it accepts connections
  /// (at most 15 s). False with a reason in `error`.
  bool start(const XvfbOptions& options, std::string& error);
  /// Starts it again on the number it had (after stop()). Retries for a few seconds while the
  /// old server's lock is still there.
  bool restart(std::string& error);
  /// SIGTERM, then SIGKILL after 5 s; waits for the process. Idempotent.
  void stop();

  bool running() const { return pid_ > 0; }
  int number() const { return number_; }
  std::string display() const {
    std::string text(":");  // appended, not ":" + ...: GCC 12 -Wrestrict misfires on that
    return text += std::to_string(number_);
  }
  pid_t pid() const { return pid_; }
  /// CPU seconds (user + system) the server process has used so far; -1 if unknown.
  double cpu_seconds() const;

 private:
  std::vector<std::string> arguments(const std::string& display_arg) const;
  bool wait_ready(std::string& error);

  XvfbOptions options_;
  pid_t pid_ = -1;
  int number_ = -1;
};

/// A display number with no X server (no socket and no lock file), for "no display" tests.
int unused_display_number();

}  // namespace tfts::x11::testing
