// LovyanGFX_Stream: shows what a tftstream server sends, on an ESP32 (C3, S3 or classic) with
// an SPI TFT driven by LovyanGFX. The library does the work (tfts::device::StreamClient); this
// sketch only wires it to the board: Wi-Fi, the panel, the buffers, and loop().
//
//   settings.h   Wi-Fi, server address, display name (the one place to edit)
//   lgfx_board.h the board: panel driver, bus and pins (LovyanGFX's config-struct class)
//
// The sketch declares every function before use, so it builds as plain C++ as well (the host
// tests compile it against shims) and does not depend on the IDE's prototype generation.

// LovyanGFX v1 API (config-struct board classes); must precede every LovyanGFX include.
#define LGFX_USE_V1
#include <Arduino.h>
#include <WiFi.h>

#include <LovyanGFX.hpp>
#include <TftStream.h>
#include <TftStreamLovyanGFX.h>

#include "lgfx_board.h"
#include "settings.h"

// Board choices (not settings): panel rotation in quarter turns, and the panel's longer side,
// which sizes the buffers so that any rotation fits.
#ifndef TFTS_ROTATION
#define TFTS_ROTATION 1  // landscape: 320 x 240
#endif
#ifndef TFTS_PANEL_MAX_SIDE
#define TFTS_PANEL_MAX_SIDE 320
#endif
// Largest RECT payload this display accepts: the knob trading RAM for rectangle size.
#ifndef TFTS_MAX_PAYLOAD
#define TFTS_MAX_PAYLOAD 8192
#endif

void setup();
void loop();

// All memory is static: the library never allocates. The work buffer holds one RECT payload
// plus a strip of decoded rows (13312 bytes for 320 wide and 8192); the strip buffers let the
// next strip decode while DMA sends the previous one (2 x 2560 bytes).
alignas(4) static uint8_t g_work[tfts::device::StreamClient::work_size_for(TFTS_PANEL_MAX_SIDE,
                                                                           TFTS_MAX_PAYLOAD)];
typedef tfts::device::LovyanGfxPanel<LGFX> StreamPanel;
static const size_t kStripPixels = StreamPanel::strip_pixels_for(TFTS_PANEL_MAX_SIDE);
static uint16_t g_strip_a[kStripPixels];
#if TFTS_USE_DMA
static uint16_t g_strip_b[kStripPixels];
static uint16_t* const g_strip_b_ptr = g_strip_b;
#else
static uint16_t* const g_strip_b_ptr = nullptr;  // without DMA one strip buffer is enough
#endif

static LGFX g_gfx;
static StreamPanel g_panel(g_gfx, g_strip_a, g_strip_b_ptr, kStripPixels);
static WiFiClient g_socket;
static tfts::device::WiFiTransport g_transport(g_socket);

// Connect timeout 1 s, retries after 250 ms doubling to 1 s, WELCOME within 5 s.
static const tfts::device::ClientSettings kSettings = {
    TFTS_SERVER_HOST, TFTS_SERVER_PORT, TFTS_DISPLAY_NAME, TFTS_MAX_PAYLOAD,
    1000, 250, 1000, 5000, TFTS_ROTATION};
static tfts::device::StreamClient g_client(g_panel, g_transport, kSettings, g_work,
                                           sizeof g_work);

static tfts::device::ArduinoBoard g_board;  // millis, Wi-Fi, heap -> Environment; Serial log

void setup() {
  Serial.begin(115200);
  g_gfx.init();
  g_gfx.setRotation(TFTS_ROTATION);
  g_panel.begin();  // pixels go out as lgfx::swap565_t (panel order); DMA on if enabled
  // Non-blocking: the client shows "waiting for Wi-Fi" until the station is connected, and the
  // core reconnects Wi-Fi on its own after a drop.
  WiFi.begin(TFTS_WIFI_SSID, TFTS_WIFI_PASSWORD);
  Serial.print("tftstream: display ");
  Serial.print(TFTS_DISPLAY_NAME);
  Serial.print(", server ");
  Serial.print(TFTS_SERVER_HOST);
  Serial.print(":");
  Serial.println(TFTS_SERVER_PORT);
}

void loop() {
  g_client.poll(g_board.environment());
  g_board.log_changes(g_client.status());
}
