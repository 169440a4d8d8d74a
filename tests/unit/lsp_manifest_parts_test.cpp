// The language server analyses multi-document manifests one document at a time and keeps the
// analyses of documents an edit did not touch. The claim it rests on: after every edit, the
// findings (per-file and cross-resource) equal those of analysing the whole text from
// scratch, position for position and in the order they are published.
#include <doctest/doctest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "analyzer/engine/analyze.h"
#include "lsp/manifest_parts.h"
#include "lsp/text_sync.h"
#include "rules/registry.h"

using namespace berth;
using namespace berth::lsp;

namespace {

struct Profile {
  Config config;
  RuleSet rules;
  Profile() { rules = std::get<RuleSet>(RuleSet::resolve(rules::catalogue(), config, {})); }
};

std::string describe(const Location& location) {
  return std::to_string(location.line) + ":" + std::to_string(location.column) + "/" +
         std::to_string(location.utf16_column) + "@" + std::to_string(location.offset);
}

// Everything a diagnostic, a code action or a report is built from.
std::string describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string(f.rule ? f.rule->code : "?") + " " + f.path + " " +
           std::to_string(f.span.begin) + "-" + std::to_string(f.span.end) + " " +
           describe(f.start) + " " + describe(f.end) + " [" + f.source_line + "] " + f.message;
    if (f.fix) {
      for (const TextEdit& edit : f.fix->edits) {
        out += " fix " + std::to_string(edit.span.begin) + "-" + std::to_string(edit.span.end) +
               " " + describe(edit.start) + " " + describe(edit.end) + " '" + edit.replacement +
               "'";
      }
    }
    for (const RelatedLocation& related : f.related) {
      out += " related " + related.path + " " + std::to_string(related.span.begin) + "-" +
             std::to_string(related.span.end) + " " + related.message;
    }
    out += " " + f.logical.kind + "/" + f.logical.namespace_ + "/" + f.logical.name + "/" +
           f.logical.container + "\n";
  }
  return out;
}

// The lines only one side has, to keep a failure readable.
std::string difference(const std::string& incremental, const std::string& scratch) {
  auto lines = [](const std::string& text) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < text.size()) {
      const size_t end = text.find('\n', start);
      out.push_back(text.substr(start, end - start));
      start = end == std::string::npos ? text.size() : end + 1;
    }
    return out;
  };
  const std::vector<std::string> a = lines(incremental), b = lines(scratch);
  std::string out;
  for (const std::string& line : a) {
    if (std::find(b.begin(), b.end(), line) == b.end()) out += "incremental only: " + line + "\n";
  }
  for (const std::string& line : b) {
    if (std::find(a.begin(), a.end(), line) == a.end()) out += "scratch only: " + line + "\n";
  }
  if (out.empty() && incremental != scratch) out = "same findings, another order\n";
  return out;
}

std::string cross_of(ClusterCollector& cluster, const RuleSet& rules) {
  const std::vector<DeferredSuppression> saved = cluster.deferred;
  std::vector<Finding> findings = analyze_cluster(cluster, rules);
  cluster.deferred = saved;
  sort_findings(findings);
  return describe(findings);
}

// Another open manifest, so cross-resource findings span files.
const char* kOtherFile =
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata: {name: other, namespace: team}\n"
    "spec:\n"
    "  selector: {app: api}\n"
    "  ports: [{port: 80}]\n";

