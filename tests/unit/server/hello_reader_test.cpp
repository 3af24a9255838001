// HelloReader: the server's parser of the display's handshake (docs/protocol.md §2.1).
#include <gtest/gtest.h>

#include <vector>

#include "tfts/client/display_messages.h"
#include "tfts/server/hello.h"

namespace tfts::server {
namespace {

std::vector<uint8_t> hello_bytes(const char* name = "kitchen", uint16_t w = 320, uint16_t h = 240,
                                 bool framebuffer = false) {
  const client::DisplayConfig cfg{w, h, 8192, proto::kAllCodecs, framebuffer};
  std::vector<uint8_t> out(client::kHelloMaxBytes);
  out.resize(client::write_hello(out.data(), out.size(), cfg, name, 0, proto::Role::display));
  return out;
}

TEST(HelloReader, ParsesAHelloFedOneByteAtATime) {
  const auto bytes = hello_bytes("kitchen", 240, 135, true);
  HelloReader r;
  for (uint8_t b : bytes) {
    ASSERT_EQ(r.state(), HelloReader::State::reading);
    EXPECT_EQ(r.consume({&b, 1}), 1u);
  }
  ASSERT_EQ(r.state(), HelloReader::State::done);
  EXPECT_EQ(r.hello().name, "kitchen");
  EXPECT_EQ(r.hello().width, 240);
  EXPECT_EQ(r.hello().height, 135);
  EXPECT_TRUE(r.hello().framebuffer);
  EXPECT_EQ(r.hello().codecs, proto::kAllCodecs);
  EXPECT_EQ(r.hello().max_payload, 8192u);
}

TEST(HelloReader, LeavesTheBytesAfterTheHelloToTheCaller) {
  auto bytes = hello_bytes();
  const size_t hello_size = bytes.size();
  bytes.push_back(0x20);  // a KEEPALIVE right behind
  HelloReader r;
  EXPECT_EQ(r.consume(bytes), hello_size);
  EXPECT_EQ(r.state(), HelloReader::State::done);
}

TEST(HelloReader, CopyNeedsTheFramebufferFlag) {
  HelloReader r;
  r.consume(hello_bytes("a", 320, 240, false));
  ASSERT_EQ(r.state(), HelloReader::State::done);
  EXPECT_EQ(r.hello().codecs & proto::codec_bit(proto::Codec::copy), 0);
}

TEST(HelloReader, RefusesAWrongMagicAtTheFirstWrongByte) {
  const std::vector<uint8_t> garbage{'G', 'E', 'T', ' ', '/'};
  HelloReader r;
  r.consume(garbage);
  EXPECT_EQ(r.state(), HelloReader::State::failed);
  EXPECT_EQ(r.reason(), proto::Reason::bad_magic);
}

TEST(HelloReader, RefusesVersionZero) {
  auto bytes = hello_bytes();
  bytes[4] = 0;
  HelloReader r;
  r.consume(bytes);
  EXPECT_EQ(r.state(), HelloReader::State::failed);
  EXPECT_EQ(r.reason(), proto::Reason::unsupported_version);
  EXPECT_NE(r.error().find("version 0"), std::string::npos);
}

// §2: a display that speaks a later version speaks 1 too; the server answers in version 1.
TEST(HelloReader, AcceptsALaterVersionAsVersionOne) {
  auto bytes = hello_bytes("future");
  bytes[4] = 2;
  HelloReader r;
  r.consume(bytes);
  ASSERT_EQ(r.state(), HelloReader::State::done);
  EXPECT_EQ(r.hello().name, "future");
}

struct BadField {
  const char* what;
  size_t offset;  // into the whole HELLO (prefix included)
  uint8_t value;
};

class HelloReaderBadField : public ::testing::TestWithParam<BadField> {};

TEST_P(HelloReaderBadField, IsAProtocolViolation) {
  auto bytes = hello_bytes();
  bytes[GetParam().offset] = GetParam().value;
  HelloReader r;
  r.consume(bytes);
  EXPECT_EQ(r.state(), HelloReader::State::failed) << GetParam().what;
  EXPECT_EQ(r.reason(), proto::Reason::protocol_violation) << GetParam().what;
  EXPECT_FALSE(r.error().empty());
}

INSTANTIATE_TEST_SUITE_P(
    Fields, HelloReaderBadField,
    ::testing::Values(BadField{"height 0", 10, 0}, BadField{"width above 4096", 7, 0x20},
                      BadField{"rotation 4", 11, 4}, BadField{"pixel format 2", 12, 2},
                      BadField{"max_payload below 256", 17, 0}, BadField{"role 7", 20, 7},
                      BadField{"name length 0", 21, 0}, BadField{"name too long", 21, 33},
                      BadField{"control char in name", 22, 0x07},
                      BadField{"name not UTF-8 (a lone continuation byte)", 22, 0x80},
                      BadField{"name not UTF-8 (a truncated sequence)", 28, 0xC3},
                      BadField{"body too short for the fields", 6, 10}));

TEST(HelloReader, RefusesABodyThatCannotHoldItsName) {
  auto bytes = hello_bytes("abcdef");
  bytes[6] = static_cast<uint8_t>(15 + 2);  // body_len says 2 name bytes, name_len says 6
  bytes.resize(7 + 17);
  HelloReader r;
  r.consume(bytes);
  EXPECT_EQ(r.state(), HelloReader::State::failed);
  EXPECT_EQ(r.reason(), proto::Reason::protocol_violation);
}

TEST(HelloReader, AcceptsALongerBodyFromALaterVersion) {
  auto bytes = hello_bytes("abc");
  bytes[6] = static_cast<uint8_t>(bytes[6] + 4);  // four bytes of future fields
  for (int i = 0; i < 4; ++i) bytes.push_back(0xEE);
  HelloReader r;
  EXPECT_EQ(r.consume(bytes), bytes.size());
  ASSERT_EQ(r.state(), HelloReader::State::done);
  EXPECT_EQ(r.hello().name, "abc");
}

TEST(ServerMessages, RefusalIsAnEmptyWelcomeAndAnError) {
  const auto v = make_refusal(proto::Reason::server_full, "full");
  ASSERT_EQ(v.size(), 7u + 3 + 4);
  EXPECT_EQ(v[5], 0);
  EXPECT_EQ(v[6], 0);
  EXPECT_EQ(v[7], static_cast<uint8_t>(proto::MessageType::error));
  EXPECT_EQ(v[8], static_cast<uint8_t>(proto::Reason::server_full));
  EXPECT_EQ(v[9], 4);
}

TEST(ServerMessages, CloseTextIsCutTo64Bytes) {
  const auto v = make_close_message(proto::MessageType::bye, proto::Reason::normal,
                                    std::string(100, 'x'));
  EXPECT_EQ(v.size(), 3u + 64);
  EXPECT_EQ(v[2], 64);
}

}  // namespace
}  // namespace tfts::server
