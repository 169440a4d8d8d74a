// Builds the Dockerfile model from our tree-sitter grammar (node contract in
// grammars/dockerfile/NODES.md): instructions with exact spans, stages, ARG scopes, shell.
#include "analyzer/dockerfile/model.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <cctype>

#include "analyzer/dockerfile/shell.h"
#include "analyzer/syntax/tree_sitter.h"

namespace berth::dockerfile {

using syntax::field;
using syntax::span_of;
using syntax::type_of;

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

struct KindName {
  std::string_view node_type;
  InstructionKind kind;
  std::string_view keyword;
};

constexpr KindName kKinds[] = {
    {"from_instruction", InstructionKind::From, "FROM"},
    {"run_instruction", InstructionKind::Run, "RUN"},
    {"cmd_instruction", InstructionKind::Cmd, "CMD"},
    {"label_instruction", InstructionKind::Label, "LABEL"},
    {"maintainer_instruction", InstructionKind::Maintainer, "MAINTAINER"},
    {"expose_instruction", InstructionKind::Expose, "EXPOSE"},
    {"env_instruction", InstructionKind::Env, "ENV"},
    {"add_instruction", InstructionKind::Add, "ADD"},
    {"copy_instruction", InstructionKind::Copy, "COPY"},
    {"entrypoint_instruction", InstructionKind::Entrypoint, "ENTRYPOINT"},
    {"volume_instruction", InstructionKind::Volume, "VOLUME"},
    {"user_instruction", InstructionKind::User, "USER"},
    {"workdir_instruction", InstructionKind::Workdir, "WORKDIR"},
    {"arg_instruction", InstructionKind::Arg, "ARG"},
    {"onbuild_instruction", InstructionKind::Onbuild, "ONBUILD"},
    {"stopsignal_instruction", InstructionKind::Stopsignal, "STOPSIGNAL"},
    {"healthcheck_instruction", InstructionKind::Healthcheck, "HEALTHCHECK"},
    {"shell_instruction", InstructionKind::Shell, "SHELL"},
};

std::optional<InstructionKind> kind_of_node(std::string_view type) {
  for (const KindName& entry : kKinds) {
    if (entry.node_type == type) return entry.kind;
  }
  return std::nullopt;
}

// Decodes a JSON string literal; falls back to the raw text without quotes.
std::string decode_json_string(std::string_view literal) {
  try {
    return nlohmann::json::parse(literal).get<std::string>();
  } catch (const std::exception&) {
    if (literal.size() >= 2) return std::string(literal.substr(1, literal.size() - 2));
    return std::string(literal);
  }
}

// ENV/LABEL quoted values: Docker's own rules (escape char escapes quotes and itself in
// double quotes; single quotes are literal).
std::string decode_value(std::string_view text, char escape) {
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
    } else if (c == escape && i + 1 < text.size() && text[i + 1] != '\n' && text[i + 1] != '\r') {
      out.push_back(text[++i]);
    } else if (quote == '"') {
      if (c == '"') {
        quote = 0;
      } else {
        out.push_back(c);
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else {
      out.push_back(c);
    }
  }
  return out;
}

bool is_error_node(TSNode node) { return ts_node_is_missing(node) || type_of(node) == "ERROR"; }

class Builder {
 public:
  Builder(const SourceFile& source, Dockerfile& out) : source_(source), text_(source.text()), out_(out) {}

  void build(TSNode root) {
    for (const TSNode child : syntax::children(root)) {
      const std::string_view type = type_of(child);
      if (type == "parser_directive") {
        add_directive(child);
      } else if (type == "comment") {
        add_comment(child);
      } else if (type == "ERROR") {
        add_error(child, nullptr);
      } else if (auto kind = kind_of_node(type)) {
        auto instruction = std::make_unique<Instruction>();
        build_instruction(child, *kind, *instruction);
        out_.instructions.push_back(std::move(instruction));
      }
    }
  }

 private:
  std::string_view text(TSNode node) const { return syntax::text_of(node, text_); }

  void add_directive(TSNode node) {
    Directive directive;
    directive.name = lower(text(field(node, "name")));
    directive.value = std::string(text(field(node, "value")));
    directive.span = span_of(node);
    if (directive.name == "escape" && directive.value.size() == 1) out_.escape = directive.value[0];
    out_.directives.push_back(std::move(directive));
  }

