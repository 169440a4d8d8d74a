// The finding log: every field survives encoding, in memory and through the temporary file;
// lists put in any order come back merged in report order, as a stable sort would give them;
// and a scan whose findings are all spilled reports exactly what one kept in memory does.
#include "analyzer/engine/finding_log.h"

#include <doctest/doctest.h>

#include <stdlib.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>
#include <tuple>
#include <variant>
#include <vector>

#include "analyzer/engine/analyze.h"
#include "analyzer/engine/rule.h"
#include "rules/registry.h"
#include "tests/support/test_support.h"

namespace berth {
namespace {

const RuleInfo& rule_info(std::string_view code) {
  for (const Rule* rule : rules::catalogue()) {
    if (rule->info().code == code) return rule->info();
  }
  FAIL("no rule " << code);
  throw;
}

auto fields(const Location& at) {
  return std::make_tuple(at.line, at.column, at.utf16_column, at.offset);
}

// Every field of two findings, compared one by one (Finding has no operator==).
bool same(const Finding& a, const Finding& b) {
  if (std::tie(a.rule, a.severity, a.path, a.source_line, a.message) !=
      std::tie(b.rule, b.severity, b.path, b.source_line, b.message)) {
    return false;
  }
  if (!(a.span == b.span) || fields(a.start) != fields(b.start) || fields(a.end) != fields(b.end))
    return false;
  if (std::tie(a.logical.kind, a.logical.namespace_, a.logical.name, a.logical.container) !=
      std::tie(b.logical.kind, b.logical.namespace_, b.logical.name, b.logical.container)) {
    return false;
  }
  if (a.fix.has_value() != b.fix.has_value()) return false;
  if (a.fix) {
    if (a.fix->title != b.fix->title || a.fix->safe != b.fix->safe ||
        a.fix->edits.size() != b.fix->edits.size()) {
      return false;
    }
    for (size_t i = 0; i < a.fix->edits.size(); ++i) {
      const TextEdit& x = a.fix->edits[i];
      const TextEdit& y = b.fix->edits[i];
      if (!(x.span == y.span) || x.replacement != y.replacement ||
          fields(x.start) != fields(y.start) || fields(x.end) != fields(y.end)) {
        return false;
      }
    }
  }
  if (a.related.size() != b.related.size()) return false;
  for (size_t i = 0; i < a.related.size(); ++i) {
    if (a.related[i].path != b.related[i].path || !(a.related[i].span == b.related[i].span) ||
        a.related[i].message != b.related[i].message) {
      return false;
    }
  }
  return true;
}

void check_same(const std::vector<Finding>& got, const std::vector<Finding>& expected) {
  REQUIRE(got.size() == expected.size());
  for (size_t i = 0; i < got.size(); ++i) {
    INFO("finding " << i << ": " << expected[i].path << " " << expected[i].message);
    CHECK(same(got[i], expected[i]));
  }
}

// Findings that use every field, several paths, and texts of every length class.
std::vector<Finding> varied_findings(size_t count, uint32_t seed) {
  const char* codes[] = {"DF201", "DF301", "K8S201", "DF505"};
  const std::string paths[] = {"a/Dockerfile", "a/deploy.yaml", "b/ünïcode dir/x.yaml",
                               "chart/templates/web.yaml"};
  std::mt19937 random(seed);
  std::vector<Finding> out;
  for (size_t i = 0; i < count; ++i) {
    Finding& finding = out.emplace_back();
    finding.rule = &rule_info(codes[random() % 4]);
    finding.severity = static_cast<Severity>(random() % 3);
    finding.path = paths[random() % 4];
    finding.span = {static_cast<uint32_t>(random() % 5000), static_cast<uint32_t>(5000 + i)};
    finding.start = {static_cast<uint32_t>(1 + random() % 40), static_cast<uint32_t>(1 + i % 7),
                     static_cast<uint32_t>(1 + i % 5), finding.span.begin};
    finding.end = {finding.start.line + static_cast<uint32_t>(random() % 3), 300000, 70000,
                   finding.span.end};
    finding.message = "message " + std::to_string(random() % 50) + std::string(random() % 300, 'm');
    if (random() % 2) finding.source_line = "  RUN apt-get install \t-y curl # é";
    if (random() % 3 == 0) {
      Fix& fix = finding.fix.emplace();
      fix.title = random() % 2 ? "Add --no-install-recommends" : "";
      fix.safe = random() % 2;
      for (size_t e = random() % 3; e > 0; --e) {
        TextEdit& edit = fix.edits.emplace_back();
        edit.span = {static_cast<uint32_t>(e), static_cast<uint32_t>(e * 2)};
        edit.replacement = std::string(e * 40, 'r');
        edit.start = {2, 3, 4, 5};
        edit.end = {6, 7, 8, UINT32_MAX};
      }
    }
    if (random() % 3 == 0) {
      finding.logical = {"Deployment", random() % 2 ? "prod" : "", "web",
                         random() % 2 ? "app" : ""};
    }
    if (random() % 4 == 0) finding.logical.container = "only-a-container";
    for (size_t r = random() % 3; r > 0; --r) {
      finding.related.push_back({r == 1 ? "" : "other.yaml", {1, 9}, "selected here"});
    }
  }
  return out;
}

std::vector<Finding> sorted(std::vector<Finding> findings) {
  sort_findings(findings);
  return findings;
}

TEST_CASE("finding log: every field survives, kept in memory and spilled to a file") {
  const std::vector<Finding> findings = sorted(varied_findings(3000, 7));
  for (const size_t budget : {SIZE_MAX, size_t{0}, size_t{100000}}) {
    INFO("memory budget " << budget);
    FindingLog::Builder builder(1, budget);
    std::vector<Finding> copy = findings;
    builder.put(0, std::move(copy));
    CHECK(copy.empty());  // taken and freed
    const FindingLog log = std::move(builder).finish();
    CHECK(log.size() == findings.size());
    CHECK(log.spilled() == (budget != SIZE_MAX));
    check_same(log.to_vector(), findings);
    // Read twice: reading leaves the log as it was.
    check_same(log.to_vector(), findings);
  }
}

TEST_CASE("finding log: without a temporary file, everything stays in memory and nothing is lost") {
  // createTemporaryFile() honours TMPDIR: point it where no file can be made.
  const char* saved = std::getenv("TMPDIR");
  const std::string previous = saved ? saved : "";
  ::setenv("TMPDIR", "/nonexistent/berth-no-such-directory", 1);
  const std::vector<Finding> findings = sorted(varied_findings(2000, 11));
  FindingLog::Builder builder(1, 0);
  builder.put(0, std::vector<Finding>(findings));
  const FindingLog log = std::move(builder).finish();
  if (saved) {
    ::setenv("TMPDIR", previous.c_str(), 1);
  } else {
    ::unsetenv("TMPDIR");
  }
  CHECK_FALSE(log.spilled());
  check_same(log.to_vector(), findings);
}

TEST_CASE("finding log: lists put in any order come back as a stable sort of them in slot order") {
  // Each slot's list is sorted, but slots overlap (a chart's findings reported in its
  // templates, the cross-resource pass's in every file), some are empty, one is long enough
  // to be cut into chunks, and they arrive in a shuffled order.
  std::vector<std::vector<Finding>> slots;
  for (uint32_t slot = 0; slot < 40; ++slot) {
    slots.push_back(sorted(varied_findings(slot % 5 == 0 ? 0 : 1 + slot * 7 % 60, slot)));
  }
  slots.push_back(sorted(varied_findings(2500, 99)));
  // Twins: equal in report order, told apart by their source line. The earlier slot's
  // comes first.
  for (size_t slot = 1; slot < slots.size(); ++slot) {
    if (slots[slot - 1].empty()) continue;
    Finding twin = slots[slot - 1].front();
    twin.source_line = "twin of slot " + std::to_string(slot - 1);
    slots[slot].push_back(std::move(twin));
    sort_findings(slots[slot]);
  }
  std::vector<Finding> expected;
  for (const std::vector<Finding>& slot : slots) {
    expected.insert(expected.end(), slot.begin(), slot.end());
  }
  std::stable_sort(expected.begin(), expected.end(), report_order);

  for (const size_t budget : {SIZE_MAX, size_t{0}, size_t{50000}}) {
    INFO("memory budget " << budget);
    std::vector<size_t> order(slots.size() - 1);
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), std::mt19937(static_cast<uint32_t>(budget)));
    FindingLog::Builder builder(slots.size() - 1, budget);
    for (size_t slot : order) builder.put(slot, std::vector<Finding>(slots[slot]));
    // The last list arrives in two batches into a slot added afterwards.
    const size_t last = builder.add_slots(1);
    CHECK(last == slots.size() - 1);
    const std::vector<Finding>& tail = slots.back();
    builder.put(last, std::vector<Finding>(tail.begin(), tail.begin() + 1000));
    builder.put(last, std::vector<Finding>(tail.begin() + 1000, tail.end()));
    const FindingLog log = std::move(builder).finish();
    check_same(log.to_vector(), expected);
  }
}

