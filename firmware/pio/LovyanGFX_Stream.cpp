// PlatformIO entry for examples/LovyanGFX_Stream (see TFT_eSPI_Stream.cpp for why it exists).
#define LGFX_USE_V1
#include <Arduino.h>
#include <LovyanGFX.hpp>
#include <TftStream.h>
#include <TftStreamLovyanGFX.h>
#include <WiFi.h>

#include "../TftStream/examples/LovyanGFX_Stream/LovyanGFX_Stream.ino"
