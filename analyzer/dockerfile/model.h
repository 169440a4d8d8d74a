// The Dockerfile model every DF rule reads: directives, instructions with the span of every
// part, stages with their parent chain and the shipped stage, ARG/ENV scopes with variable
// substitution, and RUN shell text parsed into commands (tree-sitter-bash).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "analyzer/source/source_file.h"

struct TSTree;  // tree_sitter/api.h

namespace berth::dockerfile {

enum class InstructionKind {
  From,
  Run,
  Cmd,
  Label,
  Maintainer,
  Expose,
  Env,
  Add,
  Copy,
  Entrypoint,
  Volume,
  User,
  Workdir,
  Arg,
  Onbuild,
  Stopsignal,
  Healthcheck,
  Shell,
  Unknown
};

std::string_view keyword_of(InstructionKind kind);  // "FROM"

// A piece of source text with its exact span; `text` is the value with quotes and escapes
// removed (for JSON strings and quoted ENV/LABEL values), or the raw text otherwise.
struct Word {
  std::string text;
  Span span;
};

struct Flag {
  std::string name;                  // without "--": "from", "mount", "chmod"
  std::optional<std::string> value;  // nullopt for boolean flags like --link
  Span span;                         // the whole --name=value
  Span value_span;                   // empty when there is no value
};

// `--mount=type=cache,target=/var/cache/apt,sharing=locked`.
struct Mount {
  std::string type = "bind";  // Docker's default mount type
  std::string target;
  std::string source;
  std::string from;
  Span span;
};

struct KeyValue {
  Word key;
  std::optional<Word> value;  // ENV A= has an empty value; ARG A has none
  Span span;                  // key through value
  bool legacy_form = false;   // `ENV KEY value with spaces`
};

struct Heredoc {
  std::string name;         // EOF
  bool strip_tabs = false;  // <<-EOF
  bool expand = true;       // unquoted marker: variables expand
  Span marker_span;         // <<EOF in the instruction line
  Span body_span;           // the body lines, without the terminator
  std::string body;         // the body (tabs stripped for <<-)
};

// One simple command of a shell script, e.g. `apt-get install -y curl`.
struct ShellCommand {
  std::vector<Word> argv;  // argv[0] is the command name; quotes removed
  Span span;               // the whole command in the Dockerfile
  int pipeline = -1;       // commands in one pipeline share this id (-1 when not piped)
  int pipeline_position = 0;
  int list = 0;                  // index of the top-level `&&`/`;` list item it belongs to
  bool in_substitution = false;  // inside $(...) or `...`
  std::string name() const { return argv.empty() ? std::string() : argv[0].text; }
  bool has_arg(std::string_view arg) const;
  // Any argument equal to one of `flags`, or a `--long=value` / short-cluster form of it.
  bool has_flag(std::initializer_list<std::string_view> flags) const;
};

// A shell script from a RUN (shell form or heredoc body) with its commands.
struct ShellScript {
  std::string text;  // continuations joined, comment lines removed
  std::vector<ShellCommand> commands;
  bool has_errors = false;  // tree-sitter-bash could not parse all of it
  // Maps an offset in `text` back to the Dockerfile.
  uint32_t source_offset(uint32_t script_offset) const;
  struct Segment {
    uint32_t script_begin, source_begin, length;
  };
  std::vector<Segment> segments;
};

struct Instruction {
  InstructionKind kind = InstructionKind::Unknown;
  std::string keyword;  // as written
  Span span;            // the whole instruction with continuation lines and heredoc bodies
  Span keyword_span;
  Span arguments_span;  // after the keyword and flags, up to the end of the instruction line(s)
  std::vector<Flag> flags;
  std::vector<Mount> mounts;    // parsed --mount flags (RUN)
  bool json_form = false;       // exec form: CMD ["a", "b"]
  std::vector<Word> args;       // exec-form elements, or the whitespace-separated words
  std::vector<KeyValue> pairs;  // ENV, LABEL, ARG
  std::vector<Heredoc> heredocs;
  std::vector<ShellScript> scripts;      // RUN: the shell-form command, then each heredoc body
  std::unique_ptr<Instruction> onbuild;  // ONBUILD's inner instruction
  std::unique_ptr<Instruction> healthcheck_cmd;  // HEALTHCHECK CMD ...
  bool healthcheck_none = false;
  int stage = -1;     // -1: before the first FROM (global ARG)
  int position = -1;  // index in Dockerfile::instructions; -1 for ONBUILD/HEALTHCHECK inner ones

