// Hover text for the Dockerfile instructions: what each does and the one thing most often
// gotten wrong about it, written for berth (BuildKit semantics).
#include "lsp/instruction_docs.h"

#include <array>
#include <cctype>
#include <string>
#include <utility>

namespace berth::lsp {

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 18> kDocs{{
    {"FROM",
     "**FROM** `[--platform=<platform>] <image>[:<tag>|@<digest>] [AS <name>]`\n\n"
     "Starts a build stage from a base image (or an earlier stage by name). The last stage "
     "(or `--target`) is the image that ships. Pin bases by digest for reproducible builds."},
    {"RUN",
     "**RUN** `[--mount=...] [--network=...] <command>` or `RUN [\"exe\", \"arg\"]`\n\n"
     "Runs a command in a new layer. Shell form runs under `/bin/sh -c`; heredocs "
     "(`RUN <<EOF`) are supported. Clean package caches in the same `RUN` that fills them, "
     "or use `--mount=type=cache`."},
    {"CMD",
     "**CMD** `[\"exe\", \"arg\"]` or `CMD command arg`\n\n"
     "The default command (or default arguments to `ENTRYPOINT`) of a container. Only the "
     "last `CMD` of a stage counts. Prefer the exec (JSON) form so signals reach the process."},
    {"LABEL",
     "**LABEL** `<key>=<value> ...`\n\n"
     "Adds metadata to the image, e.g. `org.opencontainers.image.source`. Labels are "
     "inherited from the base image."},
    {"MAINTAINER",
     "**MAINTAINER** `<name>` (deprecated)\n\n"
     "Sets the author field. Deprecated: use `LABEL org.opencontainers.image.authors=...`."},
    {"EXPOSE",
     "**EXPOSE** `<port>[/<protocol>] ...`\n\n"
     "Documents the ports the container listens on (tcp by default). It publishes nothing by "
     "itself; `docker run -p` or a Kubernetes Service does."},
    {"ENV",
     "**ENV** `<key>=<value> ...`\n\n"
     "Sets environment variables for later instructions and for the running container. "
     "Values persist in the image: never put secrets here (use `RUN --mount=type=secret`)."},
    {"ADD",
     "**ADD** `[--chown=...] [--checksum=...] <src>... <dest>`\n\n"
     "Copies files, and also fetches URLs and unpacks local tar archives. Prefer `COPY` unless "
     "you need those extras; pin remote sources with `--checksum`."},
    {"COPY",
     "**COPY** `[--from=<stage>] [--chown=...] [--chmod=...] [--link] <src>... <dest>`\n\n"
     "Copies files from the build context or another stage. A destination ending in `/` is a "
     "directory; with several sources it must be one."},
    {"ENTRYPOINT",
     "**ENTRYPOINT** `[\"exe\", \"arg\"]` or `ENTRYPOINT command arg`\n\n"
     "The executable a container runs; `CMD` supplies default arguments. The shell form runs "
     "under `/bin/sh -c`, which ignores `CMD` and swallows signals: use the exec form."},
    {"VOLUME",
     "**VOLUME** `[\"/path\", ...]` or `VOLUME /path ...`\n\n"
     "Declares mount points for external volumes. Changes to a volume path after this "
     "instruction are discarded in the image."},
    {"USER",
     "**USER** `<user>[:<group>]` or `USER <uid>[:<gid>]`\n\n"
     "Sets the user for later `RUN`, `CMD` and `ENTRYPOINT`. Without it the container runs as "
     "root; end the shipped stage with a non-root user."},
    {"WORKDIR",
     "**WORKDIR** `/path`\n\n"
     "Sets (and creates) the working directory for later instructions. Use absolute paths; "
     "prefer it to `RUN cd ...`, which lasts only for that `RUN`."},
    {"ARG",
     "**ARG** `<name>[=<default>]`\n\n"
     "Declares a build-time variable (`--build-arg`). An `ARG` before the first `FROM` is only "
     "visible to `FROM` lines unless redeclared in the stage. Values show in the image "
     "history: not for secrets."},
    {"ONBUILD",
     "**ONBUILD** `<INSTRUCTION>`\n\n"
     "Registers an instruction that runs when another build uses this image as its base."},
    {"STOPSIGNAL",
     "**STOPSIGNAL** `<signal>`\n\n"
     "The signal sent to stop the container (default `SIGTERM`), e.g. `SIGQUIT` for nginx."},
    {"HEALTHCHECK",
     "**HEALTHCHECK** `[--interval=...] [--timeout=...] [--retries=...] CMD <command>` or "
     "`HEALTHCHECK NONE`\n\n"
     "How Docker tests that the container still works. Kubernetes ignores it and uses its own "
     "probes."},
    {"SHELL",
     "**SHELL** `[\"executable\", \"parameters\"]`\n\n"
     "Changes the shell used by the shell form of `RUN`, `CMD` and `ENTRYPOINT`, e.g. "
     "`[\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]` so pipeline failures fail the build."},
}};

}  // namespace

std::string_view instruction_docs(std::string_view keyword) {
  std::string upper(keyword);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const auto& [name, docs] : kDocs) {
    if (name == upper) return docs;
  }
  return {};
}

}  // namespace berth::lsp
