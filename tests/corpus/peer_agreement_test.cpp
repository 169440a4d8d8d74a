// Peer agreement: every berth rule with a hadolint, checkov or kube-linter alias is run on
// that peer's own test cases (../shared/corpus/peers), and "berth reports at least one
// finding" is compared with what the peer's test asserts. The peers' cases were written to
// pin down the peers' semantics, so they are the cheapest available second opinion on ours.
//
// Rules with the same peer id run together (DL3064 -> DF301 + DF302): the peer id is one
// check, and any of them reporting counts as berth reporting. Each case counts towards every
// rule it maps to.
//
// A disagreement is accepted only when it is listed in
// tests/corpus/peer-disagreements/<CODE>.txt (of any rule the case maps to), one per line:
//
//   <peer-case-id><TAB><why berth is right, or why the peer's case does not apply>
//
// Blank lines and lines starting with `#` are ignored. Case ids:
//   hadolint:<spec file>:<line>            hadolint:test/Hadolint/Rule/DL3000Spec.hs:13
//   checkov:<fixture_path>                 a Dockerfile row, or a whole-file (`*`) row
//   checkov:<fixture_path>#<resource>      a Kubernetes resource row: `#Pod.default.x`
//                                          (each fixture has one checkov row per check)
//   kube-linter:<bats test>#<report index> a report the bats test asserts
//   kube-linter:<bats test>#<Kind>/<name>  another object of the fixture (kube-linter reports
//                                          nothing on it); `Kind/<namespace>/<name>` when it
//                                          has one, `(2)` appended to a repeated object
// The failure message of an unlisted disagreement prints the id to copy;
// BERTH_PEER_CASES=DF201,K8S103 (or `all`) lists every case of those rules with its outcome.
//
// The test fails on: an unlisted disagreement; a listed one that agrees now, is skipped, or
// names no case of that rule (stale or mistyped); and a rule under 95% agreement when listed
// disagreements count as agreeing. The table (MESSAGE) also shows the raw agreement.
//
// Peer semantics (see the READMEs next to the data):
// - hadolint: `ruleCatches*` cases; the harness appends "\n", and the onBuild* helpers wrap
//   every RUN in ONBUILD. Cases whose hadolint `config` berth cannot express are skipped
//   (only `allowedRegistries`, which is config `trusted-registries`, is).
// - checkov: one row per asserted resource outcome. Dockerfile resources are instruction
//   kinds (`/dir/Dockerfile.EXPOSE`), whole-file results end in `.`. A FAILED resource row
//   needs a berth finding on an instruction of that kind; a FAILED whole-file row any finding
//   in the file; a PASSED row no finding on that instruction kind, or none in the file when
//   checkov fails nothing in it. Kubernetes resources are `Kind.namespace.name` (namespace
//   `default` when unset), compared with the object a finding is on. Rows whose test patches
//   the environment are skipped. `file_path_contains_*` rows are whole-file outcomes.
// - kube-linter: each bats test lints one fixture with one check and asserts the reports (and
//   usually their exact count). A report is matched to an object berth reports on: by kind and
//   name when the row has a name, else by kind alone (never to an object named `dont-fire*`,
//   kube-linter's name for objects that must not be reported). When the asserted count is
//   exact and every report has a row, the fixture's other objects of the reported kinds (and
//   any object berth reports) are cases that expect no finding. Runs that mix several checks
//   or use custom checks from a --config file are skipped.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "analyzer/config/config.h"
#include "analyzer/dockerfile/model.h"
#include "analyzer/engine/analyze.h"
#include "analyzer/kubernetes/model.h"
#include "rules/registry.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;
using namespace berth;
using nlohmann::json;

namespace {

constexpr double kRequiredAgreement = 0.95;
const std::vector<std::string> kPeers = {"hadolint", "checkov", "kube-linter"};

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

// ---- Aliases ---------------------------------------------------------------------------------

// Which berth rules each peer id maps to, from the rule metadata (the only source of truth).
struct AliasIndex {
  std::map<std::pair<std::string, std::string>, std::vector<std::string>> codes;
  std::vector<std::string> mapped_rules;                     // catalogue order
  std::map<std::string, std::vector<std::string>> peer_ids;  // code -> "DL3009", "CKV_DOCKER_5"

