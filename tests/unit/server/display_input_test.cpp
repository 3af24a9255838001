// DisplayInput: the server's parser of what a display sends after the handshake (§3).
#include <gtest/gtest.h>

#include <vector>

#include "tfts/client/display_messages.h"
#include "tfts/server/display_input.h"

namespace tfts::server {
namespace {

struct Recorder : DisplayInputHandler {
  std::vector<AckMessage> acks;
  int refreshes = 0, keepalives = 0;
  std::vector<std::pair<proto::Reason, std::string>> closes;
  void on_ack(const AckMessage& a) override { acks.push_back(a); }
  void on_refresh() override { ++refreshes; }
  void on_keepalive() override { ++keepalives; }
  void on_close(proto::MessageType, proto::Reason r, std::string t) override {
    closes.emplace_back(r, std::move(t));
  }
};

std::vector<uint8_t> ack(uint32_t seq) {
  std::vector<uint8_t> v(32);
  v.resize(client::write_ack(v.data(), v.size(), seq, {120, 350, 180000, -60}));
  return v;
}

TEST(DisplayInput, ReadsMessagesSplitAnywhere) {
  std::vector<uint8_t> stream = ack(7);
  stream.push_back(0x20);
  stream.push_back(0x14);
  const auto a2 = ack(8);
  stream.insert(stream.end(), a2.begin(), a2.end());
  for (size_t step : {1u, 2u, 5u, 17u, 100u}) {
    DisplayInput in;
    Recorder rec;
    for (size_t i = 0; i < stream.size(); i += step) {
      const size_t n = std::min(step, stream.size() - i);
      ASSERT_TRUE(in.feed({stream.data() + i, n}, rec));
    }
    ASSERT_EQ(rec.acks.size(), 2u) << "step " << step;
    EXPECT_EQ(rec.acks[0].seq, 7u);
    EXPECT_EQ(rec.acks[0].decode_us, 120u);
    EXPECT_EQ(rec.acks[0].draw_us, 350u);
    EXPECT_EQ(rec.acks[0].free_heap, 180000u);
    EXPECT_EQ(rec.acks[0].rssi, -60);
    EXPECT_EQ(rec.acks[1].seq, 8u);
    EXPECT_EQ(rec.keepalives, 1);
    EXPECT_EQ(rec.refreshes, 1);
  }
}

TEST(DisplayInput, ByeWithTextEndsTheStream) {
  const std::vector<uint8_t> bye{0x31, 0x07, 0x03, 'b', 'a', 'd', 0x20};
  DisplayInput in;
  Recorder rec;
  EXPECT_TRUE(in.feed(bye, rec));
  ASSERT_EQ(rec.closes.size(), 1u);
  EXPECT_EQ(rec.closes[0].first, proto::Reason::corrupt_payload);
  EXPECT_EQ(rec.closes[0].second, "bad");
  EXPECT_EQ(rec.keepalives, 0);  // nothing after BYE counts
}

TEST(DisplayInput, ServerMessageTypesAndGarbageAreViolations) {
  for (int type : {0x10, 0x11, 0x12, 0x28, 0x00, 0xFF, int{'T'}}) {
    DisplayInput in;
    Recorder rec;
    const std::vector<uint8_t> bytes{static_cast<uint8_t>(type), 0, 0, 0, 0};
    EXPECT_FALSE(in.feed(bytes, rec)) << int(type);
    EXPECT_TRUE(in.failed());
    EXPECT_NE(in.error().find("not one a display sends"), std::string::npos);
    EXPECT_FALSE(in.feed(bytes, rec)) << "stays failed";
  }
}

}  // namespace
}  // namespace tfts::server
