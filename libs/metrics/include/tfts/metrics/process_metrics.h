// The standard process_* metrics every Prometheus client exports (CPU seconds, resident and
// virtual memory, open and maximum file descriptors, start time), read from /proc/self on each
// scrape, so dashboards built for any exporter work for the server too.
#pragma once

#include "tfts/metrics/registry.h"

namespace tfts::metrics {

// Registers the process_* families in `registry` and a collector that refreshes them.
void register_process_metrics(Registry& registry);

}  // namespace tfts::metrics
