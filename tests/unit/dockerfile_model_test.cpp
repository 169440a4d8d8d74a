// The Dockerfile model: stages, ARG substitution, heredocs, escape directive, continuations,
// shell commands, and exact spans.
#include <doctest/doctest.h>

#include "analyzer/dockerfile/model.h"

using namespace berth;
using namespace berth::dockerfile;

namespace {

struct Parsed {
  std::unique_ptr<SourceFile> source;
  Dockerfile model;
};

Parsed parse(const std::string& text, BuildOptions options = {}) {
  Parsed parsed;
  parsed.source = std::make_unique<SourceFile>("Dockerfile", text);
  parsed.model = build_dockerfile(*parsed.source, options);
  return parsed;
}

std::string_view slice(const Parsed& p, Span span) { return p.source->slice(span); }

}  // namespace

TEST_CASE("dockerfile model: stages, names, parents and the shipped stage") {
  auto p = parse(
      "FROM golang:1.22 AS Build\nRUN go build\n"
      "FROM build AS test\nRUN go test\n"
      "FROM gcr.io/distroless/static:nonroot\nCOPY --from=build /app /app\n");
  REQUIRE(p.model.errors.empty());
  REQUIRE(p.model.stages.size() == 3);
  CHECK(p.model.stages[0].name == "build");
  CHECK(slice(p, p.model.stages[0].name_span) == "Build");
  CHECK(p.model.stages[1].parent == 0);
  CHECK(p.model.stages[2].parent == -1);
  CHECK(p.model.shipped_stage == 2);
  CHECK(p.model.stages[2].image.registry == "gcr.io");
  CHECK(p.model.stages[2].image.repository == "distroless/static");
  CHECK(p.model.stages[2].image.tag == "nonroot");
  CHECK(p.model.stages[0].image.repository == "library/golang");
  CHECK(p.model.stages[0].instructions.size() == 1);

  auto targeted = parse("FROM alpine AS a\nFROM a AS b\nFROM alpine AS c\n", {"b", {}});
  CHECK(targeted.model.shipped_stage == 1);
  const auto chain = targeted.model.shipped_chain();
  REQUIRE(chain.size() == 2);
  CHECK(chain[1]->index == 0);
  auto missing = parse("FROM alpine AS a\n", {"nope", {}});
  CHECK(missing.model.target_not_found);
}

TEST_CASE("dockerfile model: global ARGs substitute into FROM, --build-arg overrides") {
  auto p = parse("ARG BASE=python\nARG TAG=${VARIANT:-3.12}-slim\nFROM ${BASE}:$TAG\n");
  REQUIRE(p.model.stages.size() == 1);
  CHECK(p.model.global_args.size() == 2);
  CHECK(p.model.stages[0].image.text == "python:3.12-slim");
  CHECK_FALSE(p.model.stages[0].image.unresolved);
  CHECK(slice(p, p.model.stages[0].base.span) == "${BASE}:$TAG");

  auto overridden =
      parse("ARG BASE=python:3.12\nFROM $BASE\n", {std::nullopt, {{"BASE", "alpine:3"}}});
  CHECK(overridden.model.stages[0].image.text == "alpine:3");

  auto unresolved = parse("FROM $UNKNOWN\n");
  CHECK(unresolved.model.stages[0].image.unresolved);
}

TEST_CASE("dockerfile model: image references with registry ports and digests") {
  const ImageRef ref = parse_image_ref("localhost:5000/team/app:1.2@sha256:abc");
  CHECK(ref.registry == "localhost:5000");
  CHECK(ref.repository == "team/app");
  CHECK(ref.tag == "1.2");
  CHECK(ref.digest == "sha256:abc");
  const ImageRef port_only = parse_image_ref("registry.example.com:443/app");
  CHECK(port_only.registry == "registry.example.com:443");
  CHECK(port_only.tag.empty());
  CHECK(parse_image_ref("ubuntu").repository == "library/ubuntu");
  CHECK(parse_image_ref("bitnami/redis:7").registry == "docker.io");
}

