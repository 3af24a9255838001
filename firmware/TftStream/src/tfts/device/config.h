// Device library knobs, override-or-default: define them with -D (build_flags) to change.
// Together with TFTS_CLIENT_STRIP_ROWS (tfts/client/config.h) they set the static RAM a
// sketch needs; scripts/firmware-size checks the total against the 24 KB budget.
#ifndef TFTS_DEVICE_CONFIG_H
#define TFTS_DEVICE_CONFIG_H

// Bytes read from the transport per StreamClient::poll() at most: one WiFiClient RX buffer
// (1436 bytes, about one TCP segment), so a whole small payload is usually decoded in place.
#ifndef TFTS_DEVICE_READ_CHUNK
#define TFTS_DEVICE_READ_CHUNK 1436
#endif

// Rows of the panel width per strip buffer of the panel adapters (two with DMA). Half the
// decoder's strip: a decoder strip then goes out as two DMA transfers, which keeps the
// decode/transfer overlap while both buffers together cost what one decoder strip does
// (2 x 320 x 2 x 4 = 5 KB on a 320-wide panel instead of 10 KB).
#ifndef TFTS_DEVICE_PANEL_STRIP_ROWS
#define TFTS_DEVICE_PANEL_STRIP_ROWS 4
#endif

#endif
