#!/usr/bin/env bash
# Runs every benchmark under bench/ (pass --small for the quick mode used by `make bench`).
set -euo pipefail
cd "$(dirname "$0")/.."
for script in bench/*.py; do
  case "$(basename "$script")" in _*) continue ;; esac
  echo "== $script $* =="
  .venv/bin/python "$script" "$@"
done
