// Which files `berth check` analyses: walks directories (skipping .git, honouring .gitignore
// files and config `exclude` globs) and classifies Dockerfiles and YAML/JSON manifests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace berth {

enum class FileKind { Dockerfile, Yaml, Other };

// By file name: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile,
// Containerfile.*; *.yaml, *.yml, *.json.
FileKind classify_file_name(std::string_view path);

struct DiscoveredFile {
  std::string path;     // for opening
  std::string display;  // as reported (relative to the working directory when below it)
  FileKind kind = FileKind::Other;
};

struct DiscoveryError {
  std::string path;
  std::string message;
};

struct Discovery {
  std::vector<DiscoveredFile> files;  // sorted by display path, no duplicates
  std::vector<DiscoveryError> errors;
};

// Files named explicitly are always analysed (an unknown name is taken as a Dockerfile unless
// it ends in .yaml/.yml/.json); directories are walked and only recognised names are kept.
Discovery discover_files(const std::vector<std::string>& roots,
                         const std::vector<std::string>& exclude);

// `path` relative to the current directory when it is below it, else unchanged.
std::string display_path(const std::string& path);

}  // namespace berth
