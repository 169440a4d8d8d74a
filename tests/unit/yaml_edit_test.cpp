// YAML text edits for fixes: block and flow styles, indentation, CRLF, replacement of wrong
// values, aliases and merge keys, and the overlap convention for insertions at one point.
#include <doctest/doctest.h>

#include <string>

#include "analyzer/engine/fixes.h"
#include "rules/support/yaml_edit.h"

using namespace berth;
using namespace berth::rules;

namespace {

const yaml::Node* find(const yaml::Node* node, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) {
    if (!node) return nullptr;
    node = node->get(key);
  }
  return node;
}

// The first container of a Pod-like document (`spec.containers[0]`).
const yaml::Node& first_container(const yaml::Stream& stream) {
  const yaml::Node* containers = find(stream.documents.at(0).root, {"spec", "containers"});
  REQUIRE(containers);
  REQUIRE(!containers->items.empty());
  return *containers->items.front();
}

std::string set_in_container(const std::string& text, std::vector<std::string_view> path,
                             const yaml_edit::Value& value) {
  const yaml::Stream stream = yaml::parse_stream(text);
  const std::optional<TextEdit> edit =
      yaml_edit::set_path(text, first_container(stream), path, value);
  REQUIRE(edit);
  return apply_edits(text, {*edit});
}

const yaml_edit::Value kFalse = yaml_edit::Value::scalar("false");

}  // namespace

