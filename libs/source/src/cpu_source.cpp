#include "tfts/source/cpu_source.h"

#include <utility>

#include "tfts/source/cpu_history.h"
#include "tfts/source/cpu_layout.h"
#include "tfts/source/system_screen_source.h"

namespace tfts::source {
namespace {

constexpr double kDefaultIntervalS = 1;
constexpr SystemParts kSampleParts = SystemParts::cpu | SystemParts::memory;

class CpuSource final : public SystemScreenSource {
 public:
  explicit CpuSource(SystemScreenOptions options)
      : SystemScreenSource(std::move(options), kDefaultIntervalS, "dark"),
        history_(this->options().history) {}

  std::string describe() const override { return describe_as("cpu"); }

 private:
  void sample() override {
    // The name and counts do not change while we run: read them once.
    if (!have_identity_) {
      history_.set_identity(options().collect(SystemParts::identity));
      have_identity_ = true;
    }
    history_.add(options().collect(kSampleParts));
  }

  draw::Scene layout(const LocalTime& time, draw::Typesetter& typesetter) override {
    return layout_cpu(history_.values(), time, options().width, options().height, theme(),
                      typesetter);
  }

  CpuHistory history_;
  bool have_identity_ = false;
};

}  // namespace

std::unique_ptr<FrameSource> make_cpu_source(const SystemScreenOptions& options,
                                             std::string& error) {
  if (!check_system_screen_options("cpu", options, error)) return nullptr;
  return std::make_unique<CpuSource>(options);
}

}  // namespace tfts::source
