// PanelReader: the [[panel]] tables of a dashboard file read into PanelSpecs, each key's value
// and the checks across a panel's keys (a query, min below max, suffix and total only where they
// are used). Internal: the reader of the top-level table (dashboard_spec.cpp) hands it "panel".
#pragma once

#include <toml++/toml.h>

#include <string>
#include <vector>

#include "table_reader.h"
#include "tfts/prom/dashboard_spec.h"

namespace tfts::prom {

class PanelReader : public TableReader {
 public:
  explicit PanelReader(std::vector<SpecError>& errors) : TableReader(errors) {}

  // Reads the "panel" key's `node`, which must be an array of tables: appends a PanelSpec for
  // each item to `specs` (defaults for a bad one, so that indexes stay those of the file) and
  // the line where it starts to `lines`, for checks the caller makes at the end.
  void read_panels(const toml::node& node, std::vector<PanelSpec>& specs, std::vector<int>& lines);

 private:
  void read_panel(const toml::table& table, const std::string& where, PanelSpec& p);
  void read_panel_key(const std::string& k, const toml::node& node, const std::string& at,
                      PanelSpec& p);
  void read_range(const toml::node& node, const std::string& at, PanelSpec& p);
  void read_colour(const toml::node& node, const std::string& at, PanelSpec& p);
};

}  // namespace tfts::prom
