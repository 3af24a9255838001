// The TFT_* colour names (native RGB565) and text datums that both TFT_eSPI and LovyanGFX
// define, in one place so the two fakes can be included together.
#ifndef TFTS_HOST_SHIM_TFT_COLOURS_H
#define TFTS_HOST_SHIM_TFT_COLOURS_H

#include <stdint.h>

static const uint16_t TFT_BLACK = 0x0000;
static const uint16_t TFT_NAVY = 0x000F;
static const uint16_t TFT_DARKGREEN = 0x03E0;
static const uint16_t TFT_DARKCYAN = 0x03EF;
static const uint16_t TFT_MAROON = 0x7800;
static const uint16_t TFT_PURPLE = 0x780F;
static const uint16_t TFT_OLIVE = 0x7BE0;
static const uint16_t TFT_LIGHTGREY = 0xD69A;
static const uint16_t TFT_DARKGREY = 0x7BEF;
static const uint16_t TFT_BLUE = 0x001F;
static const uint16_t TFT_GREEN = 0x07E0;
static const uint16_t TFT_CYAN = 0x07FF;
static const uint16_t TFT_RED = 0xF800;
static const uint16_t TFT_MAGENTA = 0xF81F;
static const uint16_t TFT_YELLOW = 0xFFE0;
static const uint16_t TFT_WHITE = 0xFFFF;
static const uint16_t TFT_ORANGE = 0xFDA0;
static const uint16_t TFT_GREENYELLOW = 0xB7E0;
static const uint16_t TFT_PINK = 0xFE19;
static const uint16_t TFT_BROWN = 0x9A60;
static const uint16_t TFT_GOLD = 0xFEA0;
static const uint16_t TFT_SILVER = 0xC618;
static const uint16_t TFT_SKYBLUE = 0x867D;
static const uint16_t TFT_VIOLET = 0x915C;

// Text datums: where (x, y) sits on the string's box. Column = datum % 3, row = datum / 3.
static const uint8_t TL_DATUM = 0;
static const uint8_t TC_DATUM = 1;
static const uint8_t TR_DATUM = 2;
static const uint8_t ML_DATUM = 3;
static const uint8_t CL_DATUM = 3;
static const uint8_t MC_DATUM = 4;
static const uint8_t CC_DATUM = 4;
static const uint8_t MR_DATUM = 5;
static const uint8_t CR_DATUM = 5;
static const uint8_t BL_DATUM = 6;
static const uint8_t BC_DATUM = 7;
static const uint8_t BR_DATUM = 8;
static const uint8_t L_BASELINE = 9;
static const uint8_t C_BASELINE = 10;
static const uint8_t R_BASELINE = 11;

#endif
