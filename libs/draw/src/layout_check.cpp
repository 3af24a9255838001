#include "tfts/draw/layout_check.h"

#include <algorithm>
#include <type_traits>

namespace tfts::draw {
namespace {

enum class Role { fill, panel, text, graphic };

struct Entry {
  Role role = Role::fill;
  std::string label;  // "text 'clock'"
  core::Rect rect;
  const TextRun* run = nullptr;
  const RingGauge* ring = nullptr;
};

std::string rect_text(const core::Rect& r) {
  return std::to_string(r.w) + "x" + std::to_string(r.h) + "+" + std::to_string(r.x) + "+" +
         std::to_string(r.y);
}

bool intersects(const core::Rect& a, const core::Rect& b) {
  return std::max(a.x, b.x) < std::min(a.right(), b.right()) &&
         std::max(a.y, b.y) < std::min(a.bottom(), b.bottom());
}

bool contains(const core::Rect& outer, const core::Rect& inner) {
  return inner.x >= outer.x && inner.y >= outer.y && inner.right() <= outer.right() &&
         inner.bottom() <= outer.bottom();
}

std::vector<Entry> entries(const Scene& scene) {
  std::vector<Entry> out;
  for (const Item& item : scene.items()) {
    std::visit(
        [&out](const auto& it) {
          using T = std::decay_t<decltype(it)>;
          Entry e;
          const auto set = [&e](Role role, std::string label, const core::Rect& rect) {
            e.role = role;
            e.label = std::move(label);
            e.rect = rect;
          };
          if constexpr (std::is_same_v<T, FillItem>) {
            set(Role::fill, "fill", it.rect);
          } else if constexpr (std::is_same_v<T, LineItem>) {
            set(Role::fill, "line '" + it.name + "'", it.bounds());
          } else if constexpr (std::is_same_v<T, PanelItem>) {
            set(Role::panel, "panel '" + it.name + "'", it.rect);
          } else if constexpr (std::is_same_v<T, TextRun>) {
            set(Role::text, "text '" + it.name + "'", it.box);
            e.run = &it;
          } else if constexpr (std::is_same_v<T, Sparkline>) {
            set(Role::graphic, "sparkline '" + it.name + "'", it.rect);
          } else if constexpr (std::is_same_v<T, BarGauge>) {
            set(Role::graphic, "bar '" + it.name + "'", it.rect);
          } else if constexpr (std::is_same_v<T, RingGauge>) {
            set(Role::graphic, "ring '" + it.name + "'", it.rect);
            e.ring = &it;
          }
          out.push_back(std::move(e));
        },
        item);
  }
  return out;
}

void check_fit(const TextRun& run, const std::string& label, std::vector<LayoutProblem>& out) {
  if (run.width > run.box.w || run.height > run.box.h) {
    out.push_back({ProblemKind::clipped,
                   label + " \"" + run.text + "\" needs " + std::to_string(run.width) + "x" +
                       std::to_string(run.height) + " in a box of " + rect_text(run.box)});
  } else if (run.ellipsized && run.text == "\u2026") {
    out.push_back({ProblemKind::clipped,
                   label + " has no room for a single character in " + rect_text(run.box)});
  }
}

// Whether a and b may overlap under the rules in layout_check.h.
bool allowed_overlap(const Entry& a, const Entry& b) {
  if (a.role == Role::fill || b.role == Role::fill) return true;
  if (a.role == Role::panel || b.role == Role::panel) {
    if (a.role != b.role) return true;  // text and graphs lie on panels
    return contains(a.rect, b.rect) || contains(b.rect, a.rect);
  }
  // Text in a ring's hole.
  if (a.role == Role::text && b.ring != nullptr) return contains(b.ring->hole(), a.rect);
  if (b.role == Role::text && a.ring != nullptr) return contains(a.ring->hole(), b.rect);
  return false;
}

}  // namespace

std::vector<LayoutProblem> check_layout(const Scene& scene) {
  std::vector<LayoutProblem> problems;
  const core::Rect screen{0, 0, scene.width(), scene.height()};
  const std::vector<Entry> all = entries(scene);
  for (const Entry& e : all) {
    if (!contains(screen, e.rect) || e.rect.w < 0 || e.rect.h < 0) {
      problems.push_back({ProblemKind::outside, e.label + " at " + rect_text(e.rect) +
                                                    " is not on the screen " + rect_text(screen)});
    }
    if (e.run != nullptr) check_fit(*e.run, e.label, problems);
  }
  for (size_t i = 0; i < all.size(); ++i) {
    for (size_t j = i + 1; j < all.size(); ++j) {
      if (!intersects(all[i].rect, all[j].rect) || allowed_overlap(all[i], all[j])) continue;
      problems.push_back({ProblemKind::overlap, all[i].label + " at " + rect_text(all[i].rect) +
                                                    " overlaps " + all[j].label + " at " +
                                                    rect_text(all[j].rect)});
    }
  }
  return problems;
}

std::string describe(std::span<const LayoutProblem> problems) {
  std::string text;
  for (const LayoutProblem& p : problems) {
    const char* kind = p.kind == ProblemKind::outside   ? "outside"
                       : p.kind == ProblemKind::clipped ? "clipped"
                                                        : "overlap";
    text += std::string(kind) + ": " + p.what + "\n";
  }
  return text;
}

}  // namespace tfts::draw
