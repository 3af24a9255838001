// StatusScreen: what the display shows when it is not streaming (at boot, without Wi-Fi,
// while connecting, after a disconnect or a protocol error): who it is, the Wi-Fi state and
// IP, the server it tries, the attempt count and the last error in words. Drawn only through
// Panel::clear/text, so every panel library and the host fakes render it the same way.
#ifndef TFTS_DEVICE_STATUS_SCREEN_H
#define TFTS_DEVICE_STATUS_SCREEN_H

#include "tfts/device/panel.h"
#include "tfts/device/stream_client.h"

namespace tfts {
namespace device {

class StatusScreen {
 public:
  // Native RGB565 colours (Panel::clear/text take native values, not wire order).
  static const uint16_t kBackground = 0x0000;  // black
  static const uint16_t kTitle = 0x07FF;       // cyan
  static const uint16_t kText = 0xFFFF;        // white
  static const uint16_t kError = 0xFFE0;       // yellow

  // Clears the panel and writes the lines (cut to the panel's width by the panel).
  static void draw(Panel& panel, const ClientSettings& settings, const ClientStatus& status,
                   const Environment& env);
};

}  // namespace device
}  // namespace tfts

#endif
