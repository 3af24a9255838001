// The shims' own test: the fake panels must read pixel bytes the way a real SPI panel gets
// them, or the end-to-end tests could pass with a wrong byte order; and the WiFiClient must
// keep the ESP32 core's surprising read()/connected() behaviour. Plain asserts, exit code 1.
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "LovyanGFX.hpp"
#include "TFT_eSPI.h"
#include "WiFi.h"

namespace {

int g_failures = 0;
#define CHECK(cond)                                                  \
  do {                                                               \
    if (!(cond)) {                                                   \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++g_failures;                                                  \
    }                                                                \
  } while (0)

const uint8_t kRedBigEndian[2] = {0xF8, 0x00};  // red as a panel takes it on the wire

void tft_espi_byte_order() {
  setenv("TFTS_HOST_PANEL", "240x320", 1);
  TFT_eSPI tft;
  tft.init();
  FakePanel& p = *FakePanel::active();
  tft.setRotation(1);
  CHECK(tft.width() == 320 && tft.height() == 240);

  uint16_t px;
  memcpy(&px, kRedBigEndian, 2);
  tft.startWrite();
  tft.pushImage(0, 0, 1, 1, &px);  // swap off: bytes verbatim
  CHECK(p.pixel(0, 0) == 0xF800);
  tft.setSwapBytes(true);
  tft.pushImage(1, 0, 1, 1, &px);  // swap on: the same bytes are a native 0x00F8
  CHECK(p.pixel(1, 0) == 0x00F8);
  uint16_t native_red = 0xF800;
  tft.pushImage(2, 0, 1, 1, &native_red);
  CHECK(p.pixel(2, 0) == 0xF800);

  // DMA: nothing without initDMA; then, with swap on, the caller's buffer is swapped in place.
  uint16_t dma_px = 0x07E0;
  tft.pushImageDMA(3, 0, 1, 1, &dma_px);
  CHECK(p.counter("dma_without_init") == 1 && p.pixel(3, 0) == 0);
  tft.initDMA();
  tft.pushImageDMA(3, 0, 1, 1, &dma_px);
  CHECK(p.pixel(3, 0) == 0x07E0);
  CHECK(dma_px == 0xE007);
  tft.endWrite();

  tft.setSwapBytes(false);
  tft.setAddrWindow(0, 1, 2, 1);
  tft.pushPixels(kRedBigEndian, 1);  // outside startWrite: a slip
  CHECK(p.counter("pixels_outside_write") == 1 && p.pixel(0, 1) == 0xF800);
  tft.endWrite();
  CHECK(p.counter("unbalanced_end_write") == 1);

  tft.fillRect(10, 10, 2, 2, TFT_BLUE);  // colours are native whatever the swap flag
  CHECK(p.pixel(11, 11) == 0x001F);
  tft.setTextColor(TFT_WHITE, TFT_BLACK);
  tft.drawString("no server", 0, 100, 2);
  CHECK(p.shows_text("no server"));
  tft.fillRect(0, 100, 320, 16, TFT_BLACK);
  CHECK(!p.shows_text("no server"));
}

class Board : public lgfx::LGFX_Device {
  lgfx::Panel_ST7789 panel_;
  lgfx::Bus_SPI bus_;

 public:
  Board() {
    auto bus_cfg = bus_.config();
    bus_cfg.spi_host = SPI2_HOST;
    bus_cfg.pin_dc = 2;
    bus_.config(bus_cfg);
    panel_.setBus(&bus_);
    auto cfg = panel_.config();
    cfg.panel_width = 135;
    cfg.panel_height = 240;
    panel_.config(cfg);
    setPanel(&panel_);
  }
};

void lovyangfx_pointer_types() {
  unsetenv("TFTS_HOST_PANEL");
  Board lcd;
  lcd.init();
  FakePanel& p = *FakePanel::active();
  CHECK(lcd.width() == 135 && lcd.height() == 240);  // the board's config_t sizes the glass
  setenv("TFTS_HOST_PANEL", "240x320", 1);

  uint16_t raw;
  memcpy(&raw, kRedBigEndian, 2);
  lcd.setSwapBytes(true);  // typed pointers ignore the flag
  lcd.pushImage(0, 0, 1, 1, reinterpret_cast<const lgfx::swap565_t*>(&raw));
  CHECK(p.pixel(0, 0) == 0xF800);
  uint16_t native_green = 0x07E0;
  lcd.setSwapBytes(false);
  lcd.pushImage(1, 0, 1, 1, reinterpret_cast<const lgfx::rgb565_t*>(&native_green));
  CHECK(p.pixel(1, 0) == 0x07E0);
  lcd.pushImage(2, 0, 1, 1, &raw);  // uint16_t with swap off: panel order
  CHECK(p.pixel(2, 0) == 0xF800);
  lcd.pushImage(3, 0, 1, 1, kRedBigEndian);  // a byte pointer is RGB332 upstream
  CHECK(p.counter("rgb332_pushes") == 1);
  lcd.fillRect(0, 1, 1, 1, static_cast<uint32_t>(0x0000FF));  // uint32_t is RGB888
  CHECK(p.pixel(0, 1) == 0x001F);
  lcd.startWrite();
  lcd.startWrite();
  lcd.endWrite();
  lcd.endWrite();
  CHECK(p.write_depth() == 0 && p.counter("unbalanced_end_write") == 0);
}

void wifi_client_semantics() {
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in addr = {};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(listener, reinterpret_cast<struct sockaddr*>(&addr), sizeof addr);
  listen(listener, 2);
  socklen_t len = sizeof addr;
  getsockname(listener, reinterpret_cast<struct sockaddr*>(&addr), &len);
  char port[8];
  snprintf(port, sizeof port, "%u", ntohs(addr.sin_port));
  setenv("TFTS_HOST_SERVER_PORT", port, 1);  // the port passed below is ignored

  WiFiClient client;
  CHECK(client.connect("127.0.0.1", 1, 1000) == 1);
  int peer = accept(listener, nullptr, nullptr);
  uint8_t buf[64];
  CHECK(client.read(buf, sizeof buf) == 0);  // nothing yet: 0, not a block, not -1
  CHECK(client.read() == -1);
  const char hello[] = "0123456789";
  CHECK(write(peer, hello, 10) == 10);
  usleep(20000);
  setenv("TFTS_SHIM_MAX_READ", "7", 1);
  CHECK(client.available() == 10);
  CHECK(client.read(buf, sizeof buf) == 7);
  unsetenv("TFTS_SHIM_MAX_READ");
  CHECK(client.read(buf, sizeof buf) == 3);
  close(peer);  // FIN: the device neither reads -1 nor sees connected() drop
  usleep(20000);
  CHECK(client.read(buf, sizeof buf) == 0);
  CHECK(client.connected() == 1);
  // Writing into the closed connection draws a reset; the core then stops the client.
  for (int i = 0; i < 5 && client.connected(); ++i) {
    client.write(reinterpret_cast<const uint8_t*>(hello), 10);
    usleep(20000);
  }
  CHECK(client.connected() == 0);
  CHECK(client.read(buf, sizeof buf) == -1);
  close(listener);
  unsetenv("TFTS_HOST_SERVER_PORT");
  CHECK(client.connect("127.0.0.1", ntohs(addr.sin_port), 500) == 0);  // refused
}

}  // namespace

int main() {
  tft_espi_byte_order();
  lovyangfx_pointer_types();
  wifi_client_semantics();
  if (g_failures == 0) printf("shim_test: all checks passed\n");
  return g_failures == 0 ? 0 : 1;
}