  const std::vector<std::string>* find(const std::string& tool, const std::string& id) const {
    const auto it = codes.find({tool, id});
    return it == codes.end() ? nullptr : &it->second;
  }
};

AliasIndex build_alias_index() {
  AliasIndex index;
  for (const Rule* rule : rules::catalogue()) {
    const RuleInfo& info = rule->info();
    const std::string code(info.code);
    for (const PeerAlias& alias : info.aliases) {
      const std::string tool(alias.tool);
      if (std::find(kPeers.begin(), kPeers.end(), tool) == kPeers.end()) continue;
      auto& codes = index.codes[{tool, std::string(alias.id)}];
      if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
      if (index.peer_ids[code].empty()) index.mapped_rules.push_back(code);
      index.peer_ids[code].push_back(std::string(alias.id));
    }
  }
  return index;
}

// ---- Cases -----------------------------------------------------------------------------------

struct Case {
  std::string peer;     // hadolint, checkov, kube-linter
  std::string peer_id;  // DL3006, CKV_DOCKER_7, privileged-container
  std::string id;       // as written in peer-disagreements/<CODE>.txt
  std::vector<std::string> rules;
  bool expect_finding = false;
  bool berth_finding = false;
  bool skipped = false;
  std::string skip_reason;
  std::string text;      // what the peer checks: snippet, or fixture and object
  std::string findings;  // what berth reported, for the failure message

  bool agrees() const { return expect_finding == berth_finding; }
};

struct Collected {
  std::vector<Case> cases;
  // peer -> peer id -> number of cases no berth rule maps to (yet)
  std::map<std::string, std::map<std::string, size_t>> unmapped;
  std::set<std::string> seen_ids;  // peer:peer_id:case id, to drop repeated rows

  void add(Case c) {
    if (!seen_ids.insert(c.peer_id + "\t" + c.id).second) return;
    cases.push_back(std::move(c));
  }
};

// ---- Running berth ---------------------------------------------------------------------------

// RuleSets keep pointers to their Config, so configs live in a deque (stable addresses).
class Engine {
 public:
  const RuleSet& rules(const std::vector<std::string>& codes, const Config* config = nullptr,
                       const std::string& config_key = "") {
    const std::string key = join(codes, ",") + "|" + config_key;
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    if (config) {
      configs_.push_back(*config);
    } else {
      configs_.emplace_back();
    }
    RuleSelection selection;
    selection.only = codes;
    auto resolved = RuleSet::resolve(rules::catalogue(), configs_.back(), selection);
    if (auto* error = std::get_if<std::string>(&resolved)) FAIL(*error);
    return cache_.emplace(key, std::get<RuleSet>(std::move(resolved))).first->second;
  }

  // The whole scan pipeline, so cross-resource rules see the fixture set as the peer does.
  std::vector<Finding> scan_paths(const std::vector<std::string>& paths, const RuleSet& set) {
    ScanInput input;
    input.paths = paths;
    input.jobs = 1;
    return keep_rules(scan(input, set).findings.to_vector(), set);
  }

  // Only the selected rules: engine-reported ones (BR003, ...) say nothing about the peer's check.
  static std::vector<Finding> keep_rules(std::vector<Finding> findings, const RuleSet& set) {
    std::erase_if(findings, [&](const Finding& f) { return !set.find(f.rule->code); });
    return findings;
  }

