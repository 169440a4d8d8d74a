// LSP positions (UTF-16 and UTF-8, surrogate pairs), incremental changes, and the claim the
// server rests on: applying edits to the tree and reparsing incrementally gives the same
// findings as analysing the final text from scratch.
#include <doctest/doctest.h>

#include <random>
#include <string>

#include "analyzer/engine/analyze_parsed.h"
#include "analyzer/syntax/tree_sitter.h"
#include "lsp/text_sync.h"
#include "rules/registry.h"

using namespace berth;
using namespace berth::lsp;

TEST_CASE("lsp positions: UTF-16 counts a surrogate pair as two units") {
  // "a😀b": the emoji is 4 bytes, 2 UTF-16 units.
  const std::string text =
      "x\na\xF0\x9F\x98\x80"
      "b\xC3\xB6"
      "c\n";
  const LineIndex lines(text);
  const uint32_t size = static_cast<uint32_t>(text.size());
  CHECK(offset_of(lines, size, {1, 0}, Encoding::Utf16) == 2);
  CHECK(offset_of(lines, size, {1, 1}, Encoding::Utf16) == 3);    // before the emoji
  CHECK(offset_of(lines, size, {1, 3}, Encoding::Utf16) == 7);    // after it: 'b'
  CHECK(offset_of(lines, size, {1, 2}, Encoding::Utf16) == 3);    // inside the pair: its start
  CHECK(offset_of(lines, size, {1, 4}, Encoding::Utf16) == 8);    // 'ö'
  CHECK(offset_of(lines, size, {1, 5}, Encoding::Utf16) == 10);   // 'c'
  CHECK(offset_of(lines, size, {1, 99}, Encoding::Utf16) == 11);  // clamps to the line end
  CHECK(offset_of(lines, size, {9, 0}, Encoding::Utf16) == size);
  CHECK(position_of(lines, 7, Encoding::Utf16) == Position{1, 3});
  CHECK(position_of(lines, 10, Encoding::Utf16) == Position{1, 5});
  // UTF-8: characters are bytes.
  CHECK(offset_of(lines, size, {1, 5}, Encoding::Utf8) == 7);
  CHECK(position_of(lines, 10, Encoding::Utf8) == Position{1, 8});
}

TEST_CASE("lsp positions: CRLF line ends") {
  const std::string text = "ab\r\ncd\r\n";
  const LineIndex lines(text);
  CHECK(offset_of(lines, 8, {0, 5}, Encoding::Utf16) == 2);  // never between \r and \n
  CHECK(offset_of(lines, 8, {1, 1}, Encoding::Utf16) == 5);
}

TEST_CASE("lsp changes: ranges, insertions, deletions, full replacement") {
  std::string text = "FROM a\nRUN b\n";
  auto edit = apply_change(text, Range{{1, 4}, {1, 5}}, "c && d", Encoding::Utf16);
  CHECK(text == "FROM a\nRUN c && d\n");
  REQUIRE(edit);
  CHECK(edit->start_byte == 11);
  CHECK(edit->old_end_byte == 12);
  CHECK(edit->new_end_byte == 17);
  CHECK(edit->start_point.row == 1);
  CHECK(edit->start_point.column == 4);
  edit = apply_change(text, Range{{0, 6}, {1, 0}}, "\n\n", Encoding::Utf16);
  CHECK(text == "FROM a\n\nRUN c && d\n");
  CHECK(edit->new_end_point.row == 2);
  CHECK(edit->new_end_point.column == 0);
  CHECK_FALSE(apply_change(text, std::nullopt, "FROM z\n", Encoding::Utf16));
  CHECK(text == "FROM z\n");
  // Emoji in UTF-16 coordinates.
  text = "# \xF0\x9F\x98\x80x\n";
  apply_change(text, Range{{0, 4}, {0, 5}}, "y", Encoding::Utf16);
  CHECK(text == "# \xF0\x9F\x98\x80y\n");
}