  void add_comment(TSNode node) {
    std::string_view body = text(node);
    const size_t hash = body.find('#');
    if (hash != std::string_view::npos) body.remove_prefix(hash + 1);
    out_.comments.push_back({span_of(node), body});
  }

  // The first line of the broken region names what went wrong.
  void add_error(TSNode node, const Instruction* within) {
    Span span = span_of(node);
    if (ts_node_is_missing(node)) {
      span = {span.begin, span.begin};
    }
    // Point at the first non-blank line of the region, not at the newline before it.
    while (span.begin < span.end && std::isspace(static_cast<unsigned char>(text_[span.begin]))) {
      ++span.begin;
    }
    const uint32_t line = source_.lines().line_of(span.begin);
    const Span line_span = source_.lines().line_span(line);
    const Span shown{span.begin, std::max(span.begin, std::min(span.end, line_span.end))};
    std::string message;
    if (ts_node_is_missing(node)) {
      message = std::string("missing ") + std::string(type_of(node));
    } else if (within) {
      message = "cannot parse this part of the " + upper(within->keyword) + " instruction";
    } else {
      std::string_view first = source_.slice(shown);
      const size_t space = first.find_first_of(" \t");
      const std::string word(first.substr(0, std::min<size_t>(space, 40)));
      message = "cannot parse instruction '" + word + "'";
      const std::string keyword = upper(word);
      bool known = false;
      for (const KindName& entry : kKinds) known = known || entry.keyword == keyword;
      if (!known && !word.empty() && std::isalpha(static_cast<unsigned char>(word[0]))) {
        message = "unknown instruction '" + word + "'";
      }
    }
    const bool unknown = message.starts_with("unknown instruction");
    out_.errors.push_back({shown.empty() ? Span{span.begin, span.begin} : shown, message, unknown});
  }

  // Errors nested inside an otherwise recognised instruction.
  void collect_nested_errors(TSNode node, const Instruction& instruction) {
    if (!ts_node_has_error(node)) return;
    std::vector<TSNode> stack{node};
    while (!stack.empty()) {
      const TSNode current = stack.back();
      stack.pop_back();
      if (is_error_node(current)) {
        add_error(current, &instruction);
        continue;
      }
      const std::vector<TSNode> kids = syntax::children(current);
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) {
        if (ts_node_has_error(*it) || ts_node_is_missing(*it)) stack.push_back(*it);
      }
    }
  }

  Word word_of(TSNode node, bool decode) const {
    Word word;
    word.span = span_of(node);
    const std::string joined = logical_text(text(node), out_.escape);
    const std::string_view raw = joined;
    const std::string_view type = type_of(node);
    if (type == "json_string") {
      word.text = decode_json_string(raw);
    } else if (decode) {
      word.text = decode_value(raw, out_.escape);
    } else {
      word.text = std::string(raw);
    }
    return word;
  }

  void add_flag(TSNode node, Instruction& instruction) {
    const TSNode name = field(node, "name");
    // `--` alone ends the flags: a param node without a name, not a flag.
    if (ts_node_is_null(name)) return;
    Flag flag;
    flag.span = span_of(node);
    flag.name = lower(text(name));
    const TSNode value = field(node, "value");
    if (!ts_node_is_null(value)) {
      flag.value = std::string(text(value));
      flag.value_span = span_of(value);
    }
    if (flag.name == "mount" && flag.value) instruction.mounts.push_back(parse_mount(flag));
    instruction.flags.push_back(std::move(flag));
  }

  static Mount parse_mount(const Flag& flag) {
    Mount mount;
    mount.span = flag.span;
    std::string_view rest = *flag.value;
    while (!rest.empty()) {
      const size_t comma = rest.find(',');
      const std::string_view option = rest.substr(0, comma);
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      const size_t eq = option.find('=');
      const std::string key = lower(option.substr(0, eq));
      const std::string value =
          eq == std::string_view::npos ? std::string() : std::string(option.substr(eq + 1));
      if (key == "type") {
        mount.type = lower(value);
      } else if (key == "target" || key == "dst" || key == "destination") {
        mount.target = value;
      } else if (key == "source" || key == "src") {
        mount.source = value;
      } else if (key == "from") {
        mount.from = value;
      }
    }
    return mount;
  }

