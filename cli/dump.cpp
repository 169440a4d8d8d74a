// `berth dump FILE`: the model rule authors work against, with line:column spans.
#include <iostream>

#include "analyzer/discovery/discovery.h"
#include "analyzer/dockerfile/model.h"
#include "analyzer/kubernetes/model.h"
#include "cli/commands.h"

namespace berth::cli {

namespace {

struct Printer {
  const SourceFile& source;
  std::ostream& out;

  std::string at(Span span) const {
    const LineColumn begin = source.lines().position(span.begin, ColumnUnit::CodePoints);
    const LineColumn end = source.lines().position(span.end, ColumnUnit::CodePoints);
    return std::to_string(begin.line) + ":" + std::to_string(begin.column) + "-" +
           std::to_string(end.line) + ":" + std::to_string(end.column);
  }

  static std::string quoted(std::string_view text) {
    std::string out = "\"";
    for (char c : text) {
      if (c == '\n') {
        out += "\\n";
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '"' || c == '\\') {
        out += '\\';
        out += c;
      } else {
        out += c;
      }
    }
    return out + "\"";
  }

  void instruction(const dockerfile::Instruction& in, int indent) {
    const std::string pad(indent, ' ');
    out << pad << dockerfile::keyword_of(in.kind) << " @" << at(in.span)
        << (in.json_form ? " exec-form" : "") << "\n";
    for (const dockerfile::Flag& flag : in.flags) {
      out << pad << "  flag --" << flag.name;
      if (flag.value) out << "=" << quoted(*flag.value);
      out << " @" << at(flag.span) << "\n";
    }
    for (const dockerfile::Mount& mount : in.mounts) {
      out << pad << "  mount type=" << mount.type << " target=" << quoted(mount.target)
          << (mount.from.empty() ? "" : " from=" + mount.from) << "\n";
    }
    for (const dockerfile::Word& word : in.args) {
      out << pad << "  arg " << quoted(word.text) << " @" << at(word.span) << "\n";
    }
    for (const dockerfile::KeyValue& pair : in.pairs) {
      out << pad << "  pair " << quoted(pair.key.text) << " @" << at(pair.key.span);
      if (pair.value) out << " = " << quoted(pair.value->text) << " @" << at(pair.value->span);
      if (pair.legacy_form) out << " (legacy form)";
      out << "\n";
    }
    for (const dockerfile::Heredoc& heredoc : in.heredocs) {
      out << pad << "  heredoc " << heredoc.name << (heredoc.strip_tabs ? " strip-tabs" : "")
          << (heredoc.expand ? "" : " no-expand") << " marker@" << at(heredoc.marker_span)
          << " body@" << at(heredoc.body_span) << " " << quoted(heredoc.body) << "\n";
    }
    for (const dockerfile::ShellScript& script : in.scripts) {
      out << pad << "  shell " << quoted(script.text) << (script.has_errors ? " (errors)" : "")
          << "\n";
      for (const dockerfile::ShellCommand& command : script.commands) {
        out << pad << "    command @" << at(command.span);
        if (command.pipeline >= 0) {
          out << " pipeline=" << command.pipeline << "." << command.pipeline_position;
        }
        if (command.in_substitution) out << " in-substitution";
        out << ":";
        for (const dockerfile::Word& word : command.argv) out << " " << quoted(word.text);
        out << "\n";
      }
    }
    if (in.onbuild) instruction(*in.onbuild, indent + 2);
    if (in.healthcheck_cmd) instruction(*in.healthcheck_cmd, indent + 2);
  }

  void dockerfile(const dockerfile::Dockerfile& file) {
    out << "Dockerfile " << source.path() << " (escape " << quoted(std::string(1, file.escape))
        << ")\n";
    for (const dockerfile::Directive& directive : file.directives) {
      out << "directive " << directive.name << "=" << quoted(directive.value) << " @"
          << at(directive.span) << "\n";
    }
    for (const dockerfile::SyntaxError& error : file.errors) {
      out << "error @" << at(error.span) << ": " << error.message << "\n";
    }
    for (const dockerfile::Instruction* arg : file.global_args) instruction(*arg, 0);
    for (const dockerfile::Stage& stage : file.stages) {
      out << "stage " << stage.index << (stage.name.empty() ? "" : " " + stage.name)
          << (stage.index == file.shipped_stage ? " (shipped)" : "") << " base "
          << quoted(stage.image.text) << " registry=" << stage.image.registry
          << " repository=" << stage.image.repository << " tag=" << quoted(stage.image.tag)
          << " digest=" << quoted(stage.image.digest)
          << (stage.image.unresolved ? " unresolved" : "");
      if (stage.parent >= 0) out << " parent=" << stage.parent;
      out << "\n";
      instruction(*stage.from, 2);
      for (const dockerfile::Instruction* in : stage.instructions) instruction(*in, 2);
    }
  }
};

}  // namespace

int run_dump(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::cerr << "usage: berth dump FILE\n";
    return 2;
  }
  LoadResult loaded = load_source_file(args[0], display_path(args[0]), 64ull << 20);
  if (loaded.error) {
    std::cerr << "berth dump: " << args[0] << ": " << loaded.error->message << "\n";
    return 2;
  }
  const SourceFile& source = *loaded.file;
  Printer printer{source, std::cout};
  FileKind kind = classify_file_name(args[0]);
  if (kind == FileKind::Other) kind = FileKind::Dockerfile;
  if (kind == FileKind::Dockerfile) {
    printer.dockerfile(dockerfile::build_dockerfile(source));
  } else {
    k8s::dump_manifest(k8s::build_manifest(source), std::cout);
  }
  return 0;
}

}  // namespace berth::cli
