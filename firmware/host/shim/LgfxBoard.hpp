// Board-configuration stand-ins for the fake LovyanGFX: the bus, panel, backlight and touch
// classes a sketch's `class LGFX : public lgfx::LGFX_Device` composes and configures through
// config() / config(cfg), with the config_t fields the upstream examples set. Only the panel's
// size is used (it sizes the FakePanel); the rest is accepted and ignored.
#ifndef TFTS_HOST_SHIM_LGFX_BOARD_HPP
#define TFTS_HOST_SHIM_LGFX_BOARD_HPP

#include <stdint.h>

// ESP-IDF's SPI host and DMA names, as board configurations spell them.
enum spi_host_device_t { SPI1_HOST = 0, SPI2_HOST = 1, SPI3_HOST = 2 };
#ifndef HSPI_HOST
#define HSPI_HOST SPI2_HOST
#endif
#ifndef VSPI_HOST
#define VSPI_HOST SPI3_HOST
#endif
#ifndef FSPI_HOST
#define FSPI_HOST SPI2_HOST
#endif
enum spi_dma_chan_t { SPI_DMA_DISABLED = 0, SPI_DMA_CH1 = 1, SPI_DMA_CH2 = 2, SPI_DMA_CH_AUTO = 3 };

namespace lgfx {
inline namespace v1 {

// One template for the "object with a config_t" pattern, so each stand-in is a line.
template <typename Config>
class Configurable {
 public:
  Config config() const { return cfg_; }
  void config(const Config& cfg) { cfg_ = cfg; }

 protected:
  Config cfg_;
};

struct BusSpiConfig {
  int spi_host = SPI2_HOST;
  uint8_t spi_mode = 0;
  uint32_t freq_write = 40000000, freq_read = 16000000;
  bool spi_3wire = true, use_lock = true;
  int dma_channel = SPI_DMA_CH_AUTO;
  int16_t pin_sclk = -1, pin_mosi = -1, pin_miso = -1, pin_dc = -1;
  int16_t pin_io0 = -1, pin_io1 = -1, pin_io2 = -1, pin_io3 = -1;
};
class Bus_SPI : public Configurable<BusSpiConfig> {};

struct LightPwmConfig {
  int16_t pin_bl = -1;
  bool invert = false;
  uint32_t freq = 44100;
  uint8_t pwm_channel = 7;
};
class Light_PWM : public Configurable<LightPwmConfig> {};

struct TouchConfig {
  int16_t x_min = 0, x_max = 319, y_min = 0, y_max = 239;
  int16_t pin_int = -1, pin_rst = -1, pin_cs = -1, pin_sclk = -1, pin_mosi = -1, pin_miso = -1;
  int16_t pin_sda = -1, pin_scl = -1;
  bool bus_shared = true;
  uint8_t offset_rotation = 0;
  int spi_host = SPI2_HOST;
  uint32_t freq = 1000000;
  int i2c_port = 0;
  uint8_t i2c_addr = 0x38;
};
class Touch_XPT2046 : public Configurable<TouchConfig> {};
class Touch_FT5x06 : public Configurable<TouchConfig> {};
class Touch_CST816S : public Configurable<TouchConfig> {};

struct PanelConfig {
  int16_t pin_cs = -1, pin_rst = -1, pin_busy = -1;
  uint16_t memory_width = 240, memory_height = 320;
  uint16_t panel_width = 240, panel_height = 320;
  int16_t offset_x = 0, offset_y = 0;
  uint8_t offset_rotation = 0;
  uint8_t dummy_read_pixel = 8, dummy_read_bits = 1;
  bool readable = true, invert = false, rgb_order = false, dlen_16bit = false, bus_shared = true;
};
class Panel_Device : public Configurable<PanelConfig> {
 public:
  void setBus(Bus_SPI*) {}
  void setLight(Light_PWM*) {}
  template <typename Touch>
  void setTouch(Touch*) {}
};
class Panel_ST7789 : public Panel_Device {};
class Panel_ST7735S : public Panel_Device {};
class Panel_ILI9341 : public Panel_Device {};
class Panel_ILI9342 : public Panel_Device {};
class Panel_GC9A01 : public Panel_Device {};
class Panel_ILI9488 : public Panel_Device {};

}  // namespace v1
}  // namespace lgfx

#endif
