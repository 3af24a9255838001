// Runs an Arduino sketch on Linux: setup() once, then loop() until TFTS_HOST_SECONDS (default
// 10) have passed or SIGTERM/SIGINT arrives. The fake panel's picture and text log are saved
// every 0.5 s, on SIGUSR1, and at the end, to TFTS_HOST_PNG and TFTS_HOST_LOG when set, so a
// test can watch the screen while the sketch runs.
// Exit status: 0, or 3 when the panel's startWrite/endWrite were unbalanced at the end.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "Arduino.h"
#include "FakePanel.h"
#include "SPI.h"
#include "WiFi.h"

HostSerial Serial;
HostEsp ESP;
HostWiFi WiFi;
SPIClass SPI;

namespace {

volatile sig_atomic_t g_stop = 0;
volatile sig_atomic_t g_dump = 0;

void on_stop(int) { g_stop = 1; }
void on_dump(int) { g_dump = 1; }

double env_double(const char* name, double fallback) {
  const char* text = getenv(name);
  return text != nullptr && *text != 0 ? atof(text) : fallback;
}

void save_panel() {
  FakePanel* panel = FakePanel::active();
  if (panel == nullptr) return;
  const char* png = getenv("TFTS_HOST_PNG");
  const char* log = getenv("TFTS_HOST_LOG");
  if (png != nullptr && *png != 0 && !panel->save_png(png)) {
    fprintf(stderr, "cannot write %s\n", png);
  }
  if (log != nullptr && *log != 0 && !panel->save_log(log)) {
    fprintf(stderr, "cannot write %s\n", log);
  }
}

}  // namespace

int main() {
  struct sigaction sa = {};
  sa.sa_handler = on_stop;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  sa.sa_handler = on_dump;
  sigaction(SIGUSR1, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);  // the device has no SIGPIPE; the shim sends with MSG_NOSIGNAL too

  const double seconds = env_double("TFTS_HOST_SECONDS", 10.0);
  // The device's loop() spins flat out; on a shared host a short nap per iteration keeps the
  // server under test from starving without changing what the sketch sees (default 100 us).
  const long nap_us = static_cast<long>(env_double("TFTS_HOST_LOOP_NAP_US", 100.0));
  const uint64_t end_us = tfts_host_clock_us() + static_cast<uint64_t>(seconds * 1e6);
  uint64_t next_save_us = tfts_host_clock_us() + 500000u;

  setup();
  save_panel();  // the first picture, and the sign for a test that SIGUSR1 is safe to send
  while (!g_stop && tfts_host_clock_us() < end_us) {
    loop();
    if (FakePanel* panel = FakePanel::active()) panel->loop_returned();
    uint64_t now = tfts_host_clock_us();
    if (g_dump || now >= next_save_us) {
      g_dump = 0;
      next_save_us = now + 500000u;
      save_panel();
    }
    if (nap_us > 0) {
      struct timespec ts = {0, nap_us * 1000};
      nanosleep(&ts, nullptr);
    }
  }
  save_panel();
  fflush(stdout);
  FakePanel* panel = FakePanel::active();
  if (panel != nullptr && panel->write_depth() != 0) {
    fprintf(stderr, "startWrite/endWrite unbalanced at exit: depth %d\n", panel->write_depth());
    return 3;
  }
  return 0;
}
