// IPAddress for the host: IPv4 only, as the sketches print it.
#ifndef TFTS_HOST_SHIM_IPADDRESS_H
#define TFTS_HOST_SHIM_IPADDRESS_H

#include <stdint.h>
#include <stdio.h>

#include "WString.h"

class IPAddress {
 public:
  IPAddress() : b_{0, 0, 0, 0} {}
  IPAddress(uint8_t a, uint8_t b, uint8_t c, uint8_t d) : b_{a, b, c, d} {}
  uint8_t operator[](int i) const { return b_[i & 3]; }
  bool fromString(const char* text) {
    unsigned a, b, c, d;
    char tail;
    if (sscanf(text, "%u.%u.%u.%u%c", &a, &b, &c, &d, &tail) != 4) return false;
    if (a > 255 || b > 255 || c > 255 || d > 255) return false;
    b_[0] = static_cast<uint8_t>(a), b_[1] = static_cast<uint8_t>(b);
    b_[2] = static_cast<uint8_t>(c), b_[3] = static_cast<uint8_t>(d);
    return true;
  }
  String toString() const {
    char text[16];
    snprintf(text, sizeof text, "%u.%u.%u.%u", b_[0], b_[1], b_[2], b_[3]);
    return String(text);
  }
  bool operator==(const IPAddress& o) const {
    return b_[0] == o.b_[0] && b_[1] == o.b_[1] && b_[2] == o.b_[2] && b_[3] == o.b_[3];
  }

 private:
  uint8_t b_[4];
};

#endif
