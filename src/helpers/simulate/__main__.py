"""Write or check the generated datasets: ``python -m helpers.simulate [--check] [NAME ...]``."""

from __future__ import annotations

import argparse
import sys
import time

from helpers import data
from helpers.simulate import generators, render, write


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.simulate", description=__doc__)
    parser.add_argument("names", nargs="*", help="datasets to (re)generate; all when omitted")
    parser.add_argument("--check", action="store_true",
                        help="regenerate in memory and compare with the committed files")
    args = parser.parse_args(argv)
    known = generators()
    names = args.names or list(known)
    unknown = sorted(set(names) - set(known))
    if unknown:
        parser.error(f"unknown dataset(s) {unknown}; generated datasets are {sorted(known)}")
    drifted = []
    for name in names:
        start = time.perf_counter()
        if args.check:
            folder = data.data_dir() / name
            for file_name, payload in render(name).items():
                path = folder / file_name
                if not path.is_file() or path.read_bytes() != payload:
                    drifted.append(str(path))
            verb = "checked"
        else:
            write(name)
            verb = "wrote"
        print(f"{verb} {name} in {time.perf_counter() - start:.1f} s")
    if drifted:
        print("These files differ from what the generators write now; run `make datasets`:")
        for path in drifted:
            print(f"  {path}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