  const Flag* flag(std::string_view name) const;  // the last occurrence
};

// An image reference split into parts, e.g. `localhost:5000/team/app:1.2@sha256:...`.
struct ImageRef {
  std::string text;         // after variable substitution
  std::string registry;     // "docker.io" when omitted
  std::string repository;   // "library/python", "team/app"
  std::string tag;          // empty when absent
  std::string digest;       // "sha256:..." or empty
  bool unresolved = false;  // still contains a variable with no value
  bool empty() const { return text.empty(); }
};
ImageRef parse_image_ref(std::string_view text);

struct Stage {
  int index = 0;
  std::string name;  // AS name, lowercased as BuildKit compares it; empty when unnamed
  Span name_span;
  const Instruction* from = nullptr;
  Word base;        // the FROM argument as written (span of the image text)
  ImageRef image;   // base after ARG substitution
  int parent = -1;  // earlier stage this one builds on, or -1 for an image
  std::vector<const Instruction*> instructions;  // after FROM, in order
};

struct Directive {
  std::string name;  // lowercase: syntax, escape, check
  std::string value;
  Span span;
};

struct SyntaxError {
  Span span;
  std::string message;
  // BuildKit's parser accepts this and its instruction converter rejects it (unknown
  // instruction, wrong argument count, unknown flag); `docker build` fails either way.
  bool converter_level = false;
};

struct Comment {
  Span span;
  std::string_view text;  // without the leading '#'
};

struct BuildOptions {
  std::optional<std::string> target;              // --target
  std::map<std::string, std::string> build_args;  // --build-arg
};

struct Dockerfile {
  const SourceFile* source = nullptr;
  char escape = '\\';
  std::vector<Directive> directives;
  std::vector<std::unique_ptr<Instruction>> instructions;  // all top-level, in order
  std::vector<const Instruction*> global_args;             // ARGs before the first FROM
  std::vector<Stage> stages;
  int shipped_stage = -1;  // --target, else the last stage; -1 when no stage
  bool target_not_found = false;
  std::vector<SyntaxError> errors;
  std::vector<Comment> comments;

  // Every ENV/ARG pair that gives a value, by variable name, in file order (so also by stage):
  // rules ask what a variable holds at many instructions, which rescanning would make
  // quadratic in the length of the file.
  struct Definition {
    int position;  // of the instruction in `instructions`
    int stage;
    size_t pair;  // index in that instruction's pairs
  };
  std::unordered_map<std::string, std::vector<Definition>> definitions;

  // The shipped stage and the chain of stages it builds on (shipped first).
  std::vector<const Stage*> shipped_chain() const;
  const Stage* find_stage(std::string_view name) const;  // by name (case-insensitive) or index
};

Dockerfile build_dockerfile(const SourceFile& source, const BuildOptions& options = {});
// Builds the model from a tree already parsed from `source.text()` with the Dockerfile
// grammar (the language server keeps one tree per document and reparses it incrementally).
// A null tree gives the model of an unparsable file. The tree is only read.
Dockerfile build_dockerfile(const SourceFile& source, const TSTree* tree,
                            const BuildOptions& options = {});

// Substitutes $X, ${X}, ${X:-w}, ${X-w}, ${X:+w}, ${X+w} from `scope`. Unknown variables
// become empty and set *unresolved.
// The text of a multi-line argument as BuildKit sees it: each line continuation (the escape
// character, trailing blanks and the newline) removed, and comment lines inside it dropped.
std::string logical_text(std::string_view raw, char escape);

std::string substitute(std::string_view text, const std::map<std::string, std::string>& scope,
                       bool* unresolved);

}  // namespace berth::dockerfile
