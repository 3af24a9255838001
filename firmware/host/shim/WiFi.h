// Host shim of the Arduino-ESP32 WiFi library: the station is "associated" shortly after
// begin() (TFTS_SHIM_WIFI_DELAY_MS, default 100 ms, so a sketch's wait loop runs at least
// once), and WiFiClient is a POSIX TCP socket with the core's semantics (WiFiClient.h).
#ifndef TFTS_HOST_SHIM_WIFI_H
#define TFTS_HOST_SHIM_WIFI_H

#include <stdint.h>
#include <stdlib.h>

#include "Arduino.h"
#include "IPAddress.h"
#include "WiFiClient.h"

typedef enum {
  WL_NO_SHIELD = 255,
  WL_IDLE_STATUS = 0,
  WL_NO_SSID_AVAIL = 1,
  WL_SCAN_COMPLETED = 2,
  WL_CONNECTED = 3,
  WL_CONNECT_FAILED = 4,
  WL_CONNECTION_LOST = 5,
  WL_DISCONNECTED = 6
} wl_status_t;

typedef enum { WIFI_OFF = 0, WIFI_STA = 1, WIFI_AP = 2, WIFI_AP_STA = 3 } wifi_mode_t;

class HostWiFi {
 public:
  bool mode(wifi_mode_t m) { mode_ = m; return true; }
  wifi_mode_t getMode() { return mode_; }
  void persistent(bool) {}
  bool setTxPower(int) { return true; }
  wl_status_t begin(const char* ssid, const char* password = NULL) {
    (void)ssid;
    (void)password;
    const char* env = getenv("TFTS_SHIM_WIFI_DELAY_MS");
    uint32_t delay_ms = env != NULL ? static_cast<uint32_t>(atoi(env)) : 100u;
    up_at_ms_ = static_cast<uint32_t>(millis()) + delay_ms;
    begun_ = true;
    return status();
  }
  wl_status_t status() {
    // Wrap-safe "now >= up_at", as millis() arithmetic is on the device.
    bool up = static_cast<int32_t>(static_cast<uint32_t>(millis()) - up_at_ms_) >= 0;
    return begun_ && up ? WL_CONNECTED : WL_DISCONNECTED;
  }
  bool isConnected() { return status() == WL_CONNECTED; }
  bool disconnect(bool = false) { begun_ = false; return true; }
  bool reconnect() { return true; }
  bool setAutoReconnect(bool) { return true; }
  bool setSleep(bool) { return true; }
  bool setHostname(const char*) { return true; }
  IPAddress localIP() { return isConnected() ? IPAddress(127, 0, 0, 1) : IPAddress(); }
  int8_t RSSI() { return isConnected() ? -58 : 0; }  // a typical indoor figure
  String SSID() { return String("host"); }
  String macAddress() { return String("02:00:00:00:00:01"); }

 private:
  wifi_mode_t mode_ = WIFI_OFF;
  bool begun_ = false;
  uint32_t up_at_ms_ = 0;
};

extern HostWiFi WiFi;

#endif