TEST_CASE("lsp uris") {
  CHECK(uri_to_path("file:///a%20b/Dockerfile") == "/a b/Dockerfile");
  CHECK(uri_to_path("file://localhost/x.yaml") == "/x.yaml");
  CHECK(uri_to_path("untitled:Untitled-1") == "untitled:Untitled-1");
  CHECK(path_to_uri("/a b/c.yaml") == "file:///a%20b/c.yaml");
}

namespace {

struct Profile {
  Config config;
  RuleSet rules;
  Profile() { rules = std::get<RuleSet>(RuleSet::resolve(rules::catalogue(), config, {})); }
};

std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string(f.rule ? f.rule->code : "?") + "@" + std::to_string(f.span.begin) + "-" +
           std::to_string(f.span.end) + ":" + f.message + "\n";
  }
  return out;
}

const char* kDockerfile =
    "# syntax=docker/dockerfile:1\n"
    "FROM ubuntu:latest AS build\n"
    "ARG TOKEN=abc\n"
    "RUN apt-get update && apt-get install curl \\\n"
    "    && curl http://x | sh\n"
    "COPY . /app\n"
    "FROM build\n"
    "USER root\n"
    "EXPOSE 22 80\n"
    "CMD python app.py\n";

const char* kManifest =
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: web\n"
    "spec:\n"
    "  replicas: 1\n"
    "  selector: {matchLabels: {app: web}}\n"
    "  template:\n"
    "    metadata: {labels: {app: web}}\n"
    "    spec:\n"
    "      containers:\n"
    "      - name: app\n"
    "        image: nginx:latest\n"
    "        securityContext:\n"
    "          privileged: true\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata: {name: web}\n"
    "spec:\n"
    "  selector: {app: web}\n"
    "  ports: [{port: 80}]\n"
    "---\n"
    "# not kubernetes\n"
    "foo: [1, 2]\n";

// Random edits drawn from pieces that change the analysis (keywords, indentation, quotes,
// newlines, non-ASCII) at random places, in UTF-16 coordinates.
void random_edit_sequence(FileKind kind, const std::string& initial, unsigned seed) {
  static const std::vector<std::string> pieces = {"",
                                                  "x",
                                                  "\n",
                                                  " ",
                                                  "  ",
                                                  "RUN ",
                                                  "FROM ",
                                                  "USER 0\n",
                                                  "- ",
                                                  ": ",
                                                  "image: a:b\n",
                                                  "\"",
                                                  "'",
                                                  "#",
                                                  "---\n",
                                                  "\xC3\xB6",
                                                  "\xF0\x9F\x98\x80",
                                                  "\\\n",
                                                  "{",
                                                  "}",
                                                  "[",
                                                  "]",
                                                  "\t",
                                                  "privileged: true",
                                                  "apt-get install -y",
                                                  "&&",
                                                  "  - name: z\n"};
  const Profile profile;
  std::mt19937 rng(seed);
  const syntax::Grammar grammar =
      kind == FileKind::Dockerfile ? syntax::Grammar::Dockerfile : syntax::Grammar::Yaml;
  std::string text = initial;
  syntax::TreePtr tree = syntax::parse(grammar, text);
  for (int step = 0; step < 60; ++step) {
    const LineIndex lines(text);
    // Several changes per didChange, applied in order, like a multi-cursor edit.
    const int changes = 1 + static_cast<int>(rng() % 3);
    for (int c = 0; c < changes; ++c) {
      const LineIndex now(text);
      const uint32_t line_count = now.line_count();
      auto random_position = [&] {
        const uint32_t line = static_cast<uint32_t>(rng() % (line_count + 1));
        return Position{line, static_cast<uint32_t>(rng() % 30)};
      };
      Position a = random_position();
      Position b = rng() % 3 == 0 ? a : random_position();
      if (b.line < a.line || (b.line == a.line && b.character < a.character)) std::swap(a, b);
      if (b.line > a.line + 2) b = {a.line + 1, b.character};  // keep deletions small
      const std::string& piece = pieces[rng() % pieces.size()];
      auto edit = apply_change(text, Range{a, b}, piece, Encoding::Utf16);
      REQUIRE(edit);
      ts_tree_edit(tree.get(), &*edit);
    }
    tree.reset(ts_parser_parse_string(syntax::thread_parser(grammar), tree.get(), text.data(),
                                      static_cast<uint32_t>(text.size())));
    const SourceFile source("f", text);
    const std::vector<Finding> incremental =
        analyze_parsed(source, kind, profile.rules, tree.get());
    const std::vector<Finding> scratch = analyze_source(source, kind, profile.rules);
    INFO("seed " << seed << " step " << step << "\n" << text);
    REQUIRE(describe(incremental) == describe(scratch));
    // The tree itself is the one a fresh parse gives.
    syntax::TreePtr fresh = syntax::parse(grammar, text);
    char* a = ts_node_string(ts_tree_root_node(tree.get()));
    char* b = ts_node_string(ts_tree_root_node(fresh.get()));
    const bool same_tree = std::string(a) == b;
    free(a);
    free(b);
    REQUIRE(same_tree);
  }
}

}  // namespace

