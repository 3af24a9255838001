#include "tfts/source/bios_source.h"

#include <utility>

#include "tfts/source/bios_layout.h"
#include "tfts/source/system_screen_source.h"

namespace tfts::source {
namespace {

constexpr double kDefaultIntervalS = 5;
constexpr SystemParts kParts =
    SystemParts::identity | SystemParts::cpu | SystemParts::memory | SystemParts::disks;

class BiosSource final : public SystemScreenSource {
 public:
  explicit BiosSource(SystemScreenOptions options)
      : SystemScreenSource(std::move(options), kDefaultIntervalS, "bios") {}

  std::string describe() const override { return describe_as("bios"); }

 private:
  void sample() override { snapshot_ = options().collect(kParts); }

  draw::Scene layout(const LocalTime& time, draw::Typesetter& typesetter) override {
    return layout_bios(snapshot_, time, options().width, options().height, theme(), typesetter);
  }

  SystemSnapshot snapshot_;
};

}  // namespace

std::unique_ptr<FrameSource> make_bios_source(const SystemScreenOptions& options,
                                              std::string& error) {
  if (!check_system_screen_options("bios", options, error)) return nullptr;
  return std::make_unique<BiosSource>(options);
}

}  // namespace tfts::source