TEST_CASE("dockerfile model: flags, mounts and exec form") {
  auto p = parse(
      "FROM alpine\n"
      "RUN --mount=type=cache,target=/var/cache/apk --network=none apk add curl\n"
      "COPY --chown=app:app --chmod=755 a b /dst/\n"
      "CMD [\"node\", \"server.js\"]\n"
      "ENTRYPOINT exec app\n");
  REQUIRE(p.model.errors.empty());
  const auto& run = *p.model.stages[0].instructions[0];
  CHECK(run.kind == InstructionKind::Run);
  REQUIRE(run.flags.size() == 2);
  CHECK(run.flags[0].name == "mount");
  REQUIRE(run.mounts.size() == 1);
  CHECK(run.mounts[0].type == "cache");
  CHECK(run.mounts[0].target == "/var/cache/apk");
  CHECK(run.flag("network")->value == "none");
  REQUIRE(run.scripts.size() == 1);
  REQUIRE(run.scripts[0].commands.size() == 1);
  CHECK(run.scripts[0].commands[0].name() == "apk");
  CHECK(slice(p, run.scripts[0].commands[0].span) == "apk add curl");

  const auto& copy = *p.model.stages[0].instructions[1];
  CHECK(copy.flag("chown")->value == "app:app");
  REQUIRE(copy.args.size() == 3);
  CHECK(copy.args[2].text == "/dst/");

  const auto& cmd = *p.model.stages[0].instructions[2];
  CHECK(cmd.json_form);
  REQUIRE(cmd.args.size() == 2);
  CHECK(cmd.args[1].text == "server.js");
  CHECK(slice(p, cmd.args[1].span) == "\"server.js\"");
  CHECK_FALSE(p.model.stages[0].instructions[3]->json_form);
}

TEST_CASE("dockerfile model: continuations with comments map commands back exactly") {
  const std::string text =
      "FROM debian\n"
      "RUN apt-get update \\\n"
      "# a comment inside the continuation\n"
      "\n"
      "    && apt-get install -y \\\n"
      "       curl | tee log\n";
  auto p = parse(text);
  REQUIRE(p.model.errors.empty());
  const auto& run = *p.model.stages[0].instructions[0];
  REQUIRE(run.scripts.size() == 1);
  const auto& commands = run.scripts[0].commands;
  REQUIRE(commands.size() == 3);
  CHECK(commands[0].name() == "apt-get");
  CHECK(commands[1].has_arg("install"));
  CHECK(commands[1].has_flag({"-y", "--yes"}));
  CHECK(commands[1].pipeline >= 0);
  CHECK(commands[1].pipeline == commands[2].pipeline);
  CHECK(commands[2].pipeline_position == 1);
  // `curl` is on line 6, column 8.
  const Word& curl = commands[1].argv.back();
  CHECK(curl.text == "curl");
  const LineColumn at = p.source->lines().position(curl.span.begin, ColumnUnit::CodePoints);
  CHECK(at == LineColumn{6, 8});
}

TEST_CASE("dockerfile model: heredocs") {
  const std::string text =
      "FROM alpine\n"
      "RUN <<EOF\n"
      "apk add curl\n"
      "echo done\n"
      "EOF\n"
      "COPY <<-\"CONF\" /etc/app.conf\n"
      "\tkey=$value\n"
      "\tCONF\n"
      "RUN python3 <<PY\nimport os\nPY\n";
  auto p = parse(text);
  REQUIRE(p.model.errors.empty());
  const auto& instructions = p.model.stages[0].instructions;
  REQUIRE(instructions.size() == 3);
  const auto& run = *instructions[0];
  REQUIRE(run.heredocs.size() == 1);
  CHECK(run.heredocs[0].name == "EOF");
  CHECK(run.heredocs[0].body == "apk add curl\necho done\n");
  bool found_apk = false;
  for (const auto& script : run.scripts) {
    for (const auto& command : script.commands) {
      if (command.name() == "apk") {
        found_apk = true;
        CHECK(p.source->lines().line_of(command.span.begin) == 3);
      }
    }
  }
  CHECK(found_apk);
  const auto& copy = *instructions[1];
  REQUIRE(copy.heredocs.size() == 1);
  CHECK(copy.heredocs[0].strip_tabs);
  CHECK_FALSE(copy.heredocs[0].expand);
  CHECK(copy.heredocs[0].body == "key=$value\n");
  // A python heredoc is not shell: no `import` command.
  for (const auto& script : instructions[2]->scripts) {
    for (const auto& command : script.commands) CHECK(command.name() != "import");
  }
}