  // The shell text BuildKit would run: the command's text with line continuations, comment
  // lines and blank lines inside the continuation removed (whitespace around a continuation
  // is kept, so `a \<newline>  b` is `a   b`). Segments remember where each piece came from.
  ShellScript shell_from_command(TSNode node) {
    const Span whole = span_of(node);
    std::vector<Span> removed;
    for (const TSNode child : syntax::children(node)) {
      const std::string_view type = type_of(child);
      if (type != "line_continuation" && type != "comment") continue;
      Span span = span_of(child);
      if (type == "comment") {
        // The whole comment line goes, with its indentation and newline.
        while (span.begin > whole.begin && (text_[span.begin - 1] == ' ' || text_[span.begin - 1] == '\t')) {
          --span.begin;
        }
        span.end = skip_newline(span.end, whole.end);
      }
      span.end = skip_blank_lines(span.end, whole.end);
      removed.push_back(span);
    }
    ShellScript script;
    uint32_t position = whole.begin;
    auto keep = [&](uint32_t end) {
      if (end <= position) return;
      script.segments.push_back({static_cast<uint32_t>(script.text.size()), position, end - position});
      script.text.append(text_.substr(position, end - position));
    };
    for (const Span& span : removed) {
      keep(span.begin);
      position = std::max(position, span.end);
    }
    keep(whole.end);
    parse_shell_commands(script);
    return script;
  }

  uint32_t skip_newline(uint32_t offset, uint32_t limit) const {
    if (offset < limit && text_[offset] == '\r') ++offset;
    if (offset < limit && text_[offset] == '\n') ++offset;
    return offset;
  }

  // Lines holding only whitespace inside a continuation are dropped, as BuildKit does.
  uint32_t skip_blank_lines(uint32_t offset, uint32_t limit) const {
    while (offset < limit) {
      uint32_t end = offset;
      while (end < limit && (text_[end] == ' ' || text_[end] == '\t')) ++end;
      if (end < limit && (text_[end] == '\n' || text_[end] == '\r')) {
        offset = skip_newline(end, limit);
      } else {
        break;
      }
    }
    return offset;
  }

  ShellScript shell_from_heredoc(const Heredoc& heredoc) {
    ShellScript script;
    script.text = std::string(source_.slice(heredoc.body_span));
    script.segments.push_back({0, heredoc.body_span.begin, heredoc.body_span.size()});
    parse_shell_commands(script);
    return script;
  }

  // `<<EOF`, `3<<-"EOF"`, `<<eo'f'`: the name after shell-style quote removal; any quoting
  // turns variable expansion off (a backslash escape alone does not), as in BuildKit.
  void add_heredoc_marker(TSNode node, Instruction& instruction) {
    Heredoc heredoc;
    heredoc.marker_span = span_of(node);
    std::string_view marker = text(node);
    while (!marker.empty() && std::isdigit(static_cast<unsigned char>(marker.front()))) {
      marker.remove_prefix(1);
    }
    if (marker.starts_with("<<")) marker.remove_prefix(2);
    if (marker.starts_with("-")) {
      heredoc.strip_tabs = true;
      marker.remove_prefix(1);
    }
    while (!marker.empty() && (marker.front() == ' ' || marker.front() == '\t')) marker.remove_prefix(1);
    while (!marker.empty() && (marker.back() == ' ' || marker.back() == '\t')) marker.remove_suffix(1);
    std::string name;
    for (size_t i = 0; i < marker.size(); ++i) {
      const char c = marker[i];
      if (c == '\'') {
        heredoc.expand = false;
        const size_t close = marker.find('\'', i + 1);
        const size_t end = close == std::string_view::npos ? marker.size() : close;
        name.append(marker.substr(i + 1, end - i - 1));
        i = end;
      } else if (c == '"') {
        heredoc.expand = false;
        for (++i; i < marker.size() && marker[i] != '"'; ++i) {
          if (marker[i] == '\\' && i + 1 < marker.size()) ++i;
          name.push_back(marker[i]);
        }
      } else if (c == '\\' && i + 1 < marker.size()) {
        name.push_back(marker[++i]);
      } else {
        name.push_back(c);
      }
    }
    heredoc.name = std::move(name);
    instruction.heredocs.push_back(std::move(heredoc));
  }

