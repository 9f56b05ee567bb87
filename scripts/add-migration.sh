#!/usr/bin/env bash
# Adds a migration NAME for both providers (SQLite and PostgreSQL). See docs/decisions/0001.
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh NAME}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Maillage --context SqliteMaillageDb \
  --output-dir Platform/Data/Migrations/Sqlite --namespace Maillage.Platform.Data.Migrations.Sqlite
dotnet ef migrations add "$name" --project src/Maillage --context PostgresMaillageDb \
  --output-dir Platform/Data/Migrations/Postgres --namespace Maillage.Platform.Data.Migrations.Postgres
# dotnet-ef places the model snapshots under a folder named after the root namespace; bring them home.
for provider in Sqlite Postgres; do
  if [ -d "src/Maillage/Maillage/Platform/Data/Migrations/$provider" ]; then
    mv src/Maillage/Maillage/Platform/Data/Migrations/$provider/*.cs src/Maillage/Platform/Data/Migrations/$provider/
  fi
done
rm -rf src/Maillage/Maillage src/Maillage/design-time.db
