// Glob semantics shared by .gitignore and config `exclude`.
#include <doctest/doctest.h>

#include <string>

#include "analyzer/discovery/glob.h"

using berth::glob_match;

TEST_CASE("glob: single star stays within a segment") {
  CHECK(glob_match("*.yaml", "a.yaml"));
  CHECK_FALSE(glob_match("*.yaml", "dir/a.yaml"));
  CHECK(glob_match("dir/*.yaml", "dir/a.yaml"));
  CHECK(glob_match("a?c", "abc"));
  CHECK_FALSE(glob_match("a?c", "a/c"));
}

TEST_CASE("glob: double star crosses segments, including none") {
  CHECK(glob_match("**/testdata/**", "x/y/testdata/z.yaml"));
  CHECK(glob_match("**/testdata/**", "testdata/z.yaml"));
  CHECK(glob_match("vendor/**", "vendor/a/b/c"));
  CHECK_FALSE(glob_match("vendor/**", "src/vendor.go"));
  CHECK(glob_match("**/*.yml", "a/b/c.yml"));
  CHECK(glob_match("**/*.yml", "c.yml"));
}

TEST_CASE("glob: classes and escapes") {
  CHECK(glob_match("file[0-9].txt", "file7.txt"));
  CHECK_FALSE(glob_match("file[!0-9].txt", "file7.txt"));
  CHECK(glob_match("a\\*b", "a*b"));
  CHECK_FALSE(glob_match("a\\*b", "axb"));
}

TEST_CASE("glob: hostile patterns finish quickly") {
  const std::string path(2000, 'a');
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", path));
  CHECK_FALSE(glob_match("**/**/**/**/**/**/b", path));
}

#include "analyzer/discovery/discovery.h"

TEST_CASE("discovery: Dockerfile names as real repositories write them") {
  using berth::classify_file_name;
  using berth::FileKind;
  for (const char* name :
       {"Dockerfile", "dockerfile", "Containerfile", "Dockerfile.prod", "Dockerfile-alpine",
        "Dockerfile_19c", "api.Dockerfile", "prod-dockerfile", "build__Dockerfile",
        "x/y/Containerfile.arm64", "samples__app__Dockerfile.alpine"}) {
    CHECK_MESSAGE(classify_file_name(name) == FileKind::Dockerfile, name);
  }
  for (const char* name : {"Dockerfile.template", "Dockerfile.j2", "dockerfile.md", "Dockerfiles",
                           "mydockerfile", "Dockerfile.sh", "README.md"}) {
    CHECK_MESSAGE(classify_file_name(name) != FileKind::Dockerfile, name);
  }
  CHECK(classify_file_name("deploy/app.yaml") == FileKind::Yaml);
  CHECK(classify_file_name("values.yml") == FileKind::Yaml);
}

TEST_CASE("discovery: a file's display path, stored once when it ends its path") {
  using berth::DiscoveredFile;
  using berth::FileKind;
  const DiscoveredFile same("charts/web/values.yaml", "charts/web/values.yaml", FileKind::Yaml);
  CHECK(same.display() == "charts/web/values.yaml");
  const DiscoveredFile below("/home/me/repo/./k8s/app.yaml", "k8s/app.yaml", FileKind::Yaml);
  CHECK(below.path == "/home/me/repo/./k8s/app.yaml");
  CHECK(below.display() == "k8s/app.yaml");
  // Not the end of the path (a normalised "..", a doubled slash): kept as it is.
  const DiscoveredFile other("a/../b//Dockerfile", "b/Dockerfile", FileKind::Dockerfile);
  CHECK(other.display() == "b/Dockerfile");
  CHECK(other.kind == FileKind::Dockerfile);
}
