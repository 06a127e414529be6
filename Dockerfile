# Build with the SDK, run on the ASP.NET runtime. The database lives on a volume.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish api/Compliance.Api/Compliance.Api.csproj -c Release -o /app \
 && dotnet publish cli/Compliance.Cli/Compliance.Cli.csproj -c Release -o /app/cli

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The service listens on every address of the container, so it refuses to start until the database holds a key:
#   docker run --rm -v compliance-data:/data --entrypoint dotnet compliance /app/cli/compliance.dll \
#     keys create --tenant ops --scope admin
ENV ASPNETCORE_URLS=http://+:8080 \
    COMPLIANCE_DB=/data/compliance.db
RUN mkdir -p /data && chown $APP_UID /data
VOLUME /data
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "Compliance.Api.dll"]
