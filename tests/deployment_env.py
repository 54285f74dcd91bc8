"""The services of docker-compose.yml as plain local processes. There is no Docker
engine here, so tests run the very commands compose would run, with only the
listen ports, data paths and worker node names pointed at test-owned values."""

from __future__ import annotations

import json
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml

from tests.services_env import ROOT, VIGIL, Process, wait_for

COMPOSE_FILE = ROOT / "docker-compose.yml"
ENV_EXAMPLE = ROOT / ".env.example"
BIN = Path(VIGIL).parent
# Test values for the secrets compose requires; never used outside a test.
TEST_SECRETS = {
    "POSTGRES_PASSWORD": "test-only",
    "REDIS_PASSWORD": "test-only",
    "FLOWER_BASIC_AUTH": "ops:test-only",
    "VIGIL_API_TOKENS": "test-token",
}
API_PORT_IN_IMAGE = 8000
FLOWER_PORT_IN_IMAGE = 5555


def compose_services() -> dict[str, dict[str, Any]]:
    """`docker compose config` when the client can parse the file (it needs no engine),
    else the YAML itself with ``${VAR:-default}`` read as its default."""
    if shutil.which("docker") and _run(["docker", "compose", "version"]).returncode == 0:
        with tempfile.TemporaryDirectory() as project:
            shutil.copy(COMPOSE_FILE, Path(project) / "docker-compose.yml")
            Path(project, ".env").write_text("".join(f"{k}={v}\n" for k, v in TEST_SECRETS.items()))
            result = _run(["docker", "compose", "config", "--format", "json"], cwd=project)
        assert result.returncode == 0, result.stderr
        return json.loads(result.stdout)["services"]
    return json.loads(interpolate_defaults(json.dumps(yaml.safe_load(COMPOSE_FILE.read_text())["services"])))


def interpolate_defaults(text: str) -> str:
    """Compose's interpolation with nothing set: ``${A:-x}`` is x, ``${A:?msg}`` a test secret,
    and ``$$`` a literal ``$``."""

    def value(match: re.Match[str]) -> str:
        if match.group(0) == "$$":
            return "$"
        name, kind, default = match.group(1), match.group(2), match.group(3)
        return default if kind == ":-" else TEST_SECRETS.get(name, "")

    return re.sub(r"\$\$|\$\{(\w+)(:-|:\?)?([^}]*)\}", value, text)


def _run(args: list[str], cwd: str | Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=60)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def with_options(args: list[str], **options: str) -> list[str]:
    """Set ``--name value`` or ``--name=value`` options (underscores in ``name`` stand for
    dashes), keeping the form the command uses; an option it lacks is appended."""
    args = list(args)
    for name, value in options.items():
        flag = "--" + name.replace("_", "-")
        if flag in args:
            args[args.index(flag) + 1] = value
        elif any(a.startswith(flag + "=") for a in args):
            args = [f"{flag}={value}" if a.startswith(flag + "=") else a for a in args]
        else:
            args += [flag, value]
    return args


def executable(args: list[str]) -> list[str]:
    """The project's own console scripts live in the virtualenv, as they do in the image."""
    return [str(BIN / args[0]), *args[1:]]


@dataclass
class LocalStack:
    """Where the local copies of the compose services listen and keep their data."""

    data_dir: Path
    api_port: int
    flower_port: int
    node: str

    @classmethod
    def create(cls, data_dir: Path) -> LocalStack:
        return cls(data_dir, free_port(), free_port(), f"vigil-test-{uuid.uuid4().hex[:8]}")

    def command(self, spec: dict[str, Any]) -> list[str]:
        args = [self.localise(arg) for arg in spec["command"]]
        if args[0] == "uvicorn":
            args = with_options(args, host="127.0.0.1", port=str(self.api_port))
        elif args[:2] == ["vigil", "worker"]:
            args = with_options(args, hostname=f"{args[args.index('--queues') + 1]}@{self.node}")
        elif "flower" in args:
            args = with_options(args, address="127.0.0.1", port=str(self.flower_port))
        return executable(args)

    def healthcheck_passes(self, spec: dict[str, Any], env: dict[str, str]) -> bool:
        """Runs the service's health check as Docker would inside its container, where
        ``$HOSTNAME`` is the node's host name and the project's scripts are on PATH."""
        test = [self.localise(part) for part in spec["healthcheck"]["test"]]
        args = ["sh", "-c", test[1]] if test[0] == "CMD-SHELL" else executable(test[1:])
        env = env | {"HOSTNAME": self.node, "PATH": f"{BIN}:{env.get('PATH', '')}"}
        return subprocess.run(args, env=env, cwd=ROOT, capture_output=True, timeout=60).returncode == 0

    def localise(self, text: str) -> str:
        return (
            text.replace("/data/", f"{self.data_dir}/")
            .replace(f"127.0.0.1:{API_PORT_IN_IMAGE}", f"127.0.0.1:{self.api_port}")
            .replace(f"127.0.0.1:{FLOWER_PORT_IN_IMAGE}", f"127.0.0.1:{self.flower_port}")
        )

    def start(self, service: str, spec: dict[str, Any], env: dict[str, str]) -> Process:
        return Process(self.command(spec), env, self.data_dir / f"{service}.log")

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.api_port}"


def start_api(stack: LocalStack, env: dict[str, str]) -> Process:
    """The compose ``api`` service, once it answers ``/healthz``."""
    process = stack.start("api", compose_services()["api"], env)
    wait_for(lambda: _answers(f"{stack.api_url}/healthz") or process.popen.poll() is not None, 60, "API up")
    assert process.popen.poll() is None, process.output()
    return process


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
