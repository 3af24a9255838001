// Upstream offers both spellings of the header; sketches use either.
#include "LovyanGFX.hpp"
