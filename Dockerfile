# syntax=docker/dockerfile:1
# Portal image: docker build -t communitypartybuilding . (or `docker compose up --build`).
# The .NET 10 images are Ubuntu 24.04 based (apt-get works as on Debian).

# ---- build -------------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# Restore first, from the project files alone, so that the package layer is cached
# until a csproj or one of the shared props files changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/CommunityPartyBuilding.Web/CommunityPartyBuilding.Web.csproj src/CommunityPartyBuilding.Web/
COPY src/CommunityPartyBuilding.Documents/CommunityPartyBuilding.Documents.csproj src/CommunityPartyBuilding.Documents/
RUN dotnet restore src/CommunityPartyBuilding.Web/CommunityPartyBuilding.Web.csproj

COPY . .
RUN dotnet publish src/CommunityPartyBuilding.Web/CommunityPartyBuilding.Web.csproj \
        -c Release -o /app --no-restore -p:UseAppHost=false

# ---- runtime -----------------------------------------------------------------
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
# CJK fonts for server-side rendering (PDF, charts) of Chinese text.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends fonts-noto-cjk fontconfig \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY --from=build --chown=root:root /app ./

ENV ASPNETCORE_URLS=http://+:8080 \
    DOTNET_RUNNING_IN_CONTAINER=true
EXPOSE 8080
# Non-root user defined by the .NET images (APP_UID=1654, user "app").
USER $APP_UID
ENTRYPOINT ["dotnet", "CommunityPartyBuilding.Web.dll"]