 private:
  std::deque<Config> configs_;
  std::map<std::string, RuleSet> cache_;
};

std::string describe(const Finding& finding) {
  std::ostringstream out;
  out << finding.rule->code << " " << finding.path << ":" << finding.start.line << ":"
      << finding.start.column << ": " << finding.message;
  if (!finding.logical.empty()) {
    out << " [" << finding.logical.kind << " " << finding.logical.namespace_ << "/"
        << finding.logical.name << "]";
  }
  return out.str();
}

std::string describe(const std::vector<const Finding*>& findings) {
  if (findings.empty()) return "  (no finding)\n";
  std::string out;
  for (const Finding* finding : findings) out += "  " + describe(*finding) + "\n";
  return out;
}

std::string describe(const std::vector<Finding>& findings) {
  std::vector<const Finding*> pointers;
  for (const Finding& finding : findings) pointers.push_back(&finding);
  return describe(pointers);
}

std::string absolute(const std::string& path) {
  return fs::absolute(path).lexically_normal().string();
}

// ---- hadolint --------------------------------------------------------------------------------

// `def { allowedRegistries = ["a", "b"] }` is berth's `trusted-registries`; any other
// non-default hadolint configuration (label schemas, strict labels) has no berth equivalent.
std::optional<std::vector<std::string>> hadolint_registries(const std::string& config) {
  static const std::regex pattern(
      R"(^\s*def\s*\{\s*allowedRegistries\s*=\s*\[([^\]]*)\]\s*\}\s*$)");
  static const std::regex quoted("\"([^\"]*)\"");
  std::smatch match;
  if (!std::regex_match(config, match, pattern)) return std::nullopt;
  std::vector<std::string> registries;
  const std::string list = match[1];
  for (auto it = std::sregex_iterator(list.begin(), list.end(), quoted);
       it != std::sregex_iterator(); ++it) {
    registries.push_back((*it)[1]);
  }
  return registries;
}

// hadolint's onBuild* helpers wrap every RUN instruction in ONBUILD; berth's parser finds them
// so continuation lines and heredoc bodies that start with "RUN" are left alone.
std::string wrap_runs_in_onbuild(const std::string& text) {
  SourceFile source("Dockerfile", text);
  const dockerfile::Dockerfile model = dockerfile::build_dockerfile(source);
  std::vector<uint32_t> starts;
  for (const auto& instruction : model.instructions) {
    if (instruction->kind == dockerfile::InstructionKind::Run) {
      starts.push_back(instruction->keyword_span.begin);
    }
  }
  std::string out = text;
  for (auto it = starts.rbegin(); it != starts.rend(); ++it) out.insert(*it, "ONBUILD ");
  return out;
}

void collect_hadolint(const fs::path& peers, const AliasIndex& aliases, Engine& engine,
                      Collected& out) {
  std::ifstream in(peers / "hadolint/cases.jsonl");
  REQUIRE_MESSAGE(in.good(), "cannot read " << (peers / "hadolint/cases.jsonl").string());
  std::string line;
  size_t total = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    ++total;
    const json row = json::parse(line);
    const std::string rule = row.at("rule").get<std::string>();
    const std::vector<std::string>* codes = aliases.find("hadolint", rule);
    if (!codes) {
      ++out.unmapped["hadolint"][rule];
      continue;
    }
    Case c;
    c.peer = "hadolint";
    c.peer_id = rule;
    c.id = "hadolint:" + row.at("spec").get<std::string>() + ":" +
           std::to_string(row.at("line").get<int>());
    c.rules = *codes;
    c.expect_finding = row.at("expect").get<std::string>() == "catch";
    std::string text = row.at("dockerfile").get<std::string>() + "\n";
    const bool onbuild = row.value("onbuild", false);
    if (onbuild) text = wrap_runs_in_onbuild(text);
    c.text = "hadolint " + rule + " " + row.at("helper").get<std::string>() + " \"" +
             row.value("description", "") + "\"" + (onbuild ? " (RUN wrapped in ONBUILD)" : "") +
             "\n" + text;

    Config config;
    std::string config_key;
    if (!row.at("config").is_null()) {
      const std::string hadolint_config = row.at("config").get<std::string>();
      const auto registries = hadolint_registries(hadolint_config);
      if (!registries) {
        c.skipped = true;
        c.skip_reason = "hadolint config not expressible in berth: " + hadolint_config;
        out.add(std::move(c));
        continue;
      }
      config.trusted_registries = *registries;
      config_key = join(*registries, ",");
      c.text = "hadolint config " + hadolint_config + "\n" + c.text;
    }
    const RuleSet& set = engine.rules(c.rules, &config, config_key);
    SourceFile source("Dockerfile", text);
    const std::vector<Finding> findings =
        Engine::keep_rules(analyze_source(source, FileKind::Dockerfile, set), set);
    c.berth_finding = !findings.empty();
    c.findings = describe(findings);
    out.add(std::move(c));
  }
  CHECK_MESSAGE(total > 1000, "hadolint cases.jsonl looks truncated: " << total << " cases");
}

// ---- TSV -------------------------------------------------------------------------------------

using TsvRow = std::map<std::string, std::string>;

std::vector<TsvRow> read_tsv(const fs::path& path) {
  std::ifstream in(path);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path.string());
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line, '\t');
  std::vector<TsvRow> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    const std::vector<std::string> cells = split(line, '\t');
    TsvRow row;
    for (size_t i = 0; i < header.size(); ++i) row[header[i]] = i < cells.size() ? cells[i] : "";
    rows.push_back(std::move(row));
  }
  return rows;
}

// ---- Kubernetes objects ----------------------------------------------------------------------

// An object of a scanned manifest, copied out of the model (the trees die with the file).
struct ObjectRef {
  std::string path;  // absolute
  size_t document = 0;
  int list_item = -1;
  std::string kind, namespace_, name;
  Span span;
  std::string text;  // the object's document, for failure messages

  std::string ns_key() const { return namespace_.empty() ? "default" : namespace_; }
  std::string label() const {
    return namespace_.empty() ? kind + "/" + name : kind + "/" + namespace_ + "/" + name;
  }
  bool same(const ObjectRef& other) const {
    return path == other.path && document == other.document && list_item == other.list_item;
  }
};

