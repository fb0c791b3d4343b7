"""Publishing through a real Dask scheduler and worker processes on 127.0.0.1 (publishing/cluster.py).

The test starts ``dask scheduler`` and ``dask worker`` as the README says a teacher would, on
loopback only, and stops them. The site a cluster publishes is the one a local publish makes; a
worker killed mid-render has its variant sent to another one, up to the scheduler's limit, then
the variant is reported failed; an up-to-date variant is not sent at all.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from .conftest import probe

pytestmark = pytest.mark.xdist_group("cluster")

ROOT = Path(__file__).resolve().parents[2]
DASK = Path(sys.executable).with_name("dask")
VARIANTS = """
[tiny-descent]
scene = "descent"
steps = 2
surface_steps = 2
learning_rate = 0.75

[tiny-english]
scene = "descent"
language = "en"
steps = 1
surface_steps = 1
learning_rate = 0.5
"""
KILLED = """
[tiny-killed-once]
scene = "descent"
steps = 1
surface_steps = 1
learning_rate = 0.25

[tiny-killed-twice]
scene = "descent"
steps = 1
surface_steps = 1
learning_rate = 0.3
"""


def free_port() -> int:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        return probe_socket.getsockname()[1]


class Cluster:
    """``dask scheduler`` and ``workers`` × ``dask worker`` (one thread, no nanny) on 127.0.0.1."""

    def __init__(self, folder: Path, workers: int, allowed_failures: int = 3):
        self.address = f"tcp://127.0.0.1:{free_port()}"
        self.folder = folder
        env = {**os.environ, "DASK_DISTRIBUTED__SCHEDULER__ALLOWED_FAILURES": str(allowed_failures)}
        self.scheduler = subprocess.Popen(
            [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", self.address.rsplit(":", 1)[1],
             "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=open(folder / "scheduler.log", "w"), env=env)
        self.workers: list[subprocess.Popen] = []
        try:  # a cluster that does not come up is stopped, not left running
            for _ in range(workers):
                self.add_worker(wait=False)
            self.wait_for(workers)
        except BaseException:
            self.stop()
            raise

    def add_worker(self, project: Path | None = None, wait: bool = True) -> subprocess.Popen:
        """Start a worker (of ``project``, a copy of this one, when given) and wait until it has joined."""
        index = len(self.workers)
        local = self.folder / f"worker-{index}"
        local.mkdir(exist_ok=True)
        env = {**os.environ, "PYTHONPATH": str(project)} if project else None
        # From another folder than the publisher's: a worker needs only the installed project.
        self.workers.append(subprocess.Popen(
            [str(DASK), "worker", self.address, "--nthreads", "1", "--no-nanny", "--host", "127.0.0.1",
             "--no-dashboard", "--local-directory", str(local), "--name", f"w{index}"],
            cwd=local, stdout=subprocess.DEVNULL, stderr=open(self.folder / f"worker-{index}.log", "w"), env=env))
        if wait:
            self.wait_for(len(self.workers))
        return self.workers[-1]

    def wait_for(self, count: int, timeout: float = 60):
        from distributed import Client

        deadline = time.monotonic() + timeout
        with Client(self.address, timeout=timeout, set_as_default=False) as client:
            while len(client.scheduler_info()["workers"]) < count:
                assert time.monotonic() < deadline, "the workers did not join the scheduler"
                time.sleep(0.2)

    def address_of(self, worker: subprocess.Popen) -> str:
        from distributed import Client

        name = f"w{self.workers.index(worker)}"
        with Client(self.address, timeout=30, set_as_default=False) as client:
            return next(address for address, info in client.scheduler_info()["workers"].items()
                        if info["name"] == name)

    def rendering_worker(self, timeout: float = 120) -> subprocess.Popen:
        """The worker whose process has a manim render running (its child)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for worker in self.workers:
                if worker.poll() is None and manim_children(worker.pid):
                    return worker
            time.sleep(0.1)
        raise AssertionError("no worker started a render")

    def stop(self):
        for process in [*self.workers, self.scheduler]:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in [*self.workers, self.scheduler]:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def manim_children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            if parent == pid and b"manim" in command:
                found.append(int(entry.name))
    return found


def publish(folder: Path, *arguments: str, variants: str = "variants.toml", site: str = "site",
            timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "publishing", "-q", "l", "--variants", str(folder / variants),
                           "--site", str(folder / site), "--media", str(folder / f"{site}-media"), *arguments],
                          cwd=ROOT, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def folder():
    folder = Path(tempfile.mkdtemp(prefix="cluster-"))
    (folder / "variants.toml").write_text(VARIANTS, encoding="utf-8")
    (folder / "killed.toml").write_text(KILLED, encoding="utf-8")
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def stale_copy(folder: Path) -> Path:
    """A copy of this project with one scene file changed: a worker running it renders other videos."""
    copy = folder / "stale-project"
    if not copy.exists():
        listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
        for name in filter(None, listed.decode().split("\0")):
            (copy / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, copy / name)
        with open(copy / "scenes" / "descent.py", "a", encoding="utf-8") as scene:
            scene.write("# an older copy of the project\n")
    return copy


