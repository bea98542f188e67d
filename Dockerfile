# syntax=docker/dockerfile:1
# docker-doctor itself, built from this repository (docs/integrations.md):
#   docker build -t docker-doctor .
#   docker run --rm -v "$PWD:/src:ro" docker-doctor
# docker-doctor lints this file with zero findings (tests/cli_config_test.cc).

FROM debian:bookworm-slim AS build
# Debian's image deletes downloaded packages after every install; keep them,
# so that the cache mounts below make rebuilds download nothing.
RUN rm -f /etc/apt/apt.conf.d/docker-clean \
 && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update \
 && apt-get install -y --no-install-recommends \
      build-essential cmake ninja-build pkg-config ca-certificates nodejs npm \
      libyaml-cpp-dev libre2-dev nlohmann-json3-dev libcli11-dev libfmt-dev libtomlplusplus-dev \
 && mkdir -p /tmp/valijson /opt/valijson \
 && cd /tmp/valijson \
 && apt-get download libvalijson-dev \
 && dpkg-deb -x libvalijson-dev_*.deb /opt/valijson
WORKDIR /src
# The pinned tree-sitter sources and compose-spec schema: only the
# lockfiles decide them.
COPY grammars/package.json grammars/package-lock.json grammars/
COPY schemas/package.json schemas/package-lock.json schemas/
RUN --mount=type=cache,target=/root/.npm \
    (cd grammars && npm ci --ignore-scripts --no-audit --no-fund) \
 && (cd schemas && npm ci --ignore-scripts --no-audit --no-fund)
COPY . .
RUN mkdir -p .deps && ln -s /opt/valijson .deps/valijson \
 && cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DDD_BUILD_TESTS=OFF -DDD_BUILD_BENCH=OFF \
 && cmake --build build --target docker-doctor

FROM debian:bookworm-slim
RUN rm -f /etc/apt/apt.conf.d/docker-clean \
 && echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
    --mount=type=cache,target=/var/lib/apt,sharing=locked \
    apt-get update \
 && apt-get install -y --no-install-recommends libyaml-cpp0.7 libre2-9 libfmt9
COPY --from=build /src/build/docker-doctor /usr/local/bin/docker-doctor
# A fixed unprivileged user: the linter only reads the mounted repository.
RUN useradd --system --uid 10001 --no-create-home --shell /usr/sbin/nologin doctor
USER 10001:10001
WORKDIR /src
ENTRYPOINT ["docker-doctor"]