// The objects of every manifest the scan of `paths` analyses.
std::vector<ObjectRef> objects_under(const std::vector<std::string>& paths) {
  std::vector<ObjectRef> objects;
  for (const DiscoveredFile& file : discover_files(paths, {}).files) {
    if (file.kind != FileKind::Yaml) continue;
    SourceFile source(absolute(file.path), test::read_file(file.path));
    const k8s::ManifestFile manifest = k8s::build_manifest(source);
    for (const k8s::Object& object : manifest.objects) {
      ObjectRef ref{source.path(),
                    object.document,
                    object.list_item,
                    object.kind,
                    object.namespace_,
                    object.name,
                    {},
                    {}};
      const Span document = manifest.stream.documents[object.document].span;
      ref.span = object.node ? object.node->span : document;
      ref.text = std::string(source.slice(document));
      objects.push_back(std::move(ref));
    }
  }
  return objects;
}

// The object a finding is on: by its logical location (same file), told apart by span when
// several objects share kind/namespace/name; by span alone when the rule left it empty.
const ObjectRef* object_of(const Finding& finding, const std::vector<ObjectRef>& objects) {
  const std::string path = absolute(finding.path);
  const ObjectRef* by_span = nullptr;
  std::vector<const ObjectRef*> by_logical;
  for (const ObjectRef& object : objects) {
    if (object.path != path) continue;
    const bool contains = object.span.contains(finding.span.begin);
    if (contains && (!by_span || by_span->span.contains(object.span))) by_span = &object;
    if (!finding.logical.empty() && object.kind == finding.logical.kind &&
        object.name == finding.logical.name &&
        object.ns_key() ==
            (finding.logical.namespace_.empty() ? "default" : finding.logical.namespace_)) {
      by_logical.push_back(&object);
    }
  }
  if (by_logical.empty()) return by_span;
  for (const ObjectRef* object : by_logical) {
    if (object == by_span) return object;
  }
  return by_logical.front();
}

// ---- checkov ---------------------------------------------------------------------------------

struct CheckovFixture {
  std::string instruction;             // Dockerfile: "EXPOSE", "" for a whole-file result
  std::string kind, namespace_, name;  // Kubernetes resource
};

// `/failure/Dockerfile.simple.RUN` for fixture `.../failure/Dockerfile.simple` -> "RUN".
std::string dockerfile_resource_instruction(const std::string& fixture,
                                            const std::string& resource) {
  const fs::path path(fixture);
  const std::string prefix =
      "/" + path.parent_path().filename().string() + "/" + path.filename().string() + ".";
  if (resource.starts_with(prefix)) return resource.substr(prefix.size());
  const size_t dot = resource.rfind('.');
  return dot == std::string::npos ? "" : resource.substr(dot + 1);
}