@pytest.fixture(scope="module")
def cluster(folder):
    """Two workers of this project and one of a stale copy of it (``cluster.stale``)."""
    cluster = Cluster(folder, workers=2)
    try:
        cluster.stale = cluster.address_of(cluster.add_worker(stale_copy(folder)))
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def sites(folder, cluster):
    local = publish(folder, site="local")
    remote = publish(folder, "--scheduler", cluster.address, site="remote")
    again = publish(folder, "--scheduler", cluster.address, site="remote")
    return {"local": local, "remote": remote, "again": again, "folder": folder, "stale": cluster.stale}


def files_of(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def test_a_cluster_publishes_the_site_a_local_publish_makes(sites):
    folder = sites["folder"]
    for run in ("local", "remote"):
        assert sites[run].returncode == 0, sites[run].stdout + sites[run].stderr
        assert "2 published, 0 up to date, 0 failed" in sites[run].stdout
    local, remote = folder / "local", folder / "remote"
    assert files_of(local) == files_of(remote) and len(files_of(local)) == 2 + 2 * (2 + 2 + 4)  # page, manifest; video, poster, captions, tables
    for path in sorted(files_of(local)):
        if path.endswith((".csv", ".json", ".vtt", ".html")) and path != "manifest.json":
            assert (local / path).read_bytes() == (remote / path).read_bytes(), path
        if path.endswith(".mp4"):
            a, b = probe(local / path), probe(remote / path)
            assert (a["frames"], a["width"], a["height"]) == (b["frames"], b["width"], b["height"]), path
            assert abs(a["duration"] - b["duration"]) < 0.05, path
    fingerprints = [{name: value["fingerprint"] for name, value in
                     json.loads((site / "manifest.json").read_text()).items()} for site in (local, remote)]
    assert fingerprints[0] == fingerprints[1]
    for path in files_of(remote):
        assert (remote / path).stat().st_mode & 0o777 == 0o644, path


def test_progress_and_summary_say_which_worker_rendered_each_variant(sites):
    out = sites["remote"].stdout
    assert "sending 2 variant(s) at -ql to tcp://127.0.0.1:" in out
    assert "[██████████░░░░░░░░░░ 1/2 " in out and "[████████████████████ 2/2 " in out
    summary = out[out.index("rendered by"):]
    # The worker of a stale copy is named, with why, and sent nothing.
    assert f"not using  worker {sites['stale']}: its project gives tiny-descent another fingerprint" in out, out
    assert sites["stale"] not in summary, summary
    for name in ("tiny-descent", "tiny-english"):
        assert any(line.startswith(name) and "published" in line and "tcp://127.0.0.1:" in line
                   for line in summary.splitlines()), summary
    local = sites["local"].stdout
    assert "process 1" in local[local.index("rendered by"):]


def test_up_to_date_variants_are_not_sent(sites, folder):
    again = sites["again"]
    assert again.returncode == 0 and "0 published, 2 up to date" in again.stdout
    assert "sending" not in again.stdout
    # Nothing to send, so nothing connects: even a scheduler that is not there does not matter.
    absent = publish(folder, "--scheduler", f"tcp://127.0.0.1:{free_port()}", site="remote")
    assert absent.returncode == 0 and "0 published, 2 up to date" in absent.stdout, absent.stderr


def test_ctrl_c_stops_the_render_running_on_a_worker_and_publishes_nothing(folder, cluster):
    run = subprocess.Popen([sys.executable, "-m", "publishing", "-q", "l", "--variants", str(folder / "variants.toml"),
                            "--site", str(folder / "stopped"), "--media", str(folder / "stopped-media"),
                            "--scheduler", cluster.address, "tiny-descent"],
                           cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    worker = cluster.rendering_worker()
    renders = manim_children(worker.pid)
    run.send_signal(signal.SIGINT)
    asked = time.monotonic()
    out, err = run.communicate(timeout=120)
    assert run.returncode == 130 and err.startswith("interrupted: 0 variant(s) published, 1 left as they were"), out + err
    assert time.monotonic() - asked < 30
    # The worker's manim was stopped (not left to finish), and the worker goes on serving.
    assert not [pid for pid in renders if Path(f"/proc/{pid}").exists()
                and Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"]
    assert worker.poll() is None
    assert not [path for path in (folder / "stopped").rglob("*") if path.is_file()]


def test_with_no_worker_that_can_render_the_variants_fail_after_the_wait(folder):
    cluster = Cluster(folder, workers=0)
    try:
        stale = cluster.address_of(cluster.add_worker(stale_copy(folder)))
        result = publish(folder, "--scheduler", cluster.address, "--wait-for-workers", "2", site="lonely", timeout=120)
    finally:
        cluster.stop()
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"not using  worker {stale}: its project gives tiny-descent another fingerprint" in result.stdout
    assert "waiting for a worker that can render to join" in result.stdout
    assert "0 published, 0 up to date, 2 failed" in result.stdout
    assert f"failed: tiny-english: no worker that can render it was in the cluster at {cluster.address} for 2 s" \
        in result.stderr
    assert not [path for path in (folder / "lonely").rglob("*") if path.is_file() and path.name != "index.html"]


def test_an_unreachable_scheduler_is_one_line_and_publishes_nothing(folder):
    result = publish(folder, "--scheduler", f"tcp://127.0.0.1:{free_port()}", site="nowhere", timeout=120)
    assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: cannot reach the Dask scheduler at tcp://127.0.0.1:")
    assert not [path for path in (folder / "nowhere").rglob("*") if path.is_file() and path.name != "manifest.json"]


def test_a_scheduler_address_that_is_not_one_is_one_line(folder):
    for address in ("tcp://127.0.0.1", "http://127.0.0.1:8786"):
        result = publish(folder, "--scheduler", address, site="nowhere", timeout=120)
        assert result.returncode == 2 and result.stderr.count("\n") == 1, result.stderr
        assert result.stderr.startswith(f"error: cannot reach the Dask scheduler at {address}: "), result.stderr


def test_a_killed_worker_is_replaced_then_after_the_limit_the_variant_fails(folder):
    # allowed-failures 1: a variant may lose one worker and is sent again; losing a second fails it.
    cluster = Cluster(folder, workers=3, allowed_failures=1)
    try:
        run = subprocess.Popen([sys.executable, "-m", "publishing", "-q", "l", "--variants", str(folder / "killed.toml"),
                                "--site", str(folder / "killed"), "--media", str(folder / "killed-media"),
                                "--scheduler", cluster.address, "tiny-killed-once"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        victim = cluster.rendering_worker()
        victim.kill()
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0, out + err
        assert "1 published, 0 up to date, 0 failed" in out
        assert (folder / "killed" / "videos" / "tiny-killed-once.mp4").stat().st_size > 0

        run = subprocess.Popen([sys.executable, "-m", "publishing", "-q", "l", "--variants", str(folder / "killed.toml"),
                                "--site", str(folder / "killed"), "--media", str(folder / "killed-media"),
                                "--scheduler", cluster.address, "tiny-killed-twice"],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2):
            victim = cluster.rendering_worker()
            victim.kill()
            victim.wait()
        out, err = run.communicate(timeout=300)
        assert run.returncode == 1, out + err
        assert "failed: tiny-killed-twice: the worker rendering it died each time it was sent" in err
        assert "0 published, 0 up to date, 1 failed" in out
        published = files_of(folder / "killed")
        assert not [path for path in published if "tiny-killed-twice" in path or ".part" in path], published
        assert "tiny-killed-once" in (folder / "killed" / "index.html").read_text()
    finally:
        cluster.stop()


def test_a_render_on_a_worker_has_a_local_renders_environment_not_the_nannys(monkeypatch):
    import dask
    import distributed  # noqa: F401  (its configuration)

    from publishing.cluster import worker_environment

    # What Dask's nanny puts in a worker's environment (distributed.yaml), and so in its children's.
    nanny = dask.config.get("distributed.nanny.pre-spawn-environ")
    assert str(nanny["MALLOC_TRIM_THRESHOLD_"]) == "65536"
    given = {"PATH": "/usr/bin", "MALLOC_TRIM_THRESHOLD_": "65536", "OMP_NUM_THREADS": "4",
             "LECTURE_LANGUAGE": "en"}
    monkeypatch.setattr(os, "environ", given)
    # The nanny's value goes; a value set otherwise stays; $LECTURE_* goes as for any render.
    assert worker_environment() == {"PATH": "/usr/bin", "OMP_NUM_THREADS": "4"}
    # A nanny configured otherwise did not set 65536: the variable is the user's and stays.
    with dask.config.set({"distributed.nanny.pre-spawn-environ": {"MALLOC_TRIM_THRESHOLD_": 1024}}):
        assert worker_environment(given) == given