  void add_heredoc_block(TSNode node, Instruction& instruction, size_t* next_block) {
    // Blocks follow the markers in order.
    if (*next_block >= instruction.heredocs.size()) {
      Heredoc orphan;
      instruction.heredocs.push_back(orphan);
    }
    Heredoc& heredoc = instruction.heredocs[(*next_block)++];
    const Span block = span_of(node);
    uint32_t body_end = block.end;
    for (const TSNode child : syntax::children(node)) {
      if (type_of(child) == "heredoc_end") body_end = ts_node_start_byte(child);
    }
    uint32_t body_begin = block.begin;
    // The block may start at the newline that ends the instruction line.
    if (body_begin < body_end && text_[body_begin] == '\r') ++body_begin;
    if (body_begin < body_end && text_[body_begin] == '\n') ++body_begin;
    heredoc.body_span = {body_begin, std::max(body_begin, body_end)};
    std::string body(source_.slice(heredoc.body_span));
    if (heredoc.strip_tabs) {
      std::string stripped;
      bool line_start = true;
      for (char c : body) {
        if (line_start && c == '\t') continue;
        line_start = c == '\n';
        stripped.push_back(c);
      }
      body = std::move(stripped);
    }
    heredoc.body = std::move(body);
  }

  void add_pair(TSNode node, Instruction& instruction) {
    KeyValue pair;
    pair.span = span_of(node);
    TSNode key = field(node, "key");
    if (ts_node_is_null(key)) key = field(node, "name");
    if (!ts_node_is_null(key)) pair.key = word_of(key, true);
    TSNode value = field(node, "value");
    if (ts_node_is_null(value)) value = field(node, "default");
    if (!ts_node_is_null(value)) {
      pair.value = word_of(value, true);
    } else if (text(node).find('=') != std::string_view::npos) {
      pair.value = Word{"", {pair.span.end, pair.span.end}};
    }
    for (const TSNode child : syntax::children(node)) {
      if (type_of(child) == "legacy_separator") pair.legacy_form = true;
    }
    if (!pair.legacy_form && pair.value && text(node).find('=') == std::string_view::npos &&
        instruction.kind != InstructionKind::Arg) {
      pair.legacy_form = true;
    }
    instruction.pairs.push_back(std::move(pair));
  }

  // `COPY --from=x ["a", "b c"]`: the grammar only recognises the JSON form right after the
  // keyword, so after flags it arrives as words split on blanks. BuildKit parses it as JSON.
  void reread_exec_form_after_flags(Instruction& instruction) const {
    if (instruction.flags.empty() || instruction.args.empty() || !instruction.heredocs.empty()) {
      return;
    }
    const Span all{instruction.args.front().span.begin, instruction.args.back().span.end};
    const std::string_view raw = source_.slice(all);
    if (!raw.starts_with('[') || !raw.ends_with(']')) return;
    const nlohmann::json parsed = nlohmann::json::parse(raw, nullptr, false);
    if (!parsed.is_array() || parsed.empty() ||
        !std::all_of(parsed.begin(), parsed.end(),
                     [](const nlohmann::json& item) { return item.is_string(); })) {
      return;
    }
    std::vector<Word> elements;
    size_t cursor = 0;
    for (const nlohmann::json& item : parsed) {
      const size_t open = raw.find('"', cursor);
      size_t close = open + 1;
      while (close < raw.size() && raw[close] != '"') close += raw[close] == '\\' ? 2 : 1;
      cursor = close + 1;
      elements.push_back(Word{item.get<std::string>(),
                              {all.begin + static_cast<uint32_t>(open),
                               all.begin + static_cast<uint32_t>(std::min(cursor, raw.size()))}});
    }
    instruction.args = std::move(elements);
    instruction.json_form = true;
  }