TEST_CASE("dockerfile model: escape directive, ENV/LABEL forms, ONBUILD, HEALTHCHECK") {
  const std::string text =
      "# escape=`\n"
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
      "ENV A=1 B=\"two words\" `\n"
      "    C=3\n"
      "ENV LEGACY some value\n"
      "LABEL org.opencontainers.image.title=\"berth\"\n"
      "ONBUILD RUN echo hi\n"
      "HEALTHCHECK --interval=5s CMD curl -f http://localhost/ || exit 1\n"
      "HEALTHCHECK NONE\n";
  auto p = parse(text);
  CHECK(p.model.escape == '`');
  REQUIRE(p.model.directives.size() == 1);
  CHECK(p.model.directives[0].name == "escape");
  REQUIRE(p.model.errors.empty());
  const auto& instructions = p.model.stages[0].instructions;
  REQUIRE(instructions.size() == 6);
  const auto& env = *instructions[0];
  REQUIRE(env.pairs.size() == 3);
  CHECK(env.pairs[1].key.text == "B");
  CHECK(env.pairs[1].value->text == "two words");
  CHECK(env.pairs[2].key.text == "C");
  const auto& legacy = *instructions[1];
  REQUIRE(legacy.pairs.size() == 1);
  CHECK(legacy.pairs[0].legacy_form);
  CHECK(legacy.pairs[0].value->text == "some value");
  CHECK(instructions[2]->pairs[0].value->text == "berth");
  REQUIRE(instructions[3]->onbuild);
  CHECK(instructions[3]->onbuild->kind == InstructionKind::Run);
  REQUIRE(instructions[4]->healthcheck_cmd);
  CHECK(instructions[4]->flag("interval")->value == "5s");
  CHECK(instructions[5]->healthcheck_none);
}

TEST_CASE("dockerfile model: case-insensitive keywords, BOM, CRLF, no trailing newline") {
  auto p = parse(
      "\xEF\xBB\xBF"
      "from alpine:3\r\nuser app\r\nrun echo hi");
  REQUIRE(p.model.errors.empty());
  REQUIRE(p.model.stages.size() == 1);
  CHECK(p.model.stages[0].image.tag == "3");
  REQUIRE(p.model.stages[0].instructions.size() == 2);
  CHECK(p.model.stages[0].instructions[0]->kind == InstructionKind::User);
  CHECK(p.model.stages[0].instructions[0]->args[0].text == "app");
}

TEST_CASE("dockerfile model: a bad instruction is one error and parsing continues") {
  auto p = parse("FROM alpine\nRUNN echo hi\nUSER app\n");
  REQUIRE(p.model.errors.size() == 1);
  CHECK(p.source->lines().line_of(p.model.errors[0].span.begin) == 2);
  CHECK(p.model.errors[0].message.find("RUNN") != std::string::npos);
  REQUIRE(p.model.stages.size() == 1);
  bool has_user = false;
  for (const auto* instruction : p.model.stages[0].instructions) {
    has_user = has_user || instruction->kind == InstructionKind::User;
  }
  CHECK(has_user);
}

TEST_CASE("dockerfile model: ARG forms and substitution operators") {
  auto p = parse("ARG A B=2 C=\"x y\"\nFROM alpine\n");
  REQUIRE(p.model.global_args.size() == 1);
  const auto& pairs = p.model.global_args[0]->pairs;
  REQUIRE(pairs.size() == 3);
  CHECK(pairs[2].value->text == "x y");
  CHECK(pairs[0].key.text == "A");
  CHECK_FALSE(pairs[0].value.has_value());
  CHECK(pairs[1].value->text == "2");

  const std::map<std::string, std::string> scope = {{"SET", "x"}, {"EMPTY", ""}};
  bool unresolved = false;
  CHECK(substitute("${SET:-d}${EMPTY:-d}${EMPTY-d}${SET:+a}${EMPTY:+a}${NOPE+a}", scope,
                   &unresolved) == "xda");
  CHECK_FALSE(unresolved);
  CHECK(substitute("\\$SET $SET", scope, &unresolved) == "$SET x");
}
