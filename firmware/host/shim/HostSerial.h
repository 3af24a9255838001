// Serial for the host: everything a sketch prints goes to stdout, line-buffered, so a test
// reading the process output sees each line as it is printed.
#ifndef TFTS_HOST_SHIM_HOST_SERIAL_H
#define TFTS_HOST_SHIM_HOST_SERIAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "IPAddress.h"
#include "WString.h"

class HostSerial {
 public:
  void begin(unsigned long baud) { (void)baud; setvbuf(stdout, NULL, _IOLBF, 0); }
  void end() {}
  operator bool() const { return true; }  // the USB CDC "is a terminal attached" test
  void flush() { fflush(stdout); }
  void setDebugOutput(bool) {}

  size_t print(const char* s) { return fputs(s, stdout) >= 0 ? strlen(s) : 0; }
  size_t print(const String& s) { return print(s.c_str()); }
  size_t print(const IPAddress& ip) { return print(ip.toString()); }
  size_t print(char c) { return putchar(c) == EOF ? 0 : 1; }
  size_t print(int v) { return static_cast<size_t>(printf("%d", v)); }
  size_t print(unsigned v) { return static_cast<size_t>(printf("%u", v)); }
  size_t print(long v) { return static_cast<size_t>(printf("%ld", v)); }
  size_t print(unsigned long v) { return static_cast<size_t>(printf("%lu", v)); }
  size_t print(double v, int digits = 2) { return static_cast<size_t>(printf("%.*f", digits, v)); }

  template <typename T>
  size_t println(const T& v) { size_t n = print(v); return n + println(); }
  size_t println() { return print("\r\n"); }

  size_t printf(const char* fmt, ...) __attribute__((format(printf, 2, 3))) {
    va_list ap;
    va_start(ap, fmt);
    int n = vprintf(fmt, ap);
    va_end(ap);
    return n < 0 ? 0 : static_cast<size_t>(n);
  }
  size_t write(uint8_t c) { return print(static_cast<char>(c)); }
  size_t write(const uint8_t* data, size_t len) { return fwrite(data, 1, len, stdout); }
};

extern HostSerial Serial;

#endif
