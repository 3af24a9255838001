// ===========================================================================================
//  YOUR SETTINGS: the one place to edit. Wi-Fi, the tftstream server, and this display's name.
// ===========================================================================================
// Every value is a macro guarded by #ifndef, so a build can override it without editing this
// file, e.g. in platformio.ini:   build_flags = -DTFTS_WIFI_SSID=\"home\" -DTFTS_SERVER_PORT=9000
// (or with arduino-cli: --build-property "build.extra_flags=-DTFTS_SERVER_HOST=\"10.0.0.5\"").
// Board, panel and pins are not settings: they live in the sketch and its build configuration.
#ifndef TFTS_EXAMPLE_SETTINGS_H
#define TFTS_EXAMPLE_SETTINGS_H

// Wi-Fi network to join (2.4 GHz; the ESP32 family has no 5 GHz radio).
#ifndef TFTS_WIFI_SSID
#define TFTS_WIFI_SSID "your-ssid"
#endif
#ifndef TFTS_WIFI_PASSWORD
#define TFTS_WIFI_PASSWORD "your-password"
#endif

// The PC running `tftstream serve`: its address (IP or host name) and display port.
#ifndef TFTS_SERVER_HOST
#define TFTS_SERVER_HOST "192.168.1.10"
#endif
#ifndef TFTS_SERVER_PORT
#define TFTS_SERVER_PORT 8888
#endif

// This display's name, sent in HELLO: 1..32 bytes, shown in the server's logs and status
// page (the server may use it to pick what this display shows).
#ifndef TFTS_DISPLAY_NAME
#define TFTS_DISPLAY_NAME "esp32-tft"
#endif

#endif
