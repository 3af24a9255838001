// PlatformIO entry for examples/TFT_eSPI_Stream: builds the example sketch itself, unchanged.
// PlatformIO only converts .ino files at the top of src_dir, and one src_dir serves every
// environment, so each environment picks one of these wrappers with build_src_filter. The
// sketch declares its functions before use, so it compiles as C++ once Arduino.h is in.
// The includes repeat the sketch's so PlatformIO's dependency finder sees the libraries here.
#include <Arduino.h>
#include <TFT_eSPI.h>
#include <TftStream.h>
#include <TftStreamTFT_eSPI.h>
#include <WiFi.h>

#include "../TftStream/examples/TFT_eSPI_Stream/TFT_eSPI_Stream.ino"