TEST_CASE("yaml_edit: a field goes into an existing block securityContext") {
  const std::string text =
      "spec:\n"
      "  containers:\n"
      "  - name: web\n"
      "    securityContext:\n"
      "      runAsNonRoot: true # keep\n"
      "    image: nginx\n";
  CHECK(set_in_container(text, {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n"
        "  containers:\n"
        "  - name: web\n"
        "    securityContext:\n"
        "      runAsNonRoot: true # keep\n"
        "      allowPrivilegeEscalation: false\n"
        "    image: nginx\n");
}

TEST_CASE("yaml_edit: a missing securityContext is created with the container's indentation") {
  const std::string text =
      "spec:\n"
      "    containers:\n"
      "      -   name: web\n"
      "          image: nginx\n"
      "          resources:\n"
      "              limits: {cpu: 1}\n"
      "      - name: sidecar\n";
  CHECK(set_in_container(text, {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n"
        "    containers:\n"
        "      -   name: web\n"
        "          image: nginx\n"
        "          resources:\n"
        "              limits: {cpu: 1}\n"
        "          securityContext:\n"
        "              allowPrivilegeEscalation: false\n"
        "      - name: sidecar\n");
}

TEST_CASE("yaml_edit: flow mappings get flow insertions") {
  CHECK(set_in_container("spec:\n  containers:\n  - name: a\n    securityContext: {runAsNonRoot: "
                         "true}\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n  containers:\n  - name: a\n    securityContext: {runAsNonRoot: true, "
        "allowPrivilegeEscalation: false}\n");
  CHECK(set_in_container("spec:\n  containers:\n  - {name: a, image: b}\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n  containers:\n  - {name: a, image: b, securityContext: "
        "{allowPrivilegeEscalation: false}}\n");
  CHECK(set_in_container("spec:\n  containers:\n  - name: a\n    securityContext: {}\n",
                         {"securityContext", "readOnlyRootFilesystem"},
                         yaml_edit::Value::scalar("true")) ==
        "spec:\n  containers:\n  - name: a\n    securityContext: {readOnlyRootFilesystem: "
        "true}\n");
  CHECK(set_in_container("spec: {containers: [{name: a, securityContext: {b: 1,}}]}\n",
                         {"securityContext", "c"}, kFalse) ==
        "spec: {containers: [{name: a, securityContext: {b: 1, c: false}}]}\n");
}

TEST_CASE("yaml_edit: a wrong value is replaced, not duplicated") {
  CHECK(set_in_container("spec:\n  containers:\n  - name: a\n    securityContext:\n"
                         "      allowPrivilegeEscalation: true\n      privileged: false\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n  containers:\n  - name: a\n    securityContext:\n"
        "      allowPrivilegeEscalation: false\n      privileged: false\n");
  // A null securityContext becomes a block mapping.
  CHECK(set_in_container("spec:\n  containers:\n  - name: a\n    securityContext:\n"
                         "    image: x\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n  containers:\n  - name: a\n    securityContext:\n"
        "      allowPrivilegeEscalation: false\n    image: x\n");
  CHECK(set_in_container("spec:\n  containers:\n  - name: a\n    securityContext: ~\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\n  containers:\n  - name: a\n    securityContext:\n"
        "      allowPrivilegeEscalation: false\n");
}

TEST_CASE("yaml_edit: CRLF files keep CRLF") {
  CHECK(set_in_container("spec:\r\n  containers:\r\n  - name: a\r\n    image: b\r\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "spec:\r\n  containers:\r\n  - name: a\r\n    image: b\r\n    securityContext:\r\n"
        "      allowPrivilegeEscalation: false\r\n");
}

TEST_CASE("yaml_edit: nested values, block scalars, end of text without a line break") {
  CHECK(set_in_container("spec:\n  containers:\n  - name: a\n    command:\n    - |\n"
                         "      echo hi\n\n",
                         {"securityContext", "capabilities", "drop"},
                         yaml_edit::Value::scalar("[ALL]")) ==
        "spec:\n  containers:\n  - name: a\n    command:\n    - |\n      echo hi\n"
        "    securityContext:\n      capabilities:\n        drop: [ALL]\n\n");
  CHECK(set_in_container("spec:\n  containers:\n  - name: a", {"securityContext", "x"}, kFalse) ==
        "spec:\n  containers:\n  - name: a\n    securityContext:\n      x: false");
}

TEST_CASE("yaml_edit: aliases and merge keys") {
  // An alias value is replaced where it is written, never at its anchor.
  CHECK(set_in_container("x: &yes true\nspec:\n  containers:\n  - name: a\n    securityContext:\n"
                         "      allowPrivilegeEscalation: *yes\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "x: &yes true\nspec:\n  containers:\n  - name: a\n    securityContext:\n"
        "      allowPrivilegeEscalation: false\n");
  // A merged key is overridden by an explicit one.
  CHECK(set_in_container("base: &b {allowPrivilegeEscalation: true}\nspec:\n  containers:\n"
                         "  - name: a\n    securityContext:\n      <<: *b\n      runAsUser: 1\n",
                         {"securityContext", "allowPrivilegeEscalation"}, kFalse) ==
        "base: &b {allowPrivilegeEscalation: true}\nspec:\n  containers:\n"
        "  - name: a\n    securityContext:\n      <<: *b\n      runAsUser: 1\n"
        "      allowPrivilegeEscalation: false\n");
}

TEST_CASE("yaml_edit: items are appended to block and flow sequences") {
  auto append = [](const std::string& text) {
    const yaml::Stream stream = yaml::parse_stream(text);
    const yaml::Node* drop = find(stream.documents.at(0).root, {"drop"});
    REQUIRE(drop);
    const std::optional<TextEdit> edit = yaml_edit::append_item(text, *drop, "ALL");
    REQUIRE(edit);
    return apply_edits(text, {*edit});
  };
  CHECK(append("drop:\n  - NET_RAW\nadd: []\n") == "drop:\n  - NET_RAW\n  - ALL\nadd: []\n");
  CHECK(append("drop:\n- NET_RAW\n") == "drop:\n- NET_RAW\n- ALL\n");
  CHECK(append("drop: [NET_RAW]\n") == "drop: [NET_RAW, ALL]\n");
  CHECK(append("drop: []\n") == "drop: [ALL]\n");
}

TEST_CASE("yaml_edit: two insertions at one point overlap, so only one applies per pass") {
  const std::string text = "spec:\n  containers:\n  - name: a\n";
  const yaml::Stream stream = yaml::parse_stream(text);
  const yaml::Node& container = first_container(stream);
  const std::optional<TextEdit> first =
      yaml_edit::set_path(text, container, {"securityContext", "allowPrivilegeEscalation"}, kFalse);
  const std::optional<TextEdit> second =
      yaml_edit::set_path(text, container, {"securityContext", "readOnlyRootFilesystem"},
                          yaml_edit::Value::scalar("true"));
  REQUIRE(first);
  REQUIRE(second);
  size_t skipped = 0;
  CHECK(apply_edits(text, {*first, *second}, &skipped) ==
        "spec:\n  containers:\n  - name: a\n    securityContext:\n"
        "      allowPrivilegeEscalation: false\n");
  CHECK(skipped == 1);
}

TEST_CASE("yaml_edit: no edit where the text cannot be edited safely") {
  const std::string text = "spec:\n  containers:\n  - name: a\n    securityContext: oops\n";
  const yaml::Stream stream = yaml::parse_stream(text);
  CHECK_FALSE(yaml_edit::set_path(text, first_container(stream), {"securityContext", "x"}, kFalse));
  const std::string tagged =
      "spec:\n  containers:\n  - name: a\n    securityContext:\n      x: !!str true\n";
  const yaml::Stream tagged_stream = yaml::parse_stream(tagged);
  CHECK_FALSE(yaml_edit::set_path(tagged, first_container(tagged_stream), {"securityContext", "x"},
                                  kFalse));
}
