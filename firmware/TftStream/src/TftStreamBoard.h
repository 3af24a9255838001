// ArduinoBoard: what every sketch does around StreamClient::poll() on an Arduino-ESP32 board:
// read the board's state into an Environment (millis, micros, Wi-Fi status, IP, RSSI, free
// heap) and print the client's state changes to Serial. Kept here so examples stay thin.
#ifndef TFTSTREAM_BOARD_H
#define TFTSTREAM_BOARD_H

#include <Arduino.h>
#include <WiFi.h>
#include <stdint.h>
#include <string.h>

#include "tfts/device/stream_client.h"

namespace tfts {
namespace device {

class ArduinoBoard {
 public:
  ArduinoBoard() : ip_checked_ms_(0), logged_(false), logged_state_(), logged_attempts_(0) {
    ip_text_[0] = '\0';
  }

  // The board as it is now, for StreamClient::poll().
  Environment environment() {
    Environment env;
    env.now_ms = static_cast<uint32_t>(millis());
    env.network_up = WiFi.status() == WL_CONNECTED;
    // The IP text costs a String allocation: refresh it once a second, not on every loop().
    if (!env.network_up) {
      ip_text_[0] = '\0';
    } else if (ip_text_[0] == '\0' || env.now_ms - ip_checked_ms_ >= 1000) {
      ip_checked_ms_ = env.now_ms;
      String ip = WiFi.localIP().toString();
      strncpy(ip_text_, ip.c_str(), sizeof ip_text_ - 1);
      ip_text_[sizeof ip_text_ - 1] = '\0';
    }
    env.local_ip = ip_text_;
    env.rssi = env.network_up ? static_cast<int8_t>(WiFi.RSSI()) : static_cast<int8_t>(127);
    env.free_heap = static_cast<uint32_t>(ESP.getFreeHeap());
    env.micros = now_us;
    return env;
  }

  // Prints one line to Serial when the state or the attempt number changed.
  void log_changes(const ClientStatus& status) {
    if (logged_ && status.state == logged_state_ && status.attempts == logged_attempts_) return;
    logged_ = true;
    logged_state_ = status.state;
    logged_attempts_ = status.attempts;
    Serial.print("tftstream: ");
    Serial.print(state_name(status.state));
    Serial.print(" (attempt ");
    Serial.print(status.attempts);
    Serial.print(", sessions ");
    Serial.print(status.sessions);
    Serial.print(", frames ");
    Serial.print(status.frames);
    Serial.print(")");
    if (status.last_error[0] != '\0') {
      Serial.print(" last error: ");
      Serial.print(status.last_error);
    }
    Serial.println();
  }

 private:
  static uint32_t now_us() { return static_cast<uint32_t>(micros()); }

  char ip_text_[16];
  uint32_t ip_checked_ms_;
  bool logged_;
  ClientState logged_state_;
  uint32_t logged_attempts_;
};

}  // namespace device
}  // namespace tfts

#endif
