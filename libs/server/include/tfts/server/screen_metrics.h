// The metrics of one screen (labels: screen), made once when the server starts: what its
// source did, and the stage durations of its pipeline, its encodes and its sends. Pointers into
// the registry; updating them is lock-free and allocates nothing.
#pragma once

#include "tfts/metrics/counter.h"
#include "tfts/metrics/gauge.h"
#include "tfts/metrics/histogram.h"

namespace tfts::server {

struct ScreenMetrics {
  metrics::Counter* grabs = nullptr;          // grab() calls
  metrics::Counter* captured = nullptr;       // grabs that brought a new picture
  metrics::Counter* processed = nullptr;      // frames produced by its pipelines (all sizes)
  metrics::Counter* source_errors = nullptr;  // grabs that failed
  metrics::Gauge* source_failing = nullptr;   // 1 while the source fails, else 0
  // Stage durations (seconds). capture: the source's grab(); resize: area resize to the
  // display size; colour: gamma, white balance, RGB565 (and dither) and rotation; diff: the tile
  // diff against the previous frame; encode: one display's frame encode (shared encodes
  // count once); send: writing one frame to one display's socket.
  metrics::Histogram* capture = nullptr;
  metrics::Histogram* resize = nullptr;
  metrics::Histogram* colour = nullptr;
  metrics::Histogram* diff = nullptr;
  metrics::Histogram* encode = nullptr;
  metrics::Histogram* send = nullptr;
};

}  // namespace tfts::server
