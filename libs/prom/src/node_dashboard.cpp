// The built-in dashboard for prometheus-node-exporter (metric names as of 1.5, Linux). The same
// dashboard ships as docs/dashboards/node.toml, a starting point for one's own; a test pins
// that the two agree.
#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {
namespace {

// Rates over a minute: four samples at Prometheus' default 15 s scrape interval, so one late
// scrape does not empty the result.
constexpr const char* kCpuBusy =
    R"(100 * (1 - avg(rate(node_cpu_seconds_total{mode="idle"}[1m]))))";

// Device-mapper and md devices repeat the traffic of the disks under them; summing both would
// count it twice.
constexpr const char* kDiskIo =
    R"(label_replace(sum(rate(node_disk_read_bytes_total{device!~"dm-.*|md.*"}[1m])), )"
    R"("dir", "read", "", "") or )"
    R"(label_replace(sum(rate(node_disk_written_bytes_total{device!~"dm-.*|md.*"}[1m])), )"
    R"("dir", "write", "", ""))";

// Loopback traffic never leaves the machine; veth pairs and bridges repeat the traffic of
// containers and VMs that also crosses a physical interface.
constexpr const char* kNetwork =
    R"(label_replace(sum(rate(node_network_receive_bytes_total{)"
    R"(device!~"lo|veth.*|br-.*|docker.*|virbr.*"}[1m])), "dir", "rx", "", "") or )"
    R"(label_replace(sum(rate(node_network_transmit_bytes_total{)"
    R"(device!~"lo|veth.*|br-.*|docker.*|virbr.*"}[1m])), "dir", "tx", "", ""))";

PanelSpec panel(const char* title, const char* query, PanelKind kind, Unit unit) {
  PanelSpec p;
  p.title = title;
  p.query = query;
  p.kind = kind;
  p.unit = unit;
  return p;
}

}  // namespace

DashboardSpec node_exporter_dashboard(std::string url) {
  DashboardSpec d;
  d.url = std::move(url);
  d.title = "Node";
  d.columns = 2;

  PanelSpec cpu = panel("CPU", kCpuBusy, PanelKind::gauge, Unit::percent);
  cpu.rows = 2;  // a ring needs height; the next two panels stack beside it
  d.panels.push_back(std::move(cpu));
  d.panels.push_back(panel("CPU history", kCpuBusy, PanelKind::sparkline, Unit::percent));
  d.panels.push_back(panel("Load", "node_load1", PanelKind::value, Unit::none));

  PanelSpec memory = panel("Memory", "node_memory_MemTotal_bytes - node_memory_MemAvailable_bytes",
                           PanelKind::bar, Unit::bytes);
  memory.total_query = "node_memory_MemTotal_bytes";
  d.panels.push_back(std::move(memory));

  d.panels.push_back(panel("Root fs",
                           R"(100 * (1 - node_filesystem_avail_bytes{mountpoint="/"} / )"
                           R"(node_filesystem_size_bytes{mountpoint="/"}))",
                           PanelKind::bar, Unit::percent));

  PanelSpec disk = panel("Disk I/O", kDiskIo, PanelKind::sparkline, Unit::bytes_per_second);
  disk.legend = "dir";
  d.panels.push_back(std::move(disk));
  PanelSpec network = panel("Network", kNetwork, PanelKind::sparkline, Unit::bytes_per_second);
  network.legend = "dir";
  d.panels.push_back(std::move(network));
  return d;
}

}  // namespace tfts::prom
