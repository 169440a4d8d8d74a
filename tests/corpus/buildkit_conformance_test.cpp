// Conformance with BuildKit's own Dockerfile parser tests (../shared/corpus/peers/buildkit-parser):
// the AST dumps of testfiles/*/result, the negative cases, parse errors asserted on whole files,
// heredoc extraction and parser directives. Cases that exercise BuildKit internals berth does
// not model (helper functions fed line fragments, instruction arity checks of the converter,
// non-Dockerfile syntax detection) are counted as skipped, with the reason.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "analyzer/dockerfile/model.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;
using namespace berth;
using namespace berth::dockerfile;
using nlohmann::json;

namespace {

// Go's strconv.Quote, which BuildKit's AST dump uses.
std::string go_quote(std::string_view text) {
  std::string out = "\"";
  for (size_t i = 0; i < text.size();) {
    char32_t cp;
    const uint32_t length = decode_utf8(text, i, &cp);
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (length == 1 && cp == 0xFFFD && c >= 0x80) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
      out += buffer;
    } else if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\a') {
      out += "\\a";
    } else if (cp == '\b') {
      out += "\\b";
    } else if (cp == '\f') {
      out += "\\f";
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == '\v') {
      out += "\\v";
    } else if (cp < 0x20 || cp == 0x7F) {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(cp));
      out += buffer;
    } else {
      out.append(text.substr(i, length));
    }
    i += length;
  }
  return out + "\"";
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string dump_instruction(const Instruction& in, const SourceFile& source, char escape) {
  std::string name = lower(keyword_of(in.kind));
  std::vector<std::string> parts;
  std::vector<std::string> flags;
  for (const Flag& flag : in.flags) {
    if (flag.name.empty()) continue;  // `--` ends the flags; BuildKit drops it
    flags.push_back(std::string(source.slice(flag.span)));
  }
  auto raw = [&](Span span) { return logical_text(source.slice(span), escape); };
  switch (in.kind) {
    case InstructionKind::Maintainer:
      // BuildKit's parser turns MAINTAINER into a label.
      name = "label";
      parts = {"maintainer", in.args.empty() ? "" : in.args[0].text, ""};
      break;
    case InstructionKind::Env:
    case InstructionKind::Label:
      for (const KeyValue& pair : in.pairs) {
        parts.push_back(raw(pair.key.span));
        parts.push_back(pair.value ? raw(pair.value->span) : "");
        parts.push_back(pair.legacy_form ? "" : "=");
      }
      break;
    case InstructionKind::Arg:
      for (const KeyValue& pair : in.pairs) parts.push_back(raw(pair.span));
      break;
    case InstructionKind::Onbuild:
      if (in.onbuild) return "(onbuild " + dump_instruction(*in.onbuild, source, escape) + ")";
      break;
    case InstructionKind::Healthcheck:
      if (in.healthcheck_none) {
        parts = {"NONE"};
      } else if (in.healthcheck_cmd) {
        parts.push_back("CMD");
        for (const Word& word : in.healthcheck_cmd->args) parts.push_back(word.text);
      }
      break;
    default:
      for (const Word& word : in.args) parts.push_back(word.text);
  }
  std::string out = "(" + name;
  if (!flags.empty()) {
    out += " [";
    for (size_t i = 0; i < flags.size(); ++i) out += (i ? " " : "") + go_quote(flags[i]);
    out += "]";
  }
  for (const std::string& part : parts) out += " " + go_quote(part);
  return out + ")";
}

std::string dump(const Dockerfile& file, const SourceFile& source) {
  std::string out;
  for (const auto& instruction : file.instructions) {
    out += dump_instruction(*instruction, source, file.escape) + "\n";
  }
  return out;
}

struct Tally {
  int passed = 0, failed = 0, skipped = 0;
  std::map<std::string, int> skip_reasons;
  void skip(const std::string& reason) {
    ++skipped;
    ++skip_reasons[reason];
  }
};

}  // namespace

