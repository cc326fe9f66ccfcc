"""The two install routes agree, and CI runs exactly what the README says."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def pinned():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        match = re.match(r"^([A-Za-z0-9_.\-]+)==(\S+)$", line.strip())
        if match:
            pins[re.sub(r"[-_.]+", "-", match.group(1)).lower()] = match.group(2)
    return pins


def test_every_requirement_line_is_an_exact_pin():
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            assert re.match(r"^[A-Za-z0-9_.\-]+==[^=\s]+$", line), f"not an exact pin: {line!r}"


def test_environment_yml_matches_pins_package_by_package():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    pins = pinned()
    conda = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep and not dep.startswith("python="):
            name, version = dep.split("=", 1)
            conda[name] = version
    top = [re.split(r"[<>=!~\[ ]", l.split("#")[0].strip())[0]
           for l in (ROOT / "requirements.in").read_text().splitlines() if l.split("#")[0].strip()]
    for name in top:
        key = re.sub(r"[-_.]+", "-", name).lower()
        assert key in conda, f"{name} is missing from environment.yml"
        assert conda[key] == pins[key], f"{name}: environment.yml has {conda[key]}, requirements.txt {pins[key]}"
    assert set(conda) == {re.sub(r"[-_.]+", "-", n).lower() for n in top}
    pip_section = [d for d in env["dependencies"] if isinstance(d, dict)]
    assert pip_section == [{"pip": ["-e ."]}], "the pip section holds only the kit itself"


def test_key_packages_are_pinned():
    pins = pinned()
    for name in ("pandas", "numpy", "scipy", "scikit-learn", "seaborn", "matplotlib", "mlxtend", "jupyterlab",
                 "ipykernel", "nbval", "pytest", "pytest-xdist", "jupytext", "nbclient"):
        assert name in pins, f"{name} is not pinned"


def test_ci_runs_the_readme_test_command():
    """CI runs `make test`; before it only the optional system packages the README names."""
    lines = [l.strip() for l in (ROOT / ".ci" / "run").read_text().splitlines()
             if l.strip() and not l.strip().startswith("#")]
    commands = [l for l in lines if not l.startswith(("set ", "cd ", "if ", "fi"))]
    assert commands[-1] == "make test"
    readme = (ROOT / "README.md").read_text()
    assert "make test" in readme
    for command in commands[:-1]:
        if "apt-get install" in command:
            for package in ("chromium", "openjdk-17-jre-headless"):
                if package in command:
                    assert package in readme, f".ci/run installs {package}, which the README does not mention"
        else:
            assert command == "apt-get update -qq", f"unexpected CI step: {command}"
