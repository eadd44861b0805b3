"""Install the pinned npm packages and copy the browser files we serve into static/vendor/.

Usage: python scripts/setup_assets.py [--skip-npm]

Runs ``npm ci`` (exact versions from package-lock.json; no network needed when node_modules is
already complete) and copies each file in ``sq.render.webassets.VENDOR_FILES`` from node_modules/ to
static/vendor/, which Streamlit serves at /app/static/vendor/ (server.enableStaticServing).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sq.render.webassets import NODE_MODULES, VENDOR_DIR, VENDOR_FILES, missing_vendor_files


def install_packages(project_root: Path) -> None:
    """Run `npm ci` in the project root (fails loudly if npm or the lock file is missing)."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("npm not found: install Node.js (Debian: apt-get install nodejs npm)")
    subprocess.run(
        [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=project_root, check=True
    )


def copy_vendor_files(node_modules: Path, vendor_dir: Path) -> list[Path]:
    """Copy every vendor file into place and return the written paths."""
    written = []
    for source, dest in VENDOR_FILES:
        target = vendor_dir / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(node_modules / source, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """Install and copy; return a process exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-npm", action="store_true", help="only copy from node_modules/")
    args = parser.parse_args(argv)
    if not args.skip_npm:
        install_packages(NODE_MODULES.parent)
    written = copy_vendor_files(NODE_MODULES, VENDOR_DIR)
    missing = missing_vendor_files(VENDOR_DIR)
    if missing:
        print("missing after copy: " + ", ".join(missing), file=sys.stderr)
        return 1
    print(f"copied {len(written)} files into {VENDOR_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