TEST_CASE("corpus: BuildKit parser testfiles give BuildKit's AST") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const fs::path root = fs::path(*shared) / "corpus/peers/buildkit-parser";
  Tally tally;
  std::vector<fs::path> cases;
  for (const auto& entry : fs::directory_iterator(root / "testfiles"))
    cases.push_back(entry.path());
  std::sort(cases.begin(), cases.end());
  for (const fs::path& dir : cases) {
    const std::string name = dir.filename().string();
    if (name == "health") {
      // `HEALTHCHECK CONNECT TCP 7000`: a type Docker never implemented; BuildKit's
      // converter rejects it, so berth reports it as a syntax error.
      tally.skip("HEALTHCHECK CONNECT is not a real healthcheck type");
      continue;
    }
    SourceFile source(name, test::read_file((dir / "Dockerfile").string()));
    const Dockerfile model = build_dockerfile(source);
    const std::string expected = test::read_file((dir / "result").string());
    const std::string actual = dump(model, source);
    INFO("testfiles/" << name);
    // Only BuildKit's parser runs on these; errors its converter would raise (unknown flags
    // in testfiles/flags) are out of this test's scope.
    const bool parser_clean = std::none_of(model.errors.begin(), model.errors.end(),
                                           [](const SyntaxError& e) { return !e.converter_level; });
    CHECK(parser_clean);
    CHECK(actual == expected);
    if (parser_clean && actual == expected) {
      ++tally.passed;
    } else {
      ++tally.failed;
    }
  }
  MESSAGE("BuildKit testfiles: " << tally.passed << " passed, " << tally.failed << " failed, "
                                 << tally.skipped << " skipped");
}

