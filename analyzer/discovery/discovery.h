// Which files `berth check` analyses: walks directories (skipping .git, honouring .gitignore
// files and config `exclude` globs) and classifies Dockerfiles and YAML/JSON manifests.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace berth {

enum class FileKind { Dockerfile, Yaml, Other };

// By file name: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile,
// Containerfile.*; *.yaml, *.yml, *.json.
FileKind classify_file_name(std::string_view path);

struct DiscoveredFile {
  DiscoveredFile(std::string path, const std::string& display, FileKind kind);

  std::string path;  // for opening
  FileKind kind = FileKind::Other;
  // As reported: relative to the working directory when below it.
  std::string_view display() const {
    return other_display_ ? std::string_view(*other_display_)
                          : std::string_view(path).substr(display_from_);
  }

 private:
  // The display path is most often the path itself or its end (the path below the working
  // directory), and then not stored twice: a large repository lists many thousands of files.
  std::unique_ptr<const std::string> other_display_;
  uint32_t display_from_ = 0;
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