const char* kManifest =
    "# leading comment\n"
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata:\n"
    "  name: web\n"
    "  namespace: team\n"
    "spec:\n"
    "  replicas: 1\n"
    "  selector: {matchLabels: {app: web}}\n"
    "  template:\n"
    "    metadata: {labels: {app: web}}\n"
    "    spec:\n"
    "      containers:\n"
    "      - name: app\n"
    "        image: nginx:latest\n"
    "        env: [{name: PASSWORD, value: hunter2hunter2}]\n"
    "        securityContext:\n"
    "          privileged: true\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Service\n"
    "metadata: {name: web, namespace: team}\n"
    "spec:\n"
    "  # berth ignore=K8S303\n"
    "  type: NodePort\n"
    "  selector: {app: web}\n"
    "  ports: [{port: 80}]\n"
    "---\n"
    "apiVersion: apps/v1\n"
    "kind: Deployment\n"
    "metadata: {name: api}\n"
    "spec:\n"
    "  replicas: 3\n"
    "  selector: {matchLabels: {app: api}}\n"
    "  template:\n"
    "    metadata: {labels: {app: api}}\n"
    "    spec:\n"
    "      containers: [{name: c, image: \"api:1\"}]\n"
    "---\n"
    "# not kubernetes\n"
    "foo: [1, 2]\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: ConfigMap\n"
    "metadata:\n"
    "  name: cfg\n"
    "  namespace: default\n"
    "  annotations: {berth.dev/ignore: K8S004}\n"
    "data: {password: \"s3cr3t-v4lue-123\"}\n"
    "...\n"
    "---\n"
    "apiVersion: v1\n"
    "kind: Namespace\n"
    "metadata: {name: team}\n";

// Pieces that change the analysis of one document, the document structure, or other documents
// through the cross-resource pass.
const std::vector<std::string> kPieces = {"",
                                          "x",
                                          "\n",
                                          " ",
                                          "  ",
                                          "- ",
                                          ": ",
                                          "#",
                                          "\"",
                                          "{",
                                          "}",
                                          "\xC3\xB6",
                                          "\xF0\x9F\x98\x80",
                                          "---\n",
                                          "\n---\n",
                                          "---",
                                          "...\n",
                                          "# berth ignore=K8S101\n",
                                          "# berth ignore=K8S004,K8S401\n",
                                          "app: api",
                                          "app: web",
                                          "namespace: team\n",
                                          "  namespace: other\n",
                                          "privileged: true",
                                          "image: a:b\n",
                                          "kind: Service\n",
                                          "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n",
                                          "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n"
                                          "metadata: {name: np, namespace: team}\n"
                                          "spec: {podSelector: {}}\n",
                                          "\r\n",
                                          "\r"};

// Pieces after which the file is analysed whole (until they are removed again).
const std::vector<std::string> kFilePieces = {"%YAML 1.2\n",
                                              "# berth ignore-file=K8S605\n",
                                              "# hadolint global ignore=DL3000\n",
                                              "# Source: chart/templates/a.yaml\n",
                                              "{{ .Values.image }}",
                                              "image: {{ .Values.image }}\n",
                                              "{{"};

// Where structured edits go: the start of a line, or a whole line.
uint32_t random_line(std::mt19937& rng, const std::string& text) {
  return static_cast<uint32_t>(rng() % (LineIndex(text).line_count() + 1));
}

struct ModeCounts {
  int by_document = 0;
  int whole_file = 0;
  size_t reparsed = 0;
};

