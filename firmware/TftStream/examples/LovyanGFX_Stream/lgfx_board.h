// The board: which panel, on which bus and pins. LovyanGFX is configured by composing its
// objects and filling their config structs in a class of the sketch's own, so nothing in
// any library is edited. The values below: an ST7789 240x320 SPI module on an ESP32-S3
// DevKitC-1 (SPI2/FSPI). Change them to your panel and wiring (README.md, "Wiring").
// The host tests compile this class too, against the fake LovyanGFX in firmware/host/shim.
#ifndef TFTS_EXAMPLE_LGFX_BOARD_H
#define TFTS_EXAMPLE_LGFX_BOARD_H

#ifndef LGFX_USE_V1
#define LGFX_USE_V1  // the config-struct API used below
#endif
#include <LovyanGFX.hpp>

class LGFX : public lgfx::LGFX_Device {
 public:
  LGFX() {
    {
      auto cfg = bus_.config();
      cfg.spi_host = SPI2_HOST;
      cfg.spi_mode = 0;
      cfg.freq_write = 40000000;
      cfg.freq_read = 16000000;
      cfg.spi_3wire = true;                // no MISO: the panel is never read back
      cfg.use_lock = true;
      cfg.dma_channel = SPI_DMA_CH_AUTO;   // needed for pushImageDMA (TFTS_USE_DMA)
      cfg.pin_sclk = 12;
      cfg.pin_mosi = 11;
      cfg.pin_miso = -1;
      cfg.pin_dc = 9;
      bus_.config(cfg);
      panel_.setBus(&bus_);
    }
    {
      auto cfg = panel_.config();
      cfg.pin_cs = 10;
      cfg.pin_rst = 14;
      cfg.pin_busy = -1;
      cfg.panel_width = 240;   // as the controller sees it, before rotation
      cfg.panel_height = 320;
      cfg.offset_x = 0;
      cfg.offset_y = 0;
      cfg.offset_rotation = 0;
      cfg.readable = false;
      cfg.invert = true;       // most ST7789 modules; set false if black shows as white
      cfg.rgb_order = false;   // true if red and blue are swapped (panel order, not bytes)
      cfg.dlen_16bit = false;
      cfg.bus_shared = false;  // true if an SD card shares the bus
      panel_.config(cfg);
    }
    setPanel(&panel_);
  }

 private:
  lgfx::Panel_ST7789 panel_;
  lgfx::Bus_SPI bus_;
};

#endif
