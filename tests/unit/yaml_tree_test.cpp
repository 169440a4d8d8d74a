// The YAML value tree: scalar decoding, spans, anchors and merge keys, streams, the yaml-cpp
// fallback and its errors, and robustness against hostile input.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "analyzer/yaml/yaml_tree.h"
#include "tests/support/test_support.h"

using namespace berth;
using namespace berth::yaml;

namespace {

std::string_view text_at(std::string_view source, Span span) {
  return source.substr(span.begin, span.size());
}

const Node* root_of(const Stream& stream, size_t document = 0) {
  REQUIRE(stream.documents.size() > document);
  CHECK(stream.documents[document].errors.empty());
  return stream.documents[document].root;
}

}  // namespace

TEST_CASE("block mapping and sequence with exact spans") {
  const std::string text = "kind: Pod\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(root->is_mapping());
  CHECK_FALSE(root->flow);
  const Entry* kind = root->entry("kind");
  REQUIRE(kind);
  CHECK(text_at(text, kind->key->span) == "kind");
  CHECK(kind->value->value == "Pod");
  CHECK(text_at(text, kind->value->span) == "Pod");
  const Node* containers = root->get("spec")->get("containers");
  REQUIRE(containers);
  REQUIRE(containers->is_sequence());
  REQUIRE(containers->items.size() == 1);
  const Node* app = containers->items[0];
  CHECK(text_at(text, app->span) == "name: app\n    image: nginx");
  CHECK(app->get("image")->value == "nginx");
  CHECK(text_at(text, app->get("image")->span) == "nginx");
  CHECK(root->get("missing") == nullptr);
  CHECK(kind->value->get("x") == nullptr);
}

TEST_CASE("flow collections") {
  const std::string text = "a: [1, {b: c}, [d], e: f]\ng: {}\nh: [ ]\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  const Node* a = root->get("a");
  REQUIRE(a->is_sequence());
  CHECK(a->flow);
  CHECK(text_at(text, a->span) == "[1, {b: c}, [d], e: f]");
  REQUIRE(a->items.size() == 4);
  CHECK(a->items[0]->as_int() == 1);
  CHECK(a->items[1]->get("b")->value == "c");
  CHECK(a->items[2]->items[0]->value == "d");
  CHECK(a->items[3]->get("e")->value == "f");  // a single-pair mapping
  CHECK(root->get("g")->is_mapping());
  CHECK(root->get("g")->entries.empty());
  CHECK(root->get("h")->is_sequence());
  CHECK(root->get("h")->items.empty());
}

TEST_CASE("plain and quoted scalars, folded across lines") {
  const std::string text =
      "plain: a\n  b\n\n  c\n"
      "single: 'it''s\n  here'\n"
      "double: \"tab\\tq\\\" \\x41\\u00e9\\U0001F600 \\N\\_\\L\\P \\/ \\e\\0\"\n"
      "folded: \"one\n  two \\\n  three\"\n"
      "empty_dq: \"\"\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(root->get("plain")->value == "a b\nc");
  CHECK(root->get("plain")->style == ScalarStyle::Plain);
  CHECK(text_at(text, root->get("plain")->span) == "a\n  b\n\n  c");
  CHECK(root->get("single")->value == "it's here");
  CHECK(root->get("single")->style == ScalarStyle::SingleQuoted);
  CHECK(text_at(text, root->get("single")->span) == "'it''s\n  here'");
  CHECK(root->get("double")->value ==
        std::string("tab\tq\" A\xC3\xA9\xF0\x9F\x98\x80 \xC2\x85\xC2\xA0\xE2\x80\xA8\xE2\x80\xA9 "
                    "/ \x1b") +
            std::string(1, '\0'));
  CHECK(root->get("double")->style == ScalarStyle::DoubleQuoted);
  CHECK(root->get("folded")->value == "one two three");
  CHECK(root->get("empty_dq")->value.empty());
  CHECK(root->get("empty_dq")->is_scalar());
}

TEST_CASE("block scalars: literal, folded, chomping, indentation indicators") {
  const std::string text =
      "lit: |\n  a\n   b\n\n"
      "strip: |-\n  a\n\n"
      "keep: |+\n  a\n\n\n"
      "fold: >\n  a\n  b\n\n  c\n    more\n  d\n"
      "ind: |2\n    x\n  y\n"
      "seq:\n- |1\n  z\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(root->get("lit")->value == "a\n b\n");
  CHECK(root->get("lit")->style == ScalarStyle::Literal);
  CHECK(root->get("strip")->value == "a");
  CHECK(root->get("keep")->value == "a\n\n\n");
  CHECK(root->get("fold")->value == "a b\nc\n  more\nd\n");
  CHECK(root->get("fold")->style == ScalarStyle::Folded);
  CHECK(root->get("ind")->value == "  x\ny\n");
  CHECK(root->get("seq")->items[0]->value == " z\n");
  CHECK(text_at(text, root->get("lit")->span).starts_with("|\n  a"));
}

