# berth's own container image. The build stage uses Debian 12 and the same packages as
# scripts/install-deps.sh; the final image is distroless (glibc and libstdc++, no shell, no
# package manager, non-root) with the binary and the few shared libraries it links.
#   docker build -t berth .
#   docker run --rm -v "$PWD:/work" berth check --format sarif .
FROM debian:12.11 AS build
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates cmake ninja-build g++ make \
      libyaml-cpp-dev libboost-program-options-dev nlohmann-json3-dev \
      llvm-dev doctest-dev nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# The pinned npm grammars first, so source edits do not refetch them.
COPY grammars/package.json grammars/package-lock.json grammars/
RUN npm ci --prefix grammars --ignore-scripts --no-audit --no-fund
COPY . .
RUN cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release \
 && cmake --build build --target berth \
 && build/berth --version \
 && mkdir -p /out/lib \
 && cp build/berth /out/ \
 && ldd build/berth | awk '$3 ~ /^\// { print $3 }' \
      | grep -v -e '/libc\.so' -e '/libm\.so' -e '/libstdc++' -e '/libgcc_s' \
      | xargs -r cp -L -t /out/lib/

# gcr.io/distroless/cc-debian12 is Debian 12 too, so the copied libraries match its glibc.
FROM gcr.io/distroless/cc-debian12:nonroot
COPY --from=build /out/lib/ /usr/local/lib/berth/
COPY --from=build /out/berth /usr/local/bin/berth
ENV LD_LIBRARY_PATH=/usr/local/lib/berth
USER nonroot
WORKDIR /work
# A one-shot command-line tool: there is no long-running service to probe.
HEALTHCHECK NONE
ENTRYPOINT ["/usr/local/bin/berth"]
CMD ["check", "."]