  void build_instruction(TSNode node, InstructionKind kind, Instruction& instruction) {
    instruction.kind = kind;
    instruction.span = span_of(node);
    const TSNode keyword = field(node, "keyword");
    if (!ts_node_is_null(keyword)) {
      instruction.keyword = std::string(text(keyword));
      instruction.keyword_span = span_of(keyword);
    } else {
      instruction.keyword = std::string(keyword_of(kind));
      instruction.keyword_span = {instruction.span.begin, instruction.span.begin};
    }
    uint32_t arguments_begin = instruction.keyword_span.end;
    uint32_t arguments_end = arguments_begin;
    size_t next_block = 0;
    for (const TSNode child : syntax::children(node)) {
      if (!ts_node_is_named(child)) continue;
      const std::string_view type = type_of(child);
      const Span span = span_of(child);
      if (type == "keyword" || type == "comment" || type == "line_continuation") continue;
      if (type == "heredoc_block") {
        add_heredoc_block(child, instruction, &next_block);
        continue;
      }
      if (type == "param") {
        add_flag(child, instruction);
        arguments_begin = span.end;
        arguments_end = std::max(arguments_end, span.end);
        continue;
      }
      arguments_end = std::max(arguments_end, span.end);
      if (type == "json_string_array") {
        instruction.json_form = true;
        for (const TSNode item : syntax::named_children(child)) {
          if (type_of(item) == "json_string") instruction.args.push_back(word_of(item, false));
        }
      } else if (type == "shell_command") {
        // `CMD ["a", ["b"]]` is JSON but not an array of strings: BuildKit rejects it rather
        // than running it as a shell command.
        const std::string_view command = text(child);
        if (command.starts_with("[") && nlohmann::json::accept(command)) {
          out_.errors.push_back(
              {span, "exec form must be a JSON array of strings; this is other JSON"});
        }
        ShellScript script = shell_from_command(child);
        // `CMD [ "a", \` + `  "b" ]`: BuildKit joins continuation lines before it tries JSON,
        // so this is exec form even though the grammar saw shell text.
        if (script.text.find('[') != std::string::npos) {
          const nlohmann::json joined = nlohmann::json::parse(script.text, nullptr, false);
          if (joined.is_array() && !joined.empty() &&
              std::all_of(joined.begin(), joined.end(),
                          [](const nlohmann::json& item) { return item.is_string(); })) {
            instruction.json_form = true;
            for (const nlohmann::json& item : joined) {
              instruction.args.push_back(Word{item.get<std::string>(), span});
            }
            continue;
          }
        }
        collect_heredoc_markers(child, instruction);
        instruction.scripts.push_back(std::move(script));
        instruction.args.push_back(Word{instruction.scripts.back().text, span});
      } else if (type == "label_pair" || type == "env_pair" || type == "arg_definition") {
        add_pair(child, instruction);
      } else if (type == "heredoc_marker") {
        add_heredoc_marker(child, instruction);
        instruction.args.push_back(word_of(child, false));
      } else if (kind == InstructionKind::Onbuild && kind_of_node(type)) {
        instruction.onbuild = std::make_unique<Instruction>();
        build_instruction(child, *kind_of_node(type), *instruction.onbuild);
      } else if (kind == InstructionKind::Healthcheck && type == "cmd_instruction") {
        instruction.healthcheck_cmd = std::make_unique<Instruction>();
        build_instruction(child, InstructionKind::Cmd, *instruction.healthcheck_cmd);
      } else if (kind == InstructionKind::Arg &&
                 (type == "unquoted_string" || type == "double_quoted_string" ||
                  type == "single_quoted_string")) {
        // ARG without an arg_definition wrapper: name [= default] as siblings.
        add_arg_sibling(child, instruction);
      } else {
        if (kind == InstructionKind::Healthcheck && upper(text(child)) == "NONE") {
          instruction.healthcheck_none = true;
        }
        collect_heredoc_markers(child, instruction);
        const bool quoted = type == "double_quoted_string" || type == "single_quoted_string";
        Word word = word_of(child, quoted);
        // After a line continuation tree-sitter-dockerfile splits `${PORT}/udp` into two
        // nodes; text with no space between is one word.
        if (!instruction.args.empty() && instruction.args.back().span.end == word.span.begin &&
            !word.span.empty()) {
          instruction.args.back().text += word.text;
          instruction.args.back().span.end = word.span.end;
        } else {
          instruction.args.push_back(std::move(word));
        }
      }
    }
    if (kind == InstructionKind::User && instruction.args.size() > 1) {
      // USER name:group arrives as two nodes; rules want the whole value.
      Word merged{std::string(source_.slice({instruction.args.front().span.begin,
                                             instruction.args.back().span.end})),
                  {instruction.args.front().span.begin, instruction.args.back().span.end}};
      instruction.args = {merged};
    }
    while (arguments_begin < arguments_end &&
           std::isspace(static_cast<unsigned char>(text_[arguments_begin]))) {
      ++arguments_begin;
    }
    instruction.arguments_span = {std::min(arguments_begin, arguments_end), arguments_end};
    if ((kind == InstructionKind::Copy || kind == InstructionKind::Add) && !instruction.json_form) {
      reread_exec_form_after_flags(instruction);
    }
    for (const Heredoc& heredoc : instruction.heredocs) {
      if (kind == InstructionKind::Run && runs_heredoc_as_script(instruction, heredoc)) {
        instruction.scripts.push_back(shell_from_heredoc(heredoc));
      }
    }
    collect_nested_errors(node, instruction);
    check_arguments(instruction);
  }

