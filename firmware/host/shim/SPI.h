// SPI for the host: TFT_eSPI sketches include <SPI.h> out of habit; the fake panels need no bus.
#ifndef TFTS_HOST_SHIM_SPI_H
#define TFTS_HOST_SHIM_SPI_H

#include <stdint.h>

class SPIClass {
 public:
  void begin(int8_t sck = -1, int8_t miso = -1, int8_t mosi = -1, int8_t ss = -1) {
    (void)sck, (void)miso, (void)mosi, (void)ss;
  }
  void end() {}
};

extern SPIClass SPI;

#endif