TEST_CASE("finding log: counts per rule and severity, known before reading") {
  const std::vector<Finding> findings = varied_findings(500, 3);
  const FindingLog log(findings);
  size_t total = 0;
  std::optional<Severity> most;
  for (const FindingCount& count : log.counts()) {
    const auto expected = std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.rule == count.rule && f.severity == count.severity;
    });
    CHECK(count.count == static_cast<size_t>(expected));
    total += count.count;
    if (!most || count.severity > *most) most = count.severity;
  }
  CHECK(total == findings.size());
  CHECK(log.most_severe() == most);
  CHECK(std::is_sorted(
      log.counts().begin(), log.counts().end(), [](const FindingCount& a, const FindingCount& b) {
        return std::tie(a.rule->code, a.severity) < std::tie(b.rule->code, b.severity);
      }));
  CHECK_FALSE(FindingLog().most_severe().has_value());
  CHECK(FindingLog().begin() == FindingLog().end());
}

TEST_CASE("finding log: a scan with every finding spilled reports what one in memory does") {
  const Config config;
  auto resolved = RuleSet::resolve(rules::catalogue(), config, {});
  REQUIRE(std::holds_alternative<RuleSet>(resolved));
  const RuleSet& rules = std::get<RuleSet>(resolved);
  ScanInput input;
  input.paths = {test::source_dir() + "/examples"};
  input.jobs = 2;
  const ScanResult in_memory = scan(input, rules);
  input.finding_memory = 0;
  const ScanResult spilled = scan(input, rules);
  CHECK(in_memory.findings.size() > 20);
  CHECK_FALSE(in_memory.findings.spilled());
  CHECK(spilled.findings.spilled());
  check_same(spilled.findings.to_vector(), in_memory.findings.to_vector());
}

}  // namespace
}  // namespace berth
