// DF503 add-instead-of-copy: ADD of local files that COPY would copy the same way.
#include <algorithm>
#include <cctype>

#include "analyzer/dockerfile/model.h"
#include "analyzer/dockerfile/shell.h"
#include "analyzer/engine/rule_context.h"
#include "rules/support/shell_commands.h"

namespace berth::rules {
namespace {

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Sources ADD treats differently from COPY: URLs (DF502's) and git repositories.
bool is_remote(std::string_view lower) {
  return lower.starts_with("http://") || lower.starts_with("https://") ||
         lower.starts_with("git@") || lower.starts_with("git://") || lower.starts_with("ssh://") ||
         lower.find(".git#") != std::string_view::npos || lower.ends_with(".git");
}

// Compressed tar formats ADD extracts (hadolint's list).
bool is_archive(std::string_view lower) {
  static constexpr std::string_view kExtensions[] = {
      ".tar",  ".gz",  ".bz2", ".xz", ".tgz", ".tb2", ".tbz", ".tbz2", ".lz",
      ".lzma", ".tlz", ".txz", ".z",  ".tz",  ".tpz", ".zst", ".tzst"};
  return std::any_of(std::begin(kExtensions), std::end(kExtensions),
                     [&](std::string_view ext) { return lower.ends_with(ext); });
}

class AddInsteadOfCopyRule final : public Rule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo info{
        .code = "DF503",
        .name = "add-instead-of-copy",
        .target = RuleTarget::Dockerfile,
        .severity = Severity::Info,
        .summary = "ADD of a local path that is not an archive to extract",
        .docs = R"md(## What it does
Reports ADD instructions that copy a local file or directory which is not a tar archive
(`.tar`, `.tar.gz`/`.tgz`, `.tar.bz2`, `.tar.xz`, `.zst`, …). Remote URLs are DF502's and
git sources (`git@…`, `….git`) need ADD, so neither is reported. A source whose last path
component is a variable (`ADD ${ARCHIVE} /opt/`) may be an archive and is not reported;
neither is `ADD <<EOF` (heredoc). The finding sits on the first such source.

Note that a `.zip` is *not* extracted by ADD: it is copied as is, so it is reported.

## Why is this bad?
ADD has implicit behaviour: it extracts local tar archives and fetches URLs. For a plain file
it does what COPY does, but a reader must check the source to know which, and a file that
later becomes an archive changes meaning silently. COPY says exactly what happens.

## Example
```dockerfile
FROM alpine:3.20
ADD app.py /app/
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app.py /app/
```

## Options
None.

## References
- [Docker best practices: ADD or COPY](https://docs.docker.com/build/building/best-practices/#add-or-copy)
- hadolint DL3020, Trivy DS-0005, Checkov CKV_DOCKER_4
)md",
        .tags = {"best-practice"},
        .aliases = {{"hadolint", "DL3020"}, {"trivy", "DS-0005"}, {"checkov", "CKV_DOCKER_4"}},
    };
    return info;
  }

  void check_dockerfile(const dockerfile::Dockerfile& file, RuleContext& context) const override {
    auto check = [&](const dockerfile::Instruction& add) {
      if (add.kind != dockerfile::InstructionKind::Add || add.args.size() < 2) return;
      if (!add.heredocs.empty()) return;
      for (size_t i = 0; i + 1 < add.args.size(); ++i) {
        const dockerfile::Word& source = add.args[i];
        // Shell-form words keep their quotes: `ADD "file.tgz" /app/`.
        const std::string lower =
            lowercase(add.json_form ? source.text : dockerfile::unquote_shell_word(source.text));
        if (lower.empty() || lower.starts_with("<<") || is_remote(lower)) continue;
        std::string_view path = lower;
        while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
        const std::string_view last = shell::basename(path);
        if (last.find('$') != std::string_view::npos || is_archive(last)) continue;
        context.report(source.span,
                       "ADD of a local file that is not a tar archive; COPY does the same "
                       "without ADD's implicit extraction and downloads");
        return;
      }
    };
    for (const auto& instruction : file.instructions) {
      check(*instruction);
      if (instruction->onbuild) check(*instruction->onbuild);
    }
  }
};

}  // namespace

const Rule& rule_DF503() {
  static const AddInsteadOfCopyRule rule;
  return rule;
}

}  // namespace berth::rules