// The top-level instruction (ONBUILD counts as itself) a finding starts in; "" when none.
std::string instruction_at(const dockerfile::Dockerfile& model, uint32_t offset) {
  for (const auto& instruction : model.instructions) {
    if (instruction->span.contains(offset)) return std::string(instruction->keyword);
  }
  return "";
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

void collect_checkov(const fs::path& peers, const AliasIndex& aliases, Engine& engine,
                     Collected& out) {
  const fs::path root = peers / "checkov";
  const std::vector<TsvRow> rows = read_tsv(root / "expectations.tsv");
  CHECK_MESSAGE(rows.size() > 100, "checkov expectations.tsv looks truncated");
  std::map<std::string, std::string> fixture_dir_of_test;
  for (const TsvRow& row : read_tsv(root / "expectations_summary.tsv")) {
    fixture_dir_of_test[row.at("test")] = row.at("fixture_dir");
  }
  // Which fixture files checkov fails anything in, per check: a PASSED row of such a file
  // only speaks for its own resource.
  std::set<std::pair<std::string, std::string>> failing_files;
  for (const TsvRow& row : rows) {
    if (row.at("expected") == "FAILED") {
      failing_files.insert({row.at("check_id"), row.at("fixture_path")});
    }
  }
  std::map<std::string, std::vector<Finding>> scans;      // codes + paths -> findings
  std::map<std::string, std::vector<ObjectRef>> objects;  // paths -> objects

  for (const TsvRow& row : rows) {
    const std::string& check = row.at("check_id");
    const std::vector<std::string>* codes = aliases.find("checkov", check);
    if (!codes) {
      ++out.unmapped["checkov"][check];
      continue;
    }
    const std::string& fixture = row.at("fixture_path");
    const std::string& resource = row.at("resource_or_location");
    const std::string& basis = row.at("basis");
    const bool dockerfile = fixture.starts_with("tests/dockerfile/");
    const bool whole_file =
        basis.starts_with("file_path_contains") || (dockerfile && resource.ends_with("."));
    Case c;
    c.peer = "checkov";
    c.peer_id = check;
    // Every fixture has one outcome per check, so a Dockerfile (or whole-file) row is named
    // by its file; a Kubernetes resource row adds the object.
    c.id = "checkov:" + fixture + (whole_file || dockerfile ? "" : "#" + resource);
    c.rules = *codes;
    c.expect_finding = row.at("expected") == "FAILED";
    c.text = "checkov " + check + " " + row.at("expected") + " " + resource + " (" + basis + ", " +
             row.at("test") + ")\n";
    if (!row.at("env").empty()) {
      c.skipped = true;
      c.skip_reason = "the checkov test patches the environment: " + row.at("env");
      out.add(std::move(c));
      continue;
    }
    std::vector<std::string> files;
    for (const std::string& file : split(fixture, ','))
      files.push_back(absolute((root / file).string()));
    // checkov scans the test's whole fixture directory; berth does the same so that
    // cross-resource rules see the same set.
    std::string scan_root;
    if (dockerfile) {
      scan_root = files.front();
    } else {
      const auto dir = fixture_dir_of_test.find(row.at("test"));
      scan_root = dir != fixture_dir_of_test.end() ? absolute((root / dir->second).string())
                                                   : fs::path(files.front()).parent_path().string();
    }
    const std::string scan_key = join(c.rules, ",") + "|" + scan_root;
    if (!scans.count(scan_key)) {
      scans[scan_key] = engine.scan_paths({scan_root}, engine.rules(c.rules));
    }
    std::vector<const Finding*> in_files;
    for (const Finding& finding : scans[scan_key]) {
      if (std::find(files.begin(), files.end(), absolute(finding.path)) != files.end()) {
        in_files.push_back(&finding);
      }
    }

    std::vector<const Finding*> relevant;
    if (dockerfile) {
      const std::string text = test::read_file(files.front());
      c.text += text;
      const std::string instruction = dockerfile_resource_instruction(fixture, resource);
      const bool file_level =
          whole_file || (!c.expect_finding && !failing_files.count({check, fixture}));
      if (file_level) {
        relevant = in_files;
      } else {
        SourceFile source(files.front(), text);
        const dockerfile::Dockerfile model = dockerfile::build_dockerfile(source);
        for (const Finding* finding : in_files) {
          if (upper(instruction_at(model, finding->span.begin)) == upper(instruction)) {
            relevant.push_back(finding);
          }
        }
      }
    } else if (whole_file) {
      relevant = in_files;
      for (const std::string& file : files) c.text += "--- " + file + "\n" + test::read_file(file);
    } else {
      if (!objects.count(scan_root)) objects[scan_root] = objects_under({scan_root});
      const std::vector<std::string> parts = split(resource, '.');
      if (parts.size() < 3) {
        c.skipped = true;
        c.skip_reason = "unreadable checkov resource id " + resource;
        out.add(std::move(c));
        continue;
      }
      const std::string kind = parts[0], ns = parts[1];
      const std::string name = resource.substr(kind.size() + ns.size() + 2);
      for (const ObjectRef& object : objects[scan_root]) {
        if (std::find(files.begin(), files.end(), object.path) != files.end() &&
            object.kind == kind && object.ns_key() == ns && object.name == name) {
          c.text += "--- " + object.path + "\n" + object.text + "\n";
        }
      }
      for (const Finding* finding : in_files) {
        const ObjectRef* object = object_of(*finding, objects[scan_root]);
        if (object && object->kind == kind && object->ns_key() == ns && object->name == name) {
          relevant.push_back(finding);
        }
      }
    }
    c.berth_finding = !relevant.empty();
    c.findings = describe(c.berth_finding ? relevant : in_files);
    if (!c.berth_finding && !in_files.empty())
      c.findings = "  (none on it; elsewhere:)\n" + c.findings;
    out.add(std::move(c));
  }
}

// ---- kube-linter -----------------------------------------------------------------------------

void collect_kube_linter(const fs::path& peers, const AliasIndex& aliases, Engine& engine,
                         Collected& out) {
  const fs::path root = peers / "kube-linter";
  const std::vector<TsvRow> rows = read_tsv(root / "expectations.tsv");
  CHECK_MESSAGE(rows.size() > 100, "kube-linter expectations.tsv looks truncated");
  // One bats test = one kube-linter run; its rows are that run's reports.
  std::vector<std::string> tests;
  std::map<std::string, std::vector<const TsvRow*>> by_test;
  for (const TsvRow& row : rows) {
    if (!by_test.count(row.at("bats_test"))) tests.push_back(row.at("bats_test"));
    by_test[row.at("bats_test")].push_back(&row);
  }

  for (const std::string& test_name : tests) {
    const std::vector<const TsvRow*>& reports = by_test[test_name];
    const TsvRow& first = *reports.front();
    const std::string& check = first.at("check_name");
    std::vector<std::string> codes;
    for (const std::string& name : split(check, ',')) {
      if (const auto* mapped = aliases.find("kube-linter", name)) {
        for (const std::string& code : *mapped) {
          if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
        }
      }
    }
    if (codes.empty()) {
      out.unmapped["kube-linter"][check] += reports.size();
      continue;
    }
    auto base_case = [&]() {
      Case c;
      c.peer = "kube-linter";
      c.peer_id = check;
      c.rules = codes;
      return c;
    };
    const bool several_checks = check.find(',') != std::string::npos;
    if (several_checks || !first.at("config").empty()) {
      for (const TsvRow* report : reports) {
        Case c = base_case();
        c.id = "kube-linter:" + test_name + "#" + report->at("report_index");
        c.expect_finding = true;
        c.skipped = true;
        c.skip_reason = several_checks ? "the run mixes several checks"
                                       : "the run uses custom checks from " + first.at("config");
        out.add(std::move(c));
      }
      continue;
    }

    const std::string fixture = absolute((root / first.at("fixture_path")).string());
    const std::vector<Finding> findings = engine.scan_paths({fixture}, engine.rules(codes));
    const std::vector<ObjectRef> objects = objects_under({fixture});
    std::map<size_t, std::vector<const Finding*>> flagged;  // object index -> findings
    std::vector<const Finding*> unattributed;
    for (const Finding& finding : findings) {
      const ObjectRef* object = object_of(finding, objects);
      if (object) {
        flagged[static_cast<size_t>(object - objects.data())].push_back(&finding);
      } else {
        unattributed.push_back(&finding);
      }
    }
    const std::string unattributed_text =
        unattributed.empty() ? "" : "  findings on no object:\n" + describe(unattributed);
    std::set<size_t> used;  // objects taken by a report, or reserved for an unmatched one

    // kube-linter's fixtures name the objects that must not be reported `dont-fire*`: an
    // unnamed report is never matched to one of them.
    auto fires = [&](size_t i) { return !objects[i].name.starts_with("dont-fire"); };
    auto match = [&](const TsvRow& report, bool want_flagged) -> std::optional<size_t> {
      const std::string& name = report.at("object_name");
      for (size_t i = 0; i < objects.size(); ++i) {
        if (used.count(i) || objects[i].kind != report.at("object_kind")) continue;
        if (flagged.count(i) != static_cast<size_t>(want_flagged)) continue;
        if (name.empty() ? fires(i) : objects[i].name == name) return i;
      }
      return std::nullopt;
    };
    std::vector<const TsvRow*> ordered = reports;  // named reports first: they are exact
    std::stable_partition(ordered.begin(), ordered.end(),
                          [](const TsvRow* r) { return !r->at("object_name").empty(); });
    std::set<std::string> kinds;
    for (const TsvRow* report : ordered) {
      kinds.insert(report->at("object_kind"));
      Case c = base_case();
      c.id = "kube-linter:" + test_name + "#" + report->at("report_index");
      c.expect_finding = true;
      c.text = "kube-linter " + check + " report " + report->at("report_index") + " on " +
               report->at("object_kind") +
               (report->at("object_name").empty() ? "" : "/" + report->at("object_name")) + ": " +
               report->at("expected_message") + "\n  fixture " + first.at("fixture_path") + "\n";
      std::optional<size_t> hit = match(*report, true);
      c.berth_finding = hit.has_value();
      if (!hit) hit = match(*report, false);  // reserved: not also counted as a pass case
      if (hit) {
        used.insert(*hit);
        c.text += "--- " + objects[*hit].label() + "\n" + objects[*hit].text + "\n";
        c.findings = c.berth_finding ? describe(flagged[*hit]) : "  (no finding on it)\n";
      } else {
        c.findings = "  (no object of that kind and name berth could match)\n";
      }
      c.findings += unattributed_text;
      out.add(std::move(c));
    }

    // The rest of the fixture is what kube-linter does not report, when the test pins the
    // report count and every report has a row.
    const std::string& count = first.at("expected_report_count");
    const bool complete = !count.empty() &&
                          std::all_of(count.begin(), count.end(),
                                      [](unsigned char ch) { return std::isdigit(ch) != 0; }) &&
                          std::stoul(count) == reports.size();
    if (!complete) continue;
    for (const auto& [i, _] : flagged) kinds.insert(objects[i].kind);
    std::map<std::string, int> seen_labels;
    for (size_t i = 0; i < objects.size(); ++i) {
      if (used.count(i) || !kinds.count(objects[i].kind)) continue;
      Case c = base_case();
      const std::string label = objects[i].label();
      const int repeat = ++seen_labels[label];
      c.id = "kube-linter:" + test_name + "#" + label +
             (repeat > 1 ? "(" + std::to_string(repeat) + ")" : "");
      c.expect_finding = false;
      c.berth_finding = flagged.count(i) > 0;
      c.text = "kube-linter " + check + " reports nothing on " + label + "\n  fixture " +
               first.at("fixture_path") + "\n" + objects[i].text + "\n";
      c.findings = c.berth_finding ? describe(flagged[i]) : "  (no finding)\n";
      out.add(std::move(c));
    }
  }
}

// ---- Listed disagreements --------------------------------------------------------------------

struct Listing {
  std::map<std::string, std::string> reasons;  // case id -> reason
  std::vector<std::string> errors;
};

Listing read_listing(const fs::path& path) {
  Listing listing;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.starts_with("#")) continue;
    const size_t tab = line.find('\t');
    std::string reason = tab == std::string::npos ? "" : line.substr(tab + 1);
    reason.erase(0, reason.find_first_not_of(" \t"));
    if (reason.empty()) {
      listing.errors.push_back(path.filename().string() + ":" + std::to_string(number) +
                               ": expected `<peer-case-id><TAB><reason>`, got: " + line);
      continue;
    }
    listing.reasons[line.substr(0, tab)] = reason;
  }
  return listing;
}

