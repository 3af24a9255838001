// tftstream display library for Arduino-ESP32: include this, plus the adapter header of your
// panel library (TftStreamTFT_eSPI.h or TftStreamLovyanGFX.h). See README.md and examples/.
//
//   tfts::device::StreamClient   the protocol state machine (connect, HELLO, decode, ACK, retry)
//   tfts::device::WiFiTransport  WiFiClient -> Transport
//   tfts::device::ArduinoBoard   the board's state for poll(), state changes to Serial
//   tfts::device::TftEspiPanel / LovyanGfxPanel   the panel adapters (their own headers)
#ifndef TFTSTREAM_H
#define TFTSTREAM_H

#include "TftStreamBoard.h"
#include "TftStreamWiFi.h"
#include "tfts/device/stream_client.h"

#endif
