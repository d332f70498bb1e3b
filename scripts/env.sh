# Sourced by Stoa's scripts: where builds are cached.
#
# The target directory lives outside the work tree so that fresh clones (CI) reuse earlier
# builds. Override with CARGO_TARGET_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/stoa/target}"
# Two cores: keep cargo's default of one job per core; tests that start nodes run serially.
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