void run_sequence(unsigned seed, int steps, ModeCounts& counts) {
  const Profile profile;
  std::mt19937 rng(seed);
  std::string text = kManifest;
  ManifestParts parts("/w/m.yaml");
  ManifestParts other("/w/other.yaml");
  ClusterCollector cluster;
  other.update(kOtherFile, profile.rules, &cluster);
  for (int step = 0; step < steps; ++step) {
    std::vector<TSInputEdit> edits;  // as the server gets them from the client
    const int changes = 1 + static_cast<int>(rng() % 3);
    for (int c = 0; c < changes; ++c) {
      const uint32_t line_count = LineIndex(text).line_count();
      const int shape = static_cast<int>(rng() % 7);
      Position a{static_cast<uint32_t>(rng() % (line_count + 1)),
                 static_cast<uint32_t>(rng() % 30)};
      Position b = rng() % 3 == 0 ? a
                                  : Position{a.line + static_cast<uint32_t>(rng() % 3),
                                             static_cast<uint32_t>(rng() % 30)};
      std::string piece = rng() % 12 == 0 ? kFilePieces[rng() % kFilePieces.size()]
                                          : kPieces[rng() % kPieces.size()];
      if (whole_file_reason(text) && rng() % 2 == 0) {
        // Take the file back to per-document analysis: remove a line that forced it out.
        const LineIndex lines(text);
        for (uint32_t line = 1; line <= lines.line_count(); ++line) {
          const std::string_view content = lines.line_text(line);
          if (!whole_file_reason(content) && !content.starts_with("%") &&
              content.find("{{") == std::string_view::npos) {
            continue;
          }
          a = {line - 1, 0};
          b = {line, 0};
          piece.clear();
          break;
        }
      } else if (shape == 0) {
        // A whole line replaced (a `---` line removed, a label changed, ...).
        a = {random_line(rng, text), 0};
        b = {a.line + 1, 0};
      } else if (shape == 1) {
        a = b = {random_line(rng, text), 0};  // a line inserted
        if (!piece.ends_with("\n")) piece += "\n";
      } else if (shape == 2 && !text.empty()) {
        // One byte overwritten: the text keeps its size (and the documents theirs, unless
        // the byte was a line break around a `---`), the case where only comparing texts,
        // or the edit's unchanged ends, tells what changed.
        const LineIndex lines(text);
        uint32_t offset = static_cast<uint32_t>(rng() % text.size());
        while (offset > 0 && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80) --offset;
        if (static_cast<unsigned char>(text[offset]) < 0x80) {
          a = position_of(lines, offset, Encoding::Utf16);
          b = position_of(lines, offset + 1, Encoding::Utf16);
          piece = std::string(1, "x\n:-# 1"[rng() % 7]);
        }
      }
      if (b.line < a.line || (b.line == a.line && b.character < a.character)) std::swap(a, b);
      const std::optional<TSInputEdit> edit =
          apply_change(text, Range{a, b}, piece, Encoding::Utf16);
      REQUIRE(edit);
      edits.push_back(*edit);
    }
    auto source = std::make_shared<SourceFile>("/w/m.yaml", text);
    // Most updates know the edits' unchanged ends, as the server's do; some do not, and some
    // are given ends that do not start from the last update's text, which claim that nothing
    // changed (to be ignored, as after an update that failed).
    std::optional<UnchangedEnds> ends;
    if (step % 4 != 0) ends = unchanged_ends(edits, text.size());
    if (ends && step % 7 == 3) ends = UnchangedEnds{ends->previous_size + 1, text.size(), 0};
    const ManifestParts::Stats stats = parts.update(text, profile.rules, &cluster, ends);
    ++(stats.whole_file ? counts.whole_file : counts.by_document);
    counts.reparsed += stats.reparsed;

    // As the server analyses a manifest: with the cross-resource pass to come, so that
    // suppressions of cross-resource rules wait for it.
    ClusterCollector scratch_cluster;
    std::vector<Finding> scratch =
        analyze_source(*source, FileKind::Yaml, profile.rules, &scratch_cluster);
    sort_findings(scratch);
    analyze_source(SourceFile("/w/other.yaml", kOtherFile), FileKind::Yaml, profile.rules,
                   &scratch_cluster);

    INFO("seed " << seed << " step " << step << " (" << stats.parts << " documents, "
                 << stats.analysed << " analysed, whole file: " << stats.whole_file << ")\n"
                 << text);
    const std::string findings = describe(parts.findings(*source));
    const std::string expected = describe(scratch);
    INFO(difference(findings, expected));
    REQUIRE(findings == expected);
    const std::string cross = cross_of(cluster, profile.rules);
    const std::string expected_cross = cross_of(scratch_cluster, profile.rules);
    INFO(difference(cross, expected_cross));
    REQUIRE(cross == expected_cross);
  }
}

}  // namespace