  // What BuildKit's instruction converter rejects although its parser accepts it: berth
  // reports these as DF001 too, since `docker build` fails on them just the same.
  void check_arguments(const Instruction& instruction) {
    auto error = [&](Span span, std::string message) {
      out_.errors.push_back({span, upper(instruction.keyword) + " " + message, true});
    };
    const Span whole{instruction.span.begin, instruction.keyword_span.end};
    switch (instruction.kind) {
      case InstructionKind::Copy:
      case InstructionKind::Add:
        if (!instruction.json_form && instruction.args.size() < 2) {
          error(whole, "requires at least two arguments: sources and a destination");
        } else if (!instruction.args.empty() && instruction.args.back().text.starts_with("<<")) {
          error(instruction.args.back().span, "cannot take a heredoc as its destination");
        }
        break;
      case InstructionKind::Healthcheck:
        if (!instruction.healthcheck_none && !instruction.healthcheck_cmd) {
          error(whole, "requires NONE or CMD and a command");
        }
        break;
      case InstructionKind::Onbuild:
        if (instruction.onbuild) {
          const InstructionKind inner = instruction.onbuild->kind;
          if (inner == InstructionKind::Onbuild || inner == InstructionKind::From ||
              inner == InstructionKind::Maintainer) {
            error(instruction.onbuild->keyword_span,
                  "cannot trigger " + upper(instruction.onbuild->keyword));
          }
        }
        break;
      default:
        break;
    }
    check_flags(instruction);
  }

  void check_flags(const Instruction& instruction) {
    static const std::map<InstructionKind, std::vector<std::string_view>> kKnownFlags = {
        {InstructionKind::From, {"platform"}},
        {InstructionKind::Run, {"mount", "network", "security", "device"}},
        {InstructionKind::Copy, {"from", "chown", "chmod", "link", "parents", "exclude"}},
        {InstructionKind::Add,
         {"chown", "chmod", "link", "checksum", "keep-git-dir", "exclude", "unpack"}},
        {InstructionKind::Healthcheck,
         {"interval", "timeout", "start-period", "start-interval", "retries"}},
    };
    const auto known = kKnownFlags.find(instruction.kind);
    for (const Flag& flag : instruction.flags) {
      if (flag.name.empty()) continue;  // `--` ends the flags
      const bool ok = known != kKnownFlags.end() &&
                      std::find(known->second.begin(), known->second.end(), flag.name) !=
                          known->second.end();
      if (!ok) {
        out_.errors.push_back(
            {flag.span, upper(instruction.keyword) + " has no flag --" + flag.name, true});
      }
    }
    // MAINTAINER takes its whole line as text, so a flag arrives as the start of it.
    if (instruction.kind == InstructionKind::Maintainer && !instruction.args.empty() &&
        instruction.args[0].text.starts_with("--")) {
      const Word& value = instruction.args[0];
      const size_t end = value.text.find_first_of(" \t=");
      out_.errors.push_back(
          {{value.span.begin, value.span.begin + static_cast<uint32_t>(std::min(end, value.text.size()))},
           "MAINTAINER has no flags",
           true});
    }
  }

  void add_arg_sibling(TSNode node, Instruction& instruction) {
    const Span span = span_of(node);
    const bool after_equals = span.begin > 0 && text_[span.begin - 1] == '=' &&
                              !instruction.pairs.empty() &&
                              instruction.pairs.back().key.span.end + 1 == span.begin;
    if (after_equals) {
      instruction.pairs.back().value = word_of(node, true);
      instruction.pairs.back().span.end = span.end;
      return;
    }
    KeyValue pair;
    pair.span = span;
    pair.key = word_of(node, false);
    const size_t eq = pair.key.text.find('=');
    if (eq != std::string::npos) {
      pair.value = Word{decode_value(std::string_view(pair.key.text).substr(eq + 1), out_.escape),
                        {static_cast<uint32_t>(span.begin + eq + 1), span.end}};
      pair.key.text.resize(eq);
      pair.key.span.end = static_cast<uint32_t>(span.begin + eq);
    }
    instruction.pairs.push_back(std::move(pair));
  }

