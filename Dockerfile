# Build with the SDK, run on the ASP.NET runtime. The database is PostgreSQL (COMPLIANCE_DB=postgresql://…, or
# COMPLIANCE_DB_FILE naming a secret file that holds it) or, by default, a SQLite file on the /data volume.
#
# Two images from one build: the service (the default, last stage) and the command-line tool (target cli):
#   docker build -t compliance .                      the service
#   docker build --target cli -t compliance-cli .     the CLI: docker run --rm -v "$PWD:/work" compliance-cli gate model.json -a release
# Both have `compliance` on the PATH (docker run --entrypoint compliance compliance bills runs the CLI in the service's).
# VERSION (a build argument) stamps both with a release's version, as the release workflow does from its tag.
#
# PIN-BASE-IMAGES: the base images are meant to be pinned by digest, and are not yet. No registry was reachable where
# this file was written, and a digest copied from elsewhere could not be checked, so the two ARGs below name the
# moving 10.0 tags. Pin them by looking the digests up:
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/sdk:10.0 --format '{{json .Manifest.Digest}}'
#   docker buildx imagetools inspect mcr.microsoft.com/dotnet/aspnet:10.0 --format '{{json .Manifest.Digest}}'
# then write them into the defaults (mcr.microsoft.com/dotnet/sdk:10.0@sha256:…) or pass them at build time:
#   docker build --build-arg SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0@sha256:… \
#                --build-arg ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0@sha256:… -t compliance .
# Refresh them when .NET ships a patch (monthly): a pinned image does not get security fixes by itself.
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
ARG VERSION
WORKDIR /src
# Restore in its own layer, from the project files and the central build settings only: a change to the sources
# reuses it, and only a change of a package or a project reference downloads again.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY api/Compliance.Api/Compliance.Api.csproj api/Compliance.Api/
COPY cli/Compliance.Cli/Compliance.Cli.csproj cli/Compliance.Cli/
COPY rules/Compliance.Rules/Compliance.Rules.csproj rules/Compliance.Rules/
COPY rules/Compliance.Rules.Bundler/Compliance.Rules.Bundler.csproj rules/Compliance.Rules.Bundler/
COPY storage/Compliance.Storage/Compliance.Storage.csproj storage/Compliance.Storage/
RUN dotnet restore api/Compliance.Api/Compliance.Api.csproj \
 && dotnet restore cli/Compliance.Cli/Compliance.Cli.csproj
COPY . .
# Without VERSION, the version the project files give.
RUN dotnet publish api/Compliance.Api/Compliance.Api.csproj -c Release --no-restore -o /app ${VERSION:+-p:Version=$VERSION} \
 && dotnet publish cli/Compliance.Cli/Compliance.Cli.csproj -c Release --no-restore -o /app/cli ${VERSION:+-p:Version=$VERSION}

# The CLI alone: the gate, evaluate, import and the rest, on the files of the folder mounted at /work.
FROM ${ASPNET_IMAGE} AS cli
WORKDIR /app
COPY --from=build /app/cli ./cli
COPY cli/docker/compliance /usr/local/bin/compliance
# The image's own user (APP_UID), never root: give it a folder it may write its reports to (docker run --user "$(id -u)").
USER $APP_UID
WORKDIR /work
ENTRYPOINT ["dotnet", "/app/cli/compliance.dll"]

# The service, the default target.
FROM ${ASPNET_IMAGE} AS service
WORKDIR /app
COPY --from=build /app .
COPY cli/docker/compliance /usr/local/bin/compliance
# The service listens on every address of the container, so it refuses to start until the database holds a key:
#   docker run --rm -v compliance-data:/data --entrypoint compliance compliance keys create --tenant ops --scope admin
ENV ASPNETCORE_URLS=http://+:8080 \
    COMPLIANCE_DB=/data/compliance.db
RUN mkdir -p /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080
# The image's own user (APP_UID, 1654), never root.
USER $APP_UID
# The runtime image has no curl or wget; the CLI is in the image already and asks the probe (exit 0 on a 200).
HEALTHCHECK --interval=30s --timeout=10s --start-period=30s --retries=3 \
  CMD ["dotnet", "/app/cli/compliance.dll", "health", "--url", "http://localhost:8080/health/live", "--timeout", "5"]
# On SIGTERM the service stops accepting, answers the requests in flight and commits every queued decision within
# COMPLIANCE_SHUTDOWN_TIMEOUT_SECONDS (35 s): give it that long, e.g. docker stop -t 45 (the default waits 10 s).
STOPSIGNAL SIGTERM
ENTRYPOINT ["dotnet", "Compliance.Api.dll"]
