// Host shim of the Arduino-ESP32 core's Arduino.h, for running the real example sketches on
// Linux (firmware/host). Only what the sketches and the TftStream library use. Time comes from
// CLOCK_MONOTONIC so timeouts and backoff behave as on the device, in real time.
#ifndef TFTS_HOST_SHIM_ARDUINO_H
#define TFTS_HOST_SHIM_ARDUINO_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "HostEsp.h"
#include "HostSerial.h"
#include "IPAddress.h"
#include "WString.h"

typedef uint8_t byte;
typedef bool boolean;

#ifndef F
#define F(text) (text)  // no separate flash address space on the host
#endif
#ifndef PROGMEM
#define PROGMEM
#endif
#ifndef IRAM_ATTR
#define IRAM_ATTR
#endif

#define HIGH 1
#define LOW 0
#define INPUT 0x01
#define OUTPUT 0x03
#define INPUT_PULLUP 0x05

// Microseconds since the first call (the device counts from boot).
inline uint64_t tfts_host_clock_us() {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  static const uint64_t start =
      static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u;
  return static_cast<uint64_t>(ts.tv_sec) * 1000000u + static_cast<uint64_t>(ts.tv_nsec) / 1000u -
         start;
}

// Both wrap like the device's 32-bit counters.
inline unsigned long millis() { return static_cast<uint32_t>(tfts_host_clock_us() / 1000u); }
inline unsigned long micros() { return static_cast<uint32_t>(tfts_host_clock_us()); }

inline void delayMicroseconds(uint32_t us) {
  struct timespec ts;
  ts.tv_sec = static_cast<time_t>(us / 1000000u);
  ts.tv_nsec = static_cast<long>((us % 1000000u) * 1000u);
  while (nanosleep(&ts, &ts) != 0) {
  }
}
inline void delay(uint32_t ms) { delayMicroseconds(ms * 1000u); }
// On the device yield() lets the Wi-Fi task run; here there is nothing to hand over to.
inline void yield() {}

inline void pinMode(uint8_t, uint8_t) {}
inline void digitalWrite(uint8_t, uint8_t) {}
inline int digitalRead(uint8_t) { return LOW; }

inline long random(long max) { return max > 0 ? ::random() % max : 0; }
inline long random(long min, long max) { return max > min ? min + ::random() % (max - min) : min; }
inline void randomSeed(unsigned long seed) { srandom(static_cast<unsigned>(seed)); }

// The sketch's entry points; host_main.cpp calls them.
void setup();
void loop();

#endif