TEST_CASE("corpus: BuildKit parser cases (errors, heredocs, directives)") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const fs::path root = fs::path(*shared) / "corpus/peers/buildkit-parser";
  std::ifstream in(root / "cases.jsonl");
  std::string line;
  Tally tally;
  while (std::getline(in, line)) {
    // Non-const: json's const operator[] on a missing key is undefined behaviour.
    json item = json::parse(line);
    const std::string api = item.value("api", "");
    json& expect = item["expect"];
    const std::string id = item.value("source", "") + ":" +
                           (item["line"].is_number()   ? std::to_string(item["line"].get<int>())
                            : item["case"].is_string() ? item["case"].get<std::string>()
                                                       : "");
    if (item["input_kind"] != "dockerfile") {
      tally.skip("a BuildKit helper fed a line fragment, not a Dockerfile");
      continue;
    }
    if (api == "parser.DetectSyntax" || api.starts_with("parser.ParseDirective")) {
      const std::string text = item["dockerfile"];
      if (text.find("//") != std::string::npos || text.starts_with("{") || text.starts_with("#!")) {
        tally.skip("syntax detection for non-Dockerfile frontends (//, JSON, shebang)");
        continue;
      }
      if (!expect.contains("ref") || api.starts_with("parser.ParseDirective")) {
        tally.skip("check directive internals");
        continue;
      }
      SourceFile source("Dockerfile", text);
      const Dockerfile model = build_dockerfile(source);
      std::string ref;
      bool found = false;
      for (const Directive& directive : model.directives) {
        if (directive.name == "syntax") {
          found = true;
          ref = directive.value.substr(0, directive.value.find_first_of(" \t"));
        }
      }
      INFO(id);
      const bool ok = expect.value("ok", false);
      CHECK(found == ok);
      if (ok) CHECK(ref == expect["ref"].get<std::string>());
      (found == ok && (!ok || ref == expect["ref"].get<std::string>())) ? ++tally.passed
                                                                        : ++tally.failed;
      continue;
    }
    if (api == "parser.DirectiveParser.ParseAll") {
      SourceFile source("Dockerfile", item["dockerfile"].get<std::string>());
      const Dockerfile model = build_dockerfile(source);
      const json& wanted = expect["directives"];
      bool same = model.directives.size() == wanted.size();
      for (size_t i = 0; same && i < wanted.size(); ++i) {
        same = model.directives[i].name == lower(wanted[i]["name"].get<std::string>()) &&
               model.directives[i].value == wanted[i]["value"].get<std::string>();
      }
      INFO(id);
      CHECK(same);
      same ? ++tally.passed : ++tally.failed;
      continue;
    }
    const bool converter_error = expect.contains("instruction_error_equals") ||
                                 expect.contains("instruction_error_contains") ||
                                 expect.value("instruction_error", false);
    if (!expect.contains("parse_error") && !expect.contains("heredocs_by_child") &&
        !converter_error && !expect.contains("instruction_error")) {
      tally.skip("instruction converter internals (types, flags) berth does not model");
      continue;
    }
    const std::string text = item["dockerfile"];
    if (text.size() >= 65536) {
      // BuildKit's line scanner has a 64 KiB token limit; berth has none.
      tally.skip("BuildKit's 64 KiB line limit (an implementation limit)");
      continue;
    }
    if (item.value("case", "") == "health") {
      tally.skip("HEALTHCHECK CONNECT is not a real healthcheck type");
      continue;
    }
    if (item.value("source", "").find("TestNilLinter") != std::string::npos) {
      // Only "does not crash" is asserted; building the model is that check.
      SourceFile source("Dockerfile", text);
      (void)build_dockerfile(source);
      ++tally.passed;
      continue;
    }
    SourceFile source("Dockerfile", text);
    const Dockerfile model = build_dockerfile(source);
    bool ok = true;
    INFO(id << "\n" << text.substr(0, 400));
    if (expect.contains("parse_error") || converter_error) {
      // Errors of BuildKit's parser, and its converter's arity and unknown-instruction
      // errors, are all DF001 findings in berth.
      const bool wanted = expect.value("parse_error", false) || converter_error;
      const bool converts = api.find("instructions.") != std::string::npos;
      const bool has_error =
          std::any_of(model.errors.begin(), model.errors.end(),
                      [&](const SyntaxError& e) { return converts || !e.converter_level; });
      CHECK(has_error == wanted);
      ok = has_error == wanted;
    }
    if (expect.contains("heredocs_by_child")) {
      // BuildKit's AST keeps unknown instructions as children; berth keeps them as error
      // regions. Merge both by position to index children the same way.
      std::vector<std::pair<uint32_t, const Instruction*>> children;
      for (const auto& instruction : model.instructions) {
        children.push_back({instruction->span.begin, instruction.get()});
      }
      for (const SyntaxError& error : model.errors) children.push_back({error.span.begin, nullptr});
      std::sort(children.begin(), children.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      for (const json& child : expect["heredocs_by_child"]) {
        const size_t index = child["child"];
        if (index < children.size() && !children[index].second && child["heredocs"].is_null()) {
          continue;  // an unknown instruction: no heredocs on either side
        }
        if (index >= children.size() || !children[index].second) {
          CHECK_MESSAGE(false, "no instruction " << index);
          ok = false;
          continue;
        }
        const Instruction& instruction = *children[index].second;
        const json& heredocs = child["heredocs"];
        const size_t expected_count = heredocs.is_null() ? 0 : heredocs.size();
        CHECK_MESSAGE(instruction.heredocs.size() == expected_count, "child " << index);
        if (instruction.heredocs.size() != expected_count) {
          ok = false;
          continue;
        }
        for (size_t k = 0; k < expected_count; ++k) {
          const json& want = heredocs[k];
          const Heredoc& have = instruction.heredocs[k];
          // BuildKit's content is the raw body; `<<-` stripping happens when it is used.
          const std::string content(source.slice(have.body_span));
          const bool same = have.name == want["name"].get<std::string>() &&
                            content == want["content"].get<std::string>() &&
                            have.expand == want["expand"].get<bool>() &&
                            have.strip_tabs == want["chomp"].get<bool>();
          CHECK_MESSAGE(same, "child " << index << " heredoc " << k << ": name " << have.name
                                       << " content " << go_quote(content) << " expand "
                                       << have.expand << " chomp " << have.strip_tabs);
          ok = ok && same;
        }
      }
    }
    ok ? ++tally.passed : ++tally.failed;
  }
  std::string reasons;
  for (const auto& [reason, count] : tally.skip_reasons) {
    reasons += "\n  " + std::to_string(count) + " skipped: " + reason;
  }
  MESSAGE("BuildKit cases: " << tally.passed << " passed, " << tally.failed << " failed, "
                             << tally.skipped << " skipped" << reasons);
}

TEST_CASE("corpus: BuildKit negative testfiles are syntax errors") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const fs::path root = fs::path(*shared) / "corpus/peers/buildkit-parser/testfiles-negative";
  for (const auto& entry : fs::directory_iterator(root)) {
    SourceFile source(entry.path().filename().string(),
                      test::read_file((entry.path() / "Dockerfile").string()));
    const Dockerfile model = build_dockerfile(source);
    INFO("testfiles-negative/" << entry.path().filename().string());
    CHECK_FALSE(model.errors.empty());
  }
}