TEST_CASE("null values, explicit keys and tags") {
  const std::string text = "a:\nb: ~\nc: null\n? d\n: e\n? f\ng: !!str 12\nh: !custom {x: 1}\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(root->get("a")->is_null());
  CHECK(root->get("a")->span.empty());
  CHECK(root->get("b")->is_null());
  CHECK(root->get("c")->is_null());
  CHECK(root->get("d")->value == "e");
  CHECK(root->get("f")->is_null());
  CHECK(root->get("g")->value == "12");
  CHECK(root->get("g")->tag == "!!str");
  CHECK(text_at(text, root->get("g")->span) == "12");
  CHECK(root->get("h")->tag == "!custom");
  CHECK(root->get("h")->is_mapping());
}

TEST_CASE("as_bool and as_int") {
  const Stream stream = parse_stream(
      "t: true\ny: yes\nf: False\nq: 'true'\nn: -42\nx: 0x1F\no: 0o17\nbig: 99999999999999999999\n"
      "s: 12a\n");
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(root->get("t")->as_bool() == true);
  CHECK(root->get("y")->as_bool() == true);
  CHECK(root->get("f")->as_bool() == false);
  CHECK_FALSE(root->get("q")->as_bool().has_value());
  CHECK(root->get("n")->as_int() == -42);
  CHECK(root->get("x")->as_int() == 31);
  CHECK(root->get("o")->as_int() == 15);
  CHECK_FALSE(root->get("big")->as_int().has_value());
  CHECK_FALSE(root->get("s")->as_int().has_value());
  CHECK_FALSE(root->get("t")->as_int().has_value());
}

TEST_CASE("aliases are the anchored node, not copies") {
  const std::string text = "base: &b {cpu: 1}\nother: *b\nlist: [*b, *b]\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  const Node* base = root->get("base");
  CHECK(root->get("other") == base);
  CHECK(root->get("list")->items[0] == base);
  CHECK(root->get("list")->items[1] == base);
  CHECK(text_at(text, root->entry("other")->alias_span) == "*b");
  CHECK(text_at(text, root->get("other")->span) == "{cpu: 1}");
}

TEST_CASE("merge keys: explicit keys win, earlier mappings in a list win") {
  const std::string text =
      "a: &a {x: 1, y: 1}\n"
      "b: &b {y: 2, z: 2}\n"
      "one:\n  <<: *a\n  x: 0\n"
      "list:\n  <<: [*a, *b]\n  w: 3\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  const Node* one = root->get("one");
  CHECK(one->get("x")->value == "0");
  CHECK_FALSE(one->entry("x")->merged);
  CHECK(one->get("y") == root->get("a")->get("y"));
  CHECK(one->entry("y")->merged);
  CHECK(one->get("<<") == nullptr);
  const Node* list = root->get("list");
  CHECK(list->get("y")->value == "1");
  CHECK(list->get("z")->value == "2");
  CHECK(list->get("w")->value == "3");
  CHECK(list->entries.size() == 4);
  CHECK(list->entries.front().key->value == "w");  // written entries first, merged last
}

TEST_CASE("multi-document streams, directives, markers and comments") {
  const std::string text =
      "# head\nkind: A # trailing\n---\n# in b\nkind: B\n...\n%YAML 1.2\n---\n---\n- c\n";
  const Stream stream = parse_stream(text);
  REQUIRE(stream.documents.size() == 4);
  CHECK(root_of(stream, 0)->get("kind")->value == "A");
  CHECK(root_of(stream, 1)->get("kind")->value == "B");
  CHECK(stream.documents[2].root == nullptr);
  CHECK(stream.documents[2].errors.empty());
  CHECK(root_of(stream, 3)->items[0]->value == "c");
  REQUIRE(stream.documents[0].comments.size() == 2);
  CHECK(text_at(text, stream.documents[0].comments[0]) == "# head");
  CHECK(text_at(text, stream.documents[0].comments[1]) == "# trailing");
  REQUIRE(stream.documents[1].comments.size() == 1);
  CHECK(text_at(text, stream.documents[1].comments[0]) == "# in b");
  CHECK(text_at(text, stream.documents[1].span).starts_with("---"));
  CHECK(stream.documents[1].span.contains(stream.documents[1].root->span));
}

TEST_CASE("a '#' inside text is no comment, one after a space or a tab is") {
  const std::string text =
      "url: http://x/#top # after\nlist: [a,\t# in flow\n  b]\nkey#x: v\n#start\n";
  const Stream stream = parse_stream(text);
  REQUIRE(stream.documents.size() == 1);
  CHECK(root_of(stream, 0)->get("url")->value == "http://x/#top");
  CHECK(root_of(stream, 0)->get("key#x")->value == "v");
  const std::vector<Span>& comments = stream.documents[0].comments;
  REQUIRE(comments.size() == 3);
  CHECK(text_at(text, comments[0]) == "# after");
  CHECK(text_at(text, comments[1]) == "# in flow");
  CHECK(text_at(text, comments[2]) == "#start");
}

TEST_CASE("empty input and comment-only input have no documents") {
  CHECK(parse_stream("").documents.empty());
  CHECK(parse_stream("# nothing\n").documents.empty());
  CHECK(parse_stream("...\n").documents.empty());
}