TEST_CASE("lsp incremental: random Dockerfile edits match a from-scratch analysis") {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    random_edit_sequence(FileKind::Dockerfile, kDockerfile, seed);
  }
}

TEST_CASE("lsp incremental: random multi-document YAML edits match a from-scratch analysis") {
  for (unsigned seed = 1; seed <= 12; ++seed) {
    random_edit_sequence(FileKind::Yaml, kManifest, seed);
  }
}

TEST_CASE("lsp changes: offsets found without a whole-text line index agree with it") {
  // apply_change scans only to the edited lines; it must agree with LineIndex on every kind
  // of line end (LF, CRLF, lone CR), a BOM, multi-byte characters and past-the-end positions,
  // for texts without CR (its fast path) and with, and on reversed ranges.
  const std::vector<std::string> pieces = {
      "a", "\n", "\r\n", "\r", "\xC3\xB6", "\xF0\x9F\x98\x80", " ", "\xEF\xBB\xBF"};
  const std::vector<std::string> lf_pieces = {
      "a", "\n", "\n", "\xC3\xB6", "\xF0\x9F\x98\x80", " ", "\xEF\xBB\xBF"};
  std::mt19937 rng(7);
  for (int round = 0; round < 600; ++round) {
    const std::vector<std::string>& from = round % 2 == 0 ? pieces : lf_pieces;
    std::string text = round % 5 == 0 ? "\xEF\xBB\xBF" : "";
    const int length = static_cast<int>(rng() % 40);
    for (int i = 0; i < length; ++i) text += from[rng() % from.size()];
    const LineIndex lines(text);
    const auto size = static_cast<uint32_t>(text.size());
    for (int probe = 0; probe < 20; ++probe) {
      auto random_position = [&] {
        return Position{static_cast<uint32_t>(rng() % (lines.line_count() + 2)),
                        static_cast<uint32_t>(rng() % 12)};
      };
      const Position a = random_position();
      const Position b = probe % 2 == 0 ? a : random_position();
      for (const Encoding encoding : {Encoding::Utf16, Encoding::Utf8}) {
        std::string copy = text;
        const auto edit = apply_change(copy, Range{a, b}, "", encoding);
        REQUIRE(edit);
        INFO("round " << round << " " << a.line << ":" << a.character << " - " << b.line << ":"
                      << b.character);
        const uint32_t begin =
            std::min(offset_of(lines, size, a, encoding), offset_of(lines, size, b, encoding));
        const uint32_t end =
            std::max(offset_of(lines, size, a, encoding), offset_of(lines, size, b, encoding));
        CHECK(edit->start_byte == begin);
        CHECK(edit->old_end_byte == end);
        CHECK(edit->start_point.row == ts_point_of(text, begin).row);
        CHECK(edit->start_point.column == ts_point_of(text, begin).column);
        CHECK(edit->old_end_point.row == ts_point_of(text, end).row);
        CHECK(edit->old_end_point.column == ts_point_of(text, end).column);
        CHECK(copy == text.substr(0, begin) + text.substr(end));
      }
    }
  }
}
