// LineIndex: lines across LF/CRLF/CR, BOM, and the three column units.
#include <doctest/doctest.h>

#include <string>

#include "analyzer/source/line_index.h"

using berth::ColumnUnit;
using berth::LineColumn;
using berth::LineIndex;

TEST_CASE("line index: LF, CRLF and lone CR all end lines") {
  const std::string text = "a\nbc\r\nd\re";
  LineIndex index(text);
  CHECK(index.line_count() == 4);
  CHECK(index.line_text(1) == "a");
  CHECK(index.line_text(2) == "bc");
  CHECK(index.line_text(3) == "d");
  CHECK(index.line_text(4) == "e");
  CHECK(index.position(3, ColumnUnit::CodePoints) == LineColumn{2, 2});
  CHECK(index.position(6, ColumnUnit::CodePoints) == LineColumn{3, 1});
  CHECK(index.position(8, ColumnUnit::CodePoints) == LineColumn{4, 1});
}

TEST_CASE("line index: a BOM does not count as a column") {
  const std::string text =
      "\xEF\xBB\xBF"
      "FROM x";
  LineIndex index(text);
  CHECK(index.position(3, ColumnUnit::CodePoints) == LineColumn{1, 1});
  CHECK(index.position(8, ColumnUnit::Utf16CodeUnits) == LineColumn{1, 6});
  CHECK(index.line_text(1) == "FROM x");
}

TEST_CASE("line index: UTF-8, UTF-16 and code point columns") {
  // "é" is 2 bytes / 1 unit; "😀" is 4 bytes / 2 UTF-16 units / 1 code point.
  const std::string text = "é😀x";
  LineIndex index(text);
  const uint32_t x = 6;
  CHECK(index.position(x, ColumnUnit::Utf8Bytes).column == 7);
  CHECK(index.position(x, ColumnUnit::Utf16CodeUnits).column == 4);
  CHECK(index.position(x, ColumnUnit::CodePoints).column == 3);
  CHECK(index.offset({1, 4}, ColumnUnit::Utf16CodeUnits) == x);
  CHECK(index.offset({1, 3}, ColumnUnit::CodePoints) == x);
  // A column inside a surrogate pair stays before the pair.
  CHECK(index.offset({1, 3}, ColumnUnit::Utf16CodeUnits) == 2);
}

TEST_CASE("line index: invalid UTF-8 bytes count one column each") {
  const std::string text =
      "a\xff\xfe"
      "b";
  LineIndex index(text);
  CHECK(index.position(3, ColumnUnit::CodePoints).column == 4);
  CHECK(index.position(3, ColumnUnit::Utf16CodeUnits).column == 4);
  // A truncated multi-byte sequence at the end is one column too.
  const std::string truncated = "ab\xE2\x82";
  LineIndex index2(truncated);
  CHECK(index2.position(4, ColumnUnit::CodePoints).column == 5);
}

TEST_CASE("line index: offsets past the end clamp, empty text has one line") {
  LineIndex empty("");
  CHECK(empty.line_count() == 1);
  CHECK(empty.position(10, ColumnUnit::CodePoints) == LineColumn{1, 1});
  const std::string text = "ab\n";
  LineIndex index(text);
  CHECK(index.line_count() == 2);
  CHECK(index.offset({9, 1}, ColumnUnit::CodePoints) == 3);
  CHECK(index.offset({1, 99}, ColumnUnit::CodePoints) == 2);
}