TEST_CASE("CRLF line endings and a BOM") {
  const std::string text =
      "\xEF\xBB\xBFkey: value\r\nfolded: \"a\r\n  b\"\r\nlit: |\r\n  x\r\n  y\r\n";
  const Stream stream = parse_stream(text);
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(text_at(text, root->entry("key")->key->span) == "key");
  CHECK(root->get("key")->value == "value");
  CHECK(root->get("folded")->value == "a b");
  CHECK(root->get("lit")->value == "x\ny\n");
}

TEST_CASE("an alias bomb costs nothing") {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int level = 1; level <= 10; ++level) {
    const std::string name = std::to_string(level);
    text.append("a").append(name).append(": &a").append(name).append(" [");
    for (int i = 0; i < 10; ++i) text.append(i ? ", *a" : "*a").append(std::to_string(level - 1));
    text.append("]\n");
  }
  const auto start = std::chrono::steady_clock::now();
  const Stream stream = parse_stream(text);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  const Node* root = root_of(stream);
  REQUIRE(root);
  CHECK(root->get("a10")->items[0] == root->get("a9"));
  CHECK(elapsed < std::chrono::milliseconds(500));
}

TEST_CASE("deep nesting does not overflow the stack") {
  const std::string flow = std::string(10000, '[') + std::string(10000, ']') + "\n";
  const Stream flow_stream = parse_stream(flow);
  REQUIRE(flow_stream.documents.size() == 1);
  if (flow_stream.documents[0].errors.empty()) {
    const Node* node = flow_stream.documents[0].root;
    int depth = 0;
    while (node && node->is_sequence() && !node->items.empty()) {
      node = node->items[0];
      ++depth;
    }
    CHECK(depth == 9999);
  }
  std::string block;
  for (int i = 0; i < 3000; ++i) block += std::string(static_cast<size_t>(i), ' ') + "k:\n";
  const Stream block_stream = parse_stream(block);
  CHECK(block_stream.documents.size() == 1);
  const Stream unclosed = parse_stream("a: " + std::string(10000, '[') + "\n");
  REQUIRE_FALSE(unclosed.documents.empty());
  CHECK_FALSE(unclosed.documents.back().errors.empty());
}

TEST_CASE("invalid UTF-8 and NUL bytes do not crash") {
  const std::string text = std::string("a: \xff\xfe\n") + std::string(1, '\0') + "b: \"\xc3\"\n";
  const Stream stream = parse_stream(text);
  CHECK_FALSE(stream.documents.empty());
  parse_stream(std::string("\"\\U0011FFFF\\uD800\"\n"));
  parse_stream(std::string(1, '\0'));
}

TEST_CASE("yaml-cpp takes over where tree-sitter-yaml fails") {
  // A multi-line double-quoted scalar opening a flow sequence (argo-workflows examples).
  const std::string text =
      "spec:\n  args: [\"\n    echo \\\"hi\\\"\n  \"]\n  image: alpine\n---\nkind: B\n";
  const Stream stream = parse_stream(text);
  REQUIRE(stream.documents.size() == 2);
  const Node* root = root_of(stream, 0);
  REQUIRE(root);
  const Node* args = root->get("spec")->get("args");
  REQUIRE(args);
  REQUIRE(args->is_sequence());
  REQUIRE(args->items.size() == 1);
  CHECK(args->items[0]->value == " echo \"hi\" ");
  CHECK(args->items[0]->style == ScalarStyle::DoubleQuoted);
  CHECK(text_at(text, args->items[0]->span) == "\"\n    echo \\\"hi\\\"\n  \"");
  const Node* image = root->get("spec")->get("image");
  CHECK(text_at(text, image->span) == "alpine");
  CHECK(text_at(text, root->get("spec")->entry("image")->key->span) == "image");
  CHECK(root_of(stream, 1)->get("kind")->value == "B");
}

TEST_CASE("both parsers reject: one error at yaml-cpp's mark") {
  const std::string text = "kind: A\n---\na: 1\nb:\n  c: 2\n\td: 3\n";
  const Stream stream = parse_stream(text);
  REQUIRE(stream.documents.size() == 2);
  CHECK(root_of(stream, 0)->get("kind")->value == "A");
  const Document& bad = stream.documents[1];
  CHECK(bad.root == nullptr);
  REQUIRE(bad.errors.size() == 1);
  CHECK(bad.errors[0].message == "illegal tab when looking for indentation");
  CHECK(text_at(text, bad.errors[0].span) == "\td: 3");

  const Stream unclosed = parse_stream("a: \"unclosed\nb: 1\n");
  REQUIRE(unclosed.documents.size() == 1);
  CHECK_FALSE(unclosed.documents[0].errors.empty());

  const Stream undefined = parse_stream("a: *nope\n");
  REQUIRE(undefined.documents.size() == 1);
  REQUIRE(undefined.documents[0].errors.size() == 1);
  CHECK(undefined.documents[0].root == nullptr);
}
