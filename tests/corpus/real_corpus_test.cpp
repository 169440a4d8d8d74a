// Real-world corpus: every Dockerfile and every non-template manifest in ../shared/corpus/real
// parses without an error, except the reviewed allowlist of genuinely invalid files.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "analyzer/dockerfile/model.h"
#include "analyzer/kubernetes/model.h"
#include "tests/support/test_support.h"

namespace fs = std::filesystem;
using namespace berth;

namespace {

// Lines "relative/path  # reason"; blank lines and comments ignored.
std::set<std::string> read_allowlist(const std::string& path) {
  std::set<std::string> entries;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    const size_t hash = line.find('#');
    std::string entry = line.substr(0, hash);
    while (!entry.empty() && std::isspace(static_cast<unsigned char>(entry.back())))
      entry.pop_back();
    if (!entry.empty()) entries.insert(entry);
  }
  return entries;
}

std::vector<fs::path> files_under(const fs::path& root) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("corpus: real Dockerfiles parse without syntax errors") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const fs::path root = fs::path(*shared) / "corpus/real/dockerfiles";
  const auto allowed =
      read_allowlist(test::source_dir() + "/tests/corpus/dockerfile-allowlist.txt");
  size_t total = 0, clean = 0;
  std::set<std::string> failing;
  for (const fs::path& path : files_under(root)) {
    ++total;
    const std::string relative = fs::relative(path, root).string();
    SourceFile source(relative, test::read_file(path.string()));
    const dockerfile::Dockerfile model = dockerfile::build_dockerfile(source);
    if (model.errors.empty()) {
      ++clean;
      CHECK_MESSAGE(!allowed.count(relative), "allowlisted but parses cleanly now: " << relative);
      continue;
    }
    failing.insert(relative);
    const auto& error = model.errors.front();
    CHECK_MESSAGE(allowed.count(relative), relative << ":"
                                                    << source.lines().line_of(error.span.begin)
                                                    << ": " << error.message);
  }
  MESSAGE("real Dockerfiles: " << clean << "/" << total << " parse cleanly");
  CHECK(total > 2000);
}

TEST_CASE("corpus: real manifests parse without YAML errors") {
  auto shared = test::shared_dir();
  if (!shared) return;
  const fs::path root = fs::path(*shared) / "corpus/real/manifests";
  const auto allowed = read_allowlist(test::source_dir() + "/tests/corpus/manifest-allowlist.txt");
  size_t total = 0, clean = 0, templates = 0;
  for (const fs::path& path : files_under(root)) {
    const std::string relative = fs::relative(path, root).string();
    const std::string text = test::read_file(path.string());
    if (k8s::is_helm_template(text)) {
      ++templates;
      continue;
    }
    ++total;
    SourceFile source(relative, text);
    const k8s::ManifestFile manifest = k8s::build_manifest(source);
    bool has_error = false;
    for (const auto& document : manifest.stream.documents) {
      if (!document.errors.empty()) {
        has_error = true;
        CHECK_MESSAGE(allowed.count(relative),
                      relative << ":" << source.lines().line_of(document.errors.front().span.begin)
                               << ": " << document.errors.front().message);
        break;
      }
    }
    if (!has_error) {
      ++clean;
      CHECK_MESSAGE(!allowed.count(relative), "allowlisted but parses cleanly now: " << relative);
    }
  }
  MESSAGE("real manifests: " << clean << "/" << total << " parse cleanly (" << templates
                             << " template files skipped)");
  CHECK(total > 3000);
}
