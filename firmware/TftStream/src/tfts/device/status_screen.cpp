#include "tfts/device/status_screen.h"

#include "tfts/device/text_line.h"

namespace tfts {
namespace device {

void StatusScreen::draw(Panel& panel, const ClientSettings& settings, const ClientStatus& status,
                        const Environment& env) {
  // One line buffer reused for every row: the panel copies or draws it before returning.
  char buf[72];
  uint16_t row = 0;
  panel.clear(kBackground);

  TextLine title(buf, sizeof buf);
  title.add("tftstream display ").add(settings.name);
  panel.text(row++, title.c_str(), kTitle, kBackground);

  TextLine wifi(buf, sizeof buf);
  if (env.network_up) {
    wifi.add("Wi-Fi: connected, IP ");
    wifi.add(env.local_ip && env.local_ip[0] ? env.local_ip : "(none)");
  } else {
    wifi.add("Wi-Fi: not connected");
  }
  panel.text(row++, wifi.c_str(), kText, kBackground);

  TextLine server(buf, sizeof buf);
  server.add("Server: ").add(settings.server_host).add(":").add(settings.server_port);
  panel.text(row++, server.c_str(), kText, kBackground);

  TextLine state(buf, sizeof buf);
  state.add("State: ").add(state_name(status.state)).add(", attempt ").add(status.attempts);
  panel.text(row++, state.c_str(), kText, kBackground);

  TextLine counts(buf, sizeof buf);
  counts.add("Sessions: ").add(status.sessions).add("  Frames: ").add(status.frames);
  panel.text(row++, counts.c_str(), kText, kBackground);

  if (status.last_error[0]) {
    panel.text(row++, "Last error:", kError, kBackground);
    panel.text(row++, status.last_error, kError, kBackground);
  }
}

}  // namespace device
}  // namespace tfts