  void collect_heredoc_markers(TSNode node, Instruction& instruction) {
    std::vector<TSNode> stack{node};
    while (!stack.empty()) {
      const TSNode current = stack.back();
      stack.pop_back();
      if (type_of(current) == "heredoc_marker") {
        add_heredoc_marker(current, instruction);
        continue;
      }
      const std::vector<TSNode> kids = syntax::named_children(current);
      stack.insert(stack.end(), kids.rbegin(), kids.rend());
    }
  }

  // `RUN <<EOF` and `RUN bash -e <<EOF` run the body as a shell script; `RUN python3 <<EOF`
  // feeds it to another interpreter, which the shell rules must not judge.
  static bool runs_heredoc_as_script(const Instruction& instruction, const Heredoc& heredoc) {
    if (instruction.scripts.empty()) return true;
    const ShellScript& command = instruction.scripts.front();
    std::string_view head = command.text;
    while (!head.empty() && std::isspace(static_cast<unsigned char>(head.front()))) {
      head.remove_prefix(1);
    }
    if (head.starts_with("<<")) return true;
    static constexpr std::string_view kShells[] = {"sh", "bash", "ash", "dash", "zsh",
                                                   "/bin/sh", "/bin/bash", "/bin/ash",
                                                   "/usr/bin/env"};
    const std::string first(head.substr(0, head.find_first_of(" \t")));
    (void)heredoc;
    return std::find(std::begin(kShells), std::end(kShells), first) != std::end(kShells);
  }

  const SourceFile& source_;
  std::string_view text_;
  Dockerfile& out_;
};

// ARG names are case-sensitive; well-known build platform args are always defined.
constexpr std::string_view kAutomaticArgs[] = {
    "TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS",
    "BUILDARCH", "BUILDVARIANT", "TARGETSTAGE", "BUILDKIT_SBOM_SCAN_STAGE",
    "BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SYNTAX", "BUILDKIT_MULTI_PLATFORM"};

void build_stages(Dockerfile& file, const BuildOptions& options) {
  std::map<std::string, std::string> global_scope;
  for (std::string_view name : kAutomaticArgs) global_scope[std::string(name)] = "";
  // The scope without the automatic args: what is known before the build runs.
  std::map<std::string, std::string> known_scope;
  // Platform args have values on a real build; keep them marked as resolved but empty.
  int stage = -1;
  for (auto& owned : file.instructions) {
    Instruction& instruction = *owned;
    if (instruction.kind == InstructionKind::From) {
      ++stage;
      instruction.stage = stage;
      Stage s;
      s.index = stage;
      s.from = &instruction;
      if (!instruction.args.empty()) {
        // FROM [--platform=x] image [AS name]: the first argument is the image.
        s.base = instruction.args.front();
        bool unresolved = false;
        const std::string resolved = substitute(s.base.text, global_scope, &unresolved);
        // `FROM binaries-$TARGETOS`: platform args have a value on a real build, just not
        // one known here, so the image is not judged.
        substitute(s.base.text, known_scope, &unresolved);
        s.image = parse_image_ref(resolved);
        s.image.unresolved = unresolved;
        for (size_t i = 1; i + 1 < instruction.args.size(); ++i) {
          if (lower(instruction.args[i].text) == "as") {
            s.name = lower(instruction.args[i + 1].text);
            s.name_span = instruction.args[i + 1].span;
          }
        }
        const std::string base_name = lower(resolved);
        for (const Stage& earlier : file.stages) {
          if (!earlier.name.empty() && earlier.name == base_name) s.parent = earlier.index;
        }
      }
      file.stages.push_back(std::move(s));
      continue;
    }
    instruction.stage = stage;
    if (stage < 0) {
      if (instruction.kind == InstructionKind::Arg) {
        file.global_args.push_back(&instruction);
        for (const KeyValue& pair : instruction.pairs) {
          const auto override_value = options.build_args.find(pair.key.text);
          if (override_value != options.build_args.end()) {
            global_scope[pair.key.text] = override_value->second;
            known_scope[pair.key.text] = override_value->second;
          } else if (pair.value) {
            // `ARG V=${V}` or a default naming an unset variable is unknown until build time.
            bool default_unresolved = false;
            const std::string value =
                substitute(pair.value->text, global_scope, &default_unresolved);
            substitute(pair.value->text, known_scope, &default_unresolved);
            if (default_unresolved) {
              global_scope.erase(pair.key.text);
              known_scope.erase(pair.key.text);
            } else {
              global_scope[pair.key.text] = value;
              known_scope[pair.key.text] = value;
            }
          } else if (!global_scope.count(pair.key.text)) {
            // Declared without a default: unknown until build time.
          }
        }
      }
      continue;
    }
    file.stages.back().instructions.push_back(&instruction);
  }
  if (file.stages.empty()) return;
  file.shipped_stage = static_cast<int>(file.stages.size()) - 1;
  if (options.target) {
    const Stage* target = file.find_stage(*options.target);
    if (target) {
      file.shipped_stage = target->index;
    } else {
      file.target_not_found = true;
    }
  }
}

}  // namespace

