// LSP framing: split headers, multi-byte bodies, extra headers, wrong lengths, garbage.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "lsp/transport.h"

using berth::lsp::frame;
using berth::lsp::FrameReader;

TEST_CASE("lsp framing: a message split at every byte boundary") {
  const std::string body = R"({"jsonrpc":"2.0","method":"x","params":{"t":"ö😀"}})";
  const std::string wire = frame(body) + frame("{}");
  for (size_t split = 0; split <= wire.size(); ++split) {
    FrameReader reader;
    std::string out;
    reader.feed(wire.substr(0, split));
    std::vector<std::string> got;
    while (reader.next(&out) == FrameReader::Status::Message) got.push_back(out);
    reader.feed(wire.substr(split));
    while (reader.next(&out) == FrameReader::Status::Message) got.push_back(out);
    REQUIRE(got.size() == 2);
    CHECK(got[0] == body);
    CHECK(got[1] == "{}");
  }
}

TEST_CASE("lsp framing: Content-Length counts bytes of a multi-byte body") {
  const std::string body = "{\"a\":\"日本語😀\"}";
  const std::string wire = frame(body);
  CHECK(wire.starts_with("Content-Length: " + std::to_string(body.size()) + "\r\n\r\n"));
  CHECK(body.size() > 14);  // more bytes than characters
  FrameReader reader;
  reader.feed(wire);
  std::string out;
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
  CHECK(out == body);
  CHECK(reader.next(&out) == FrameReader::Status::NeedMore);
}

TEST_CASE("lsp framing: extra headers, any case, Content-Type accepted") {
  FrameReader reader;
  reader.feed(
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf8\r\n\r\n{}");
  std::string out;
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
  CHECK(out == "{}");
}

TEST_CASE("lsp framing: a bad header is reported once and the next message still arrives") {
  FrameReader reader;
  std::string out;
  reader.feed("Content-Length: abc\r\n\r\n" + frame("{\"ok\":1}"));
  CHECK(reader.next(&out) == FrameReader::Status::BadHeader);
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
  CHECK(out == "{\"ok\":1}");

  reader.feed("X-Other: 1\r\n\r\n" + frame("{}"));
  CHECK(reader.next(&out) == FrameReader::Status::BadHeader);  // no Content-Length
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);

  reader.feed("Content-Length: 99999999999\r\n\r\n" + frame("{}"));
  CHECK(reader.next(&out) == FrameReader::Status::BadHeader);  // too large to buffer
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
}

TEST_CASE("lsp framing: a length too short resynchronises on the next header") {
  FrameReader reader;
  std::string out;
  // Claims 5 bytes of a 9-byte body: the leftover "1234" precedes the next header.
  reader.feed("Content-Length: 5\r\n\r\n{\"a\":1234}" + frame("{\"b\":2}"));
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
  CHECK(out == "{\"a\":");  // the caller will fail to parse this JSON and say so
  CHECK(reader.next(&out) == FrameReader::Status::BadHeader);
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
  CHECK(out == "{\"b\":2}");
}

TEST_CASE("lsp framing: a length too long waits for more bytes") {
  FrameReader reader;
  std::string out;
  reader.feed("Content-Length: 10\r\n\r\n{}");
  CHECK(reader.next(&out) == FrameReader::Status::NeedMore);
  reader.feed("        ");
  REQUIRE(reader.next(&out) == FrameReader::Status::Message);
  CHECK(out.size() == 10);
}

TEST_CASE("lsp framing: garbage without a blank line is dropped once it is too big") {
  FrameReader reader;
  std::string out;
  reader.feed(std::string(70 * 1024, 'x'));
  CHECK(reader.next(&out) == FrameReader::Status::BadHeader);
  reader.feed(frame("{}"));
  {
    FrameReader::Status status;
    do status = reader.next(&out);
    while (status == FrameReader::Status::BadHeader);
    REQUIRE(status == FrameReader::Status::Message);
    CHECK(out == "{}");
  }
}