TEST_CASE("lsp parts: random edits of a multi-document manifest match a from-scratch analysis") {
  ModeCounts counts;
  for (unsigned seed = 1; seed <= 24; ++seed) run_sequence(seed, 60, counts);
  // Pieces that force whole-file analysis (a directive, `ignore-file=`, `{{`) tend to stay
  // once typed; most edits must still have been analysed a document at a time.
  MESSAGE("by document: " << counts.by_document << ", whole file: " << counts.whole_file
                          << ", documents reparsed from a kept tree: " << counts.reparsed);
  CHECK(counts.by_document > counts.whole_file);
  // The findings above were compared after incremental reparses too, not only full parses.
  CHECK(counts.reparsed > counts.by_document / 4);
}

TEST_CASE("lsp parts: an edit inside one document re-analyses only that document") {
  const Profile profile;
  ClusterCollector cluster;
  ManifestParts parts("/w/m.yaml");
  std::string text = kManifest;
  ManifestParts::Stats stats = parts.update(text, profile.rules, &cluster);
  CHECK_FALSE(stats.whole_file);
  CHECK(stats.parts == 6);
  CHECK(stats.analysed == 6);        // each once: judged with every other's facts from the start
  CHECK(stats.facts_compared == 0);  // ... which they share: one string, compared by pointer
  const size_t at = text.find("image: nginx:latest");
  text.insert(at + 7, "x");
  stats = parts.update(text, profile.rules, &cluster);
  CHECK(stats.analysed == 1);
  // The next keystroke in the same document edits the tree this one kept.
  text.insert(at + 8, "y");
  stats = parts.update(text, profile.rules, &cluster);
  CHECK(stats.analysed == 1);
  CHECK(stats.reparsed == 1);
  CHECK(stats.compared == 5);  // every other document's text, to find the edited one
  // Told the keystroke's unchanged ends (the server has the client's edits), the documents
  // outside it are kept without reading their texts.
  text.insert(at + 9, "z");
  TSInputEdit keystroke{};
  keystroke.start_byte = keystroke.old_end_byte = static_cast<uint32_t>(at + 9);
  keystroke.new_end_byte = static_cast<uint32_t>(at + 10);
  const UnchangedEnds ends = unchanged_ends({keystroke}, text.size());
  CHECK(ends.previous_size == text.size() - 1);
  CHECK(ends.prefix == at + 9);
  CHECK(ends.suffix == text.size() - 1 - (at + 9));
  stats = parts.update(text, profile.rules, &cluster, ends);
  CHECK(stats.analysed == 1);
  CHECK(stats.compared == 0);
  CHECK(stats.facts_compared == 0);
  // The document's last character before its final line break overwritten (its size and
  // offset stay): the edit's start is inside the document, which is analysed again.
  const size_t marker = text.find("\n---", at) + 1;
  REQUIRE(text[marker - 2] == 'e');  // privileged: true
  text[marker - 2] = 'E';
  TSInputEdit overwrite{};
  overwrite.start_byte = static_cast<uint32_t>(marker - 2);
  overwrite.old_end_byte = overwrite.new_end_byte = static_cast<uint32_t>(marker - 1);
  stats = parts.update(text, profile.rules, &cluster, unchanged_ends({overwrite}, text.size()));
  CHECK(stats.analysed == 1);

  // A new `---` splits a document in two: only the two halves are analysed.
  text.insert(text.find("foo: [1, 2]"), "a: 1\n---\n");
  stats = parts.update(text, profile.rules, &cluster);
  CHECK(stats.parts == 7);
  CHECK(stats.analysed == 2);

  // The file's namespace facts change (the only namespaced object with a namespace loses
  // it... here one more object gains one): every document is judged again (K8S605).
  text.insert(text.find("metadata: {name: api}"), "metadata: {name: api, namespace: x}\n#");
  stats = parts.update(text, profile.rules, &cluster);
  CHECK(stats.analysed == 7);

  // A file-wide suppression: the whole file is analysed as one.
  text.insert(0, "# berth ignore-file=K8S101\n");
  stats = parts.update(text, profile.rules, &cluster);
  CHECK(stats.whole_file);
}