std::string logical_text(std::string_view raw, char escape) {
  if (raw.find('\n') == std::string_view::npos && raw.find('\r') == std::string_view::npos) {
    return std::string(raw);
  }
  std::string out;
  bool after_continuation = false;
  for (size_t i = 0; i < raw.size();) {
    if (after_continuation) {
      // Comment lines inside a continuation vanish with their newline.
      size_t j = i;
      while (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t')) ++j;
      if (j < raw.size() && raw[j] == '#') {
        while (j < raw.size() && raw[j] != '\n') ++j;
        i = j < raw.size() ? j + 1 : j;
        continue;
      }
      after_continuation = false;
    }
    if (raw[i] == escape) {
      size_t j = i + 1;
      while (j < raw.size() && (raw[j] == ' ' || raw[j] == '\t')) ++j;
      if (j < raw.size() && (raw[j] == '\n' || raw[j] == '\r')) {
        if (raw[j] == '\r' && j + 1 < raw.size() && raw[j + 1] == '\n') ++j;
        i = j + 1;
        after_continuation = true;
        continue;
      }
      out.push_back(raw[i++]);
      if (i < raw.size()) out.push_back(raw[i++]);  // an escaped character stays escaped
      continue;
    }
    out.push_back(raw[i++]);
  }
  return out;
}

std::string_view keyword_of(InstructionKind kind) {
  for (const KindName& entry : kKinds) {
    if (entry.kind == kind) return entry.keyword;
  }
  return "UNKNOWN";
}

const Flag* Instruction::flag(std::string_view name) const {
  const Flag* found = nullptr;
  for (const Flag& f : flags) {
    if (f.name == name) found = &f;
  }
  return found;
}

std::vector<const Stage*> Dockerfile::shipped_chain() const {
  std::vector<const Stage*> chain;
  int index = shipped_stage;
  while (index >= 0 && index < static_cast<int>(stages.size()) && chain.size() <= stages.size()) {
    chain.push_back(&stages[index]);
    index = stages[index].parent;
  }
  return chain;
}

const Stage* Dockerfile::find_stage(std::string_view name) const {
  const std::string wanted = lower(name);
  for (const Stage& stage : stages) {
    if (!stage.name.empty() && stage.name == wanted) return &stage;
  }
  if (!wanted.empty() && std::all_of(wanted.begin(), wanted.end(), ::isdigit)) {
    const size_t index = std::stoul(wanted.substr(0, 9));
    if (index < stages.size()) return &stages[index];
  }
  return nullptr;
}

Dockerfile build_dockerfile(const SourceFile& source, const BuildOptions& options) {
  syntax::TreePtr tree = syntax::parse(syntax::Grammar::Dockerfile, source.text());
  return build_dockerfile(source, tree.get(), options);
}

Dockerfile build_dockerfile(const SourceFile& source, const TSTree* tree,
                            const BuildOptions& options) {
  Dockerfile file;
  file.source = &source;
  if (tree) {
    Builder builder(source, file);
    builder.build(ts_tree_root_node(tree));
  }
  if (file.instructions.empty() && file.errors.empty()) {
    // `docker build` refuses a file without instructions.
    file.errors.push_back({{0, 0}, "the Dockerfile has no instructions"});
  }
  build_stages(file, options);
  return file;
}

}  // namespace berth::dockerfile
