// ESP (EspClass) for the host: the few chip queries a sketch makes. Fixed, plausible values
// so ACKs carry a realistic free-heap figure.
#ifndef TFTS_HOST_SHIM_HOST_ESP_H
#define TFTS_HOST_SHIM_HOST_ESP_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

class HostEsp {
 public:
  uint32_t getFreeHeap() { return 187344; }  // an ESP32-C3 sketch with Wi-Fi up, roughly
  uint32_t getMinFreeHeap() { return 172016; }
  uint32_t getHeapSize() { return 327680; }
  uint32_t getCpuFreqMHz() { return 160; }
  const char* getChipModel() { return "host"; }
  // The device reboots; the host process ends so the test sees it (exit code 4).
  void restart() {
    fprintf(stderr, "ESP.restart() called\n");
    exit(4);
  }
};

extern HostEsp ESP;

#endif
