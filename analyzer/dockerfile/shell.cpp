// Walks the tree-sitter-bash tree iteratively (deep scripts must not overflow the stack) and
// records every simple command with its pipeline, list position and substitution context.
#include "analyzer/dockerfile/shell.h"

#include <algorithm>
#include <vector>

#include "analyzer/syntax/tree_sitter.h"

namespace berth::dockerfile {

using syntax::type_of;

uint32_t ShellScript::source_offset(uint32_t script_offset) const {
  if (segments.empty()) return script_offset;
  auto it =
      std::upper_bound(segments.begin(), segments.end(), script_offset,
                       [](uint32_t offset, const Segment& s) { return offset < s.script_begin; });
  if (it != segments.begin()) --it;
  const uint32_t delta =
      std::min(script_offset - std::min(script_offset, it->script_begin), it->length);
  return it->source_begin + delta;
}

bool ShellCommand::has_arg(std::string_view arg) const {
  for (size_t i = 1; i < argv.size(); ++i) {
    if (argv[i].text == arg) return true;
  }
  return false;
}

bool ShellCommand::has_flag(std::initializer_list<std::string_view> flags) const {
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& arg = argv[i].text;
    if (arg == "--") break;
    for (std::string_view flag : flags) {
      if (arg == flag) return true;
      if (flag.starts_with("--") && arg.size() > flag.size() && arg.starts_with(flag) &&
          arg[flag.size()] == '=') {
        return true;
      }
      // Short flags may be clustered: -qy contains -y.
      if (flag.size() == 2 && flag[0] == '-' && flag[1] != '-' && arg.size() > 2 && arg[0] == '-' &&
          arg[1] != '-' && arg.find('=') == std::string::npos &&
          arg.find(flag[1], 1) != std::string::npos) {
        return true;
      }
    }
  }
  return false;
}

std::string unquote_shell_word(std::string_view text) {
  std::string out;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote == '\'') {
      if (c == '\'') {
        quote = 0;
      } else {
        out.push_back(c);
      }
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else if (c == '\\' && i + 1 < text.size() &&
                 std::string_view("$`\"\\\n").find(text[i + 1]) != std::string_view::npos) {
        out.push_back(text[++i]);
      } else {
        out.push_back(c);
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '\\' && i + 1 < text.size()) {
      out.push_back(text[++i]);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

namespace {

struct Frame {
  TSNode node;
  int pipeline;
  int pipeline_position;
  int list;
  bool in_substitution;
  // Kept here because ts_node_parent() searches down from the root: linear in the depth,
  // so quadratic over a deeply nested script.
  TSNode parent;
};

}  // namespace

void parse_shell_commands(ShellScript& script) {
  script.commands.clear();
  const std::string_view text = script.text;
  syntax::TreePtr tree = syntax::parse(syntax::Grammar::Bash, text);
  if (!tree) return;
  const TSNode root = ts_tree_root_node(tree.get());
  script.has_errors = ts_node_has_error(root);
  auto map_span = [&](TSNode node) {
    const Span span = syntax::span_of(node);
    const uint32_t begin = script.source_offset(span.begin);
    const uint32_t end = span.end > span.begin ? script.source_offset(span.end - 1) + 1 : begin;
    return Span{begin, std::max(begin, end)};
  };

  int next_pipeline = 0;
  std::vector<Frame> stack;
  // Top-level statements are numbered so rules can tell `a && b` (one list) from `a; b`.
  const std::vector<TSNode> top = syntax::named_children(root);
  for (size_t i = top.size(); i-- > 0;) {
    stack.push_back({top[i], -1, 0, static_cast<int>(i), false, root});
  }
  while (!stack.empty()) {
    const Frame frame = stack.back();
    stack.pop_back();
    const std::string_view type = type_of(frame.node);
    if (type == "command") {
      ShellCommand command;
      command.span = map_span(frame.node);
      command.pipeline = frame.pipeline;
      command.pipeline_position = frame.pipeline_position;
      command.list = frame.list;
      command.in_substitution = frame.in_substitution;
      const std::vector<TSNode> kids = syntax::named_children(frame.node);
      for (const TSNode child : kids) {
        const std::string_view child_type = type_of(child);
        if (child_type == "variable_assignment" || child_type == "file_redirect" ||
            child_type == "heredoc_redirect" || child_type == "herestring_redirect" ||
            child_type == "comment") {
          continue;
        }
        command.argv.push_back({unquote_shell_word(syntax::text_of(child, text)), map_span(child)});
      }
      // `xargs < list apt-get install`: tree-sitter-bash gives the words after a redirect's
      // target to the redirect as extra destinations; bash passes them to the command.
      const TSNode parent = frame.parent;
      if (!command.argv.empty() && !ts_node_is_null(parent) &&
          type_of(parent) == "redirected_statement") {
        for (const TSNode redirect : syntax::named_children(parent)) {
          if (type_of(redirect) != "file_redirect") continue;
          bool first_destination = true;
          for (const TSNode word : syntax::named_children(redirect)) {
            if (type_of(word) == "file_descriptor") continue;
            if (first_destination) {
              first_destination = false;
              continue;
            }
            command.argv.push_back(
                {unquote_shell_word(syntax::text_of(word, text)), map_span(word)});
            command.span.end = std::max(command.span.end, map_span(word).end);
          }
        }
      }
      // Substitutions inside arguments are commands too: `sh -c "$(curl ...)"`.
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
        stack.push_back({*it, -1, 0, frame.list, frame.in_substitution, frame.node});
      }
      if (!command.argv.empty()) script.commands.push_back(std::move(command));
      continue;
    }
    Frame child_frame = frame;
    if (type == "command_substitution" || type == "process_substitution") {
      child_frame.in_substitution = true;
      child_frame.pipeline = -1;
    }
    const std::vector<TSNode> kids = syntax::named_children(frame.node);
    if (type == "pipeline") {
      const int id = next_pipeline++;
      for (size_t i = kids.size(); i-- > 0;) {
        stack.push_back(
            {kids[i], id, static_cast<int>(i), frame.list, frame.in_substitution, frame.node});
      }
      continue;
    }
    for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
      Frame next = child_frame;
      next.node = *it;
      next.parent = frame.node;
      // Inside a pipeline element (e.g. a subshell), nested commands are not the pipe's ends.
      if (type != "redirected_statement") {
        next.pipeline = frame.pipeline;
      }
      stack.push_back(next);
    }
  }
  std::sort(
      script.commands.begin(), script.commands.end(),
      [](const ShellCommand& a, const ShellCommand& b) { return a.span.begin < b.span.begin; });
}

}  // namespace berth::dockerfile