struct RuleStats {
  size_t cases = 0, agree = 0, disagree = 0, listed = 0, skipped = 0;
  std::map<std::string, const Case*> cases_by_id;  // this rule's cases
};

std::string percent(size_t part, size_t whole) {
  if (whole == 0) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << 100.0 * static_cast<double>(part) / whole << "%";
  return out.str();
}

}  // namespace

TEST_CASE("corpus: peer agreement on the hadolint/checkov/kube-linter test cases") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const fs::path peers = fs::path(*shared) / "corpus/peers";
  const fs::path listings = fs::path(test::source_dir()) / "tests/corpus/peer-disagreements";

  const AliasIndex aliases = build_alias_index();
  Engine engine;
  Collected collected;
  collect_hadolint(peers, aliases, engine, collected);
  collect_checkov(peers, aliases, engine, collected);
  collect_kube_linter(peers, aliases, engine, collected);

  std::map<std::string, Listing> listed;
  for (const std::string& code : aliases.mapped_rules) {
    listed[code] = read_listing(listings / (code + ".txt"));
    for (const std::string& error : listed[code].errors) FAIL_CHECK(error);
  }
  // A listing for a rule that is not (yet) in the catalogue or has no peer alias here: said,
  // not failed, while rules are still landing one by one.
  if (fs::is_directory(listings)) {
    for (const auto& entry : fs::directory_iterator(listings)) {
      const std::string code = entry.path().stem().string();
      if (entry.path().extension() == ".txt" && !listed.count(code)) {
        MESSAGE("peer-disagreements/" << entry.path().filename().string() << ": no registered rule "
                                      << code
                                      << " with a hadolint/checkov/kube-linter alias; ignored");
      }
    }
  }

  std::map<std::string, RuleStats> stats;
  for (const Case& c : collected.cases) {
    std::string listed_reason;
    for (const std::string& code : c.rules) {
      const auto& reasons = listed[code].reasons;
      if (auto it = reasons.find(c.id); it != reasons.end()) listed_reason = it->second;
    }
    for (const std::string& code : c.rules) {
      RuleStats& s = stats[code];
      ++s.cases;
      s.cases_by_id.emplace(c.id, &c);
      if (c.skipped) {
        ++s.skipped;
      } else if (c.agrees()) {
        ++s.agree;
      } else {
        ++s.disagree;
        if (!listed_reason.empty()) ++s.listed;
      }
    }
    if (c.skipped || c.agrees() || !listed_reason.empty()) continue;
    // Built as one string: doctest prints a `const char*` operand as a pointer.
    std::ostringstream message;
    message << join(c.rules, "+") << " disagrees with " << c.peer << " " << c.peer_id
            << ": the peer expects " << (c.expect_finding ? "a finding" : "no finding")
            << ", berth reports " << (c.berth_finding ? "one" : "none") << "\n  case " << c.id
            << "\n--- case ---\n"
            << c.text << "\n--- berth ---\n"
            << c.findings << "If berth is right, add a line `" << c.id
            << "<TAB><reason>` to tests/corpus/peer-disagreements/" << c.rules.front() << ".txt";
    FAIL_CHECK(message.str());
  }

  // Listed entries must still name a disagreeing case of that rule.
  for (const auto& [code, listing] : listed) {
    for (const auto& [id, reason] : listing.reasons) {
      const auto& cases = stats[code].cases_by_id;
      const auto it = cases.find(id);
      const Case* c = it == cases.end() ? nullptr : it->second;
      if (!c) {
        FAIL_CHECK("peer-disagreements/" << code << ".txt lists " << id
                                         << ", which is no peer case of " << code);
      } else if (c->skipped) {
        FAIL_CHECK("peer-disagreements/" << code << ".txt lists " << id
                                         << ", which is skipped: " << c->skip_reason);
      } else if (c->agrees()) {
        FAIL_CHECK("peer-disagreements/" << code << ".txt lists " << id
                                         << ", which agrees now: remove the stale entry");
      }
    }
  }

  // BERTH_PEER_CASES=DF201,K8S103 (or `all`) lists every case of those rules with its
  // outcome: where rule engineers find case ids.
  if (const char* wanted = std::getenv("BERTH_PEER_CASES"); wanted && *wanted) {
    const std::vector<std::string> codes = split(wanted, ',');
    auto selected = [&](const Case& c) {
      if (std::string(wanted) == "all") return true;
      return std::any_of(c.rules.begin(), c.rules.end(), [&](const std::string& code) {
        return std::find(codes.begin(), codes.end(), code) != codes.end();
      });
    };
    std::ostringstream list;
    list << "cases (peer expects / berth reports):\n";
    for (const Case& c : collected.cases) {
      if (!selected(c)) continue;
      list << join(c.rules, "+") << "\t" << c.id << "\t"
           << (c.skipped
                   ? "skipped: " + c.skip_reason
                   : std::string(c.expect_finding ? "finding" : "none") + " / " +
                         (c.berth_finding ? "finding" : "none") + (c.agrees() ? "" : "  DISAGREE"))
           << "\n";
    }
    MESSAGE(list.str());
  }

  std::ostringstream table;
  table << "peer agreement (disagreements listed in tests/corpus/peer-disagreements count as "
           "accepted)\n"
        << std::left << std::setw(8) << "rule" << std::setw(38) << "peer ids" << std::right
        << std::setw(6) << "cases" << std::setw(7) << "agree" << std::setw(18)
        << "disagree (listed)" << std::setw(9) << "skipped" << std::setw(10) << "accepted"
        << std::setw(8) << "raw"
        << "\n";
  for (const std::string& code : aliases.mapped_rules) {
    const RuleStats& s = stats[code];
    const size_t evaluated = s.agree + s.disagree;
    std::string ids = join(aliases.peer_ids.at(code), ",");
    if (ids.size() > 36) ids = ids.substr(0, 33) + "...";
    table << std::left << std::setw(8) << code << std::setw(38) << ids << std::right << std::setw(6)
          << s.cases << std::setw(7) << s.agree << std::setw(18)
          << (std::to_string(s.disagree) + " (" + std::to_string(s.listed) + ")") << std::setw(9)
          << s.skipped << std::setw(10) << percent(s.agree + s.listed, evaluated) << std::setw(8)
          << percent(s.agree, evaluated) << "\n";
    if (evaluated > 0) {
      const double accepted = static_cast<double>(s.agree + s.listed) / evaluated;
      if (accepted < kRequiredAgreement) {
        FAIL_CHECK(code << " agrees with its peers on " << percent(s.agree + s.listed, evaluated)
                        << " of " << evaluated << " cases, counting listed disagreements; "
                        << kRequiredAgreement * 100 << "% required");
      }
    }
  }
  for (const std::string& peer : kPeers) {
    const auto& ids = collected.unmapped[peer];
    size_t count = 0;
    std::vector<std::string> names;
    for (const auto& [id, n] : ids) {
      count += n;
      std::string printable = id;  // one hadolint row has a snippet line in its rule field
      std::replace(printable.begin(), printable.end(), '\n', ' ');
      names.push_back(printable + "(" + std::to_string(n) + ")");
    }
    table << "unmapped " << peer << ": " << ids.size() << " ids, " << count << " cases"
          << (names.empty() ? "" : ": " + join(names, " ")) << "\n";
  }
  MESSAGE(table.str());
}
