"""Render variants on a Dask cluster: each worker renders one variant and sends back the page's files.

    python -m publishing --scheduler tcp://10.0.0.5:8786          # every variant, on the cluster
    python -m publishing --scheduler tcp://127.0.0.1:8786 -q l descent-en

Workers share no disk with the publisher. A worker gets the variant and the text of the variants
file, renders with its own copy of this project into a folder of its own, makes the published
files (:func:`publishing.publish.publish_files`) and returns them as bytes with the fingerprint
*its* project gives the variant. Before any render, each worker that joins is asked for the
fingerprints its project gives the variants to send; a worker whose differ from the publisher's
(other project files, another manim, another voice) or that cannot run this project is told in one
line and sent nothing. Files that come back are checked again, then written as a local render's:
into a staging folder, renamed into place together.

A worker that dies mid-render (killed, out of memory) is the scheduler's to handle: it sends the
variant to another worker, and after ``distributed.scheduler.allowed-failures`` deaths (3 unless
configured where the scheduler runs) it gives up, and the variant is reported failed with the
reason while the others go on. A render that fails (a scene's error) fails once, as locally. With
no worker that can take them for ``wait`` seconds, the variants left fail with that reason.
Ctrl-C sets a cluster-wide event that stops the renders running on the workers (their manim gets
SIGINT, as locally) and cancels the tasks still waiting; nothing half-written is published.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
import uuid
from pathlib import Path

from scenes.kit.variants import Variant

__all__ = ["render_remotely", "worker_environment", "fingerprints_here", "publish_on_cluster", "ClusterError", "WAIT_FOR_WORKERS"]

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 10
#: Seconds the publisher waits, by default, for a worker that can render when the cluster has none.
WAIT_FOR_WORKERS = 300
#: Seconds an interrupted render on a worker has to end (it gets SIGINT, then SIGKILL after STOP_GRACE).
STOP_WAIT = 20


class ClusterError(RuntimeError):
    """The scheduler cannot be reached (one line, for the command line)."""


_FOLDERS_LOCK = threading.Lock()
_FOLDERS_IN_USE: set[int] = set()


@contextlib.contextmanager
def _media_folder(local: Path):
    """A media folder of this worker's that no other of its threads uses meanwhile.

    manim's caches (LaTeX, texts, partial movies) stay in it from one variant to the next, as a
    local publish keeps one per process; the worker's local directory goes when the worker does.
    """
    with _FOLDERS_LOCK:
        index = min(set(range(len(_FOLDERS_IN_USE) + 1)) - _FOLDERS_IN_USE)
        _FOLDERS_IN_USE.add(index)
    try:
        yield local / f"lecture-media-{index}"
    finally:
        with _FOLDERS_LOCK:
            _FOLDERS_IN_USE.discard(index)


@contextlib.contextmanager
def _stopped_by(event_name: str | None):
    """A ``threading.Event`` that is set when the cluster-wide event ``event_name`` is (watched on a thread)."""
    stop, finished = threading.Event(), threading.Event()
    if event_name is None:
        yield stop
        return
    from distributed import Event, get_client

    halt = Event(event_name, client=get_client())

    def watch():
        while not finished.is_set():
            try:
                if halt.wait(timeout=1):
                    stop.set()
                    return
            except Exception:  # the worker is closing: its render goes with it
                return

    watcher = threading.Thread(target=watch, name="lecture-stop-watch", daemon=True)
    watcher.start()
    try:
        yield stop
    finally:
        finished.set()


def worker_environment(environment: dict[str, str] | None = None) -> dict[str, str]:
    """A render's environment on a worker: the one a local render has, without what Dask's nanny set.

    The nanny sets ``distributed.nanny.pre-spawn-environ`` in the worker's environment, and a child
    inherits it: with glibc told to give memory back at every 64 KiB (``MALLOC_TRIM_THRESHOLD_``),
    manim, which allocates and frees numpy arrays every frame, renders 8–15% slower (-ql, two pairs
    each: the descent 20.4 → 21.9 s, the gradient field 12.3 → 13.8 s). A variable the nanny set is
    dropped where its value is still the nanny's; one set otherwise is kept.
    """
    import dask
    import distributed  # noqa: F401  (its defaults, the nanny's among them, join dask's config)

    from .publish import render_environment

    environment = render_environment() if environment is None else dict(environment)
    for key, value in (dask.config.get("distributed.nanny.pre-spawn-environ", {}) or {}).items():
        if environment.get(key) == str(value):
            del environment[key]
    return environment


def render_remotely(variant: Variant, variants_text: str, quality: str, stop_event: str | None = None) -> dict:
    """On a worker: render ``variant`` and return its entry, its files as bytes, its fingerprint and where.

    When the cluster-wide event ``stop_event`` is set meanwhile, the render is stopped (SIGINT to
    manim, SIGKILL after STOP_GRACE seconds) and the task fails, leaving nothing behind.
    """
    from distributed import get_worker

    from .publish import _paths, publish_files, render_variant
    from .sources import fingerprint, variant_plan

    worker = get_worker()
    started = time.perf_counter()
    with _stopped_by(stop_event) as stop, _media_folder(Path(worker.local_directory)) as media, \
            tempfile.TemporaryDirectory(prefix="lecture-variant-") as scratch:
        scratch = Path(scratch)
        variants_file = scratch / "variants.toml"
        variants_file.write_text(variants_text, encoding="utf-8")
        plan = variant_plan(variant)
        key = fingerprint(variant, quality, plan=plan)
        record = render_variant(variant, quality, media, variants_file, stop, worker_environment())
        entry = publish_files(variant, record, scratch / "out", plan, stop)
        files = {path: (scratch / "out" / path).read_bytes() for path in _paths(entry)}
    return {"entry": entry, "files": files, "fingerprint": key, "worker": worker.address,
            "seconds": time.perf_counter() - started}


def fingerprints_here(variants: list[Variant], quality: str) -> dict[str, str]:
    """On a worker: the fingerprint this worker's project gives each variant (by name)."""
    from .sources import fingerprint

    return {variant.name: fingerprint(variant, quality) for variant in variants}


def _connect(Client, scheduler: str):
    """A client of ``scheduler``, or :class:`ClusterError` in one line, within about CONNECT_TIMEOUT seconds.

    The connection is made on a thread of its own: a port where something else than a Dask
    scheduler answers can keep ``Client()`` waiting well past its timeout.
    """
    from distributed.comm.addressing import parse_address, parse_host_port

    try:  # a malformed address is told apart before any connection (a failed Client warns at exit)
        scheme, where = parse_address(scheduler, strict=False)
        if scheme not in ("tcp", "tls", "ws", "wss", "ucx"):
            raise ValueError(f"'{scheme}://' is not a Dask scheduler's scheme: give tcp://HOST:PORT")
        parse_host_port(where)
    except ValueError as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(error).split())}") from None
    found: dict = {}

    def connect():
        try:
            found["client"] = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except BaseException as error:  # reported below, in one line
            found["error"] = error

    thread = threading.Thread(target=connect, daemon=True)
    thread.start()
    thread.join(CONNECT_TIMEOUT + 5)
    if "client" in found:
        return found["client"]
    error = found.get("error")
    why = " ".join(str(error).split()) or type(error).__name__ if error else "no answer"
    raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {why}")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__


class _Workers:
    """The cluster's workers that may render: those whose project gives the publisher's fingerprints.

    Each worker that joins is asked, by a task pinned to it (on its thread, not its event loop: a
    long list of variants takes seconds), for the fingerprints its project gives the variants.
    """

    def __init__(self, client, pending: list, quality: str, log):
        self.client, self.quality, self.log = client, quality, log
        self.variants = [outcome.variant for outcome, _, _ in pending]
        self.keys = {outcome.variant.name: key for outcome, key, _ in pending}
        self.verdicts: dict[str, str] = {}   # address → "" (may render) or why not
        self.asking: dict[str, object] = {}  # address → the future of its fingerprints
        self.threads: dict[str, int] = {}    # address → threads, of the workers that may render

    def refresh(self) -> None:
        nthreads = self.client.nthreads()
        for address in nthreads:
            if address not in self.verdicts and address not in self.asking:
                self.asking[address] = self.client.submit(
                    fingerprints_here, self.variants, self.quality, workers=[address], allow_other_workers=False,
                    pure=False, key=f"publish-fingerprints-{uuid.uuid4().hex}")
        for address, future in list(self.asking.items()):
            if address not in nthreads:  # it left before answering
                future.cancel()
                del self.asking[address]
            elif future.done():
                del self.asking[address]
                self.verdicts[address] = why = self._verdict(future)
                if why:
                    self.log(f"  not using  worker {address}: {why}")
        self.threads = {address: count for address, count in nthreads.items() if self.verdicts.get(address) == ""}

    def _verdict(self, future) -> str:
        answer = future.result() if future.status == "finished" else \
            future.exception() if future.status == "error" else future.status
        if not isinstance(answer, dict):
            return f"it cannot run this project's code ({_one_line(answer)})"
        differing = [name for name, key in self.keys.items() if answer.get(name) != key]
        if not differing:
            return ""
        name = differing[0]
        return (f"its project gives {name} another fingerprint ({str(answer.get(name))[:12]}, here "
                f"{self.keys[name][:12]}): give the workers the same project files, manim and voice")

    def first(self, wait: float = CONNECT_TIMEOUT) -> None:
        """Refresh until the workers there now have answered (or ``wait`` seconds have passed)."""
        deadline = time.monotonic() + wait
        self.refresh()
        while self.asking and time.monotonic() < deadline:
            time.sleep(0.1)
            self.refresh()


def publish_on_cluster(scheduler: str, pending: list, quality: str, variants_text: str, accept, stop: threading.Event,
                       log=print, wait: float = WAIT_FOR_WORKERS) -> None:
    """Send each ``(outcome, key, plan)`` of ``pending`` to the cluster; hand each result to ``accept``.

    ``accept(outcome, key, result)`` publishes a returned result; failures are written into the
    outcome. Returns when every variant is done, or when ``stop`` is set (the renders running on
    workers are stopped, the tasks cancelled), or when for ``wait`` seconds no worker could take
    the variants left (they fail).
    """
    try:
        from distributed import Client, Event
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise ClusterError("--scheduler needs Dask's distributed (pip install -e . installs it)") from None

    client = _connect(Client, scheduler)
    halt = Event(f"lecture-stop-{uuid.uuid4().hex}", client=client)
    try:
        workers = _Workers(client, pending, quality, log)
        workers.first()
        log(f"sending {len(pending)} variant(s) at -q{quality} to {scheduler} "
            f"({len(workers.threads)} worker(s) now)…")
        # One variant per free worker thread, in the variants file's order, the next as one ends.
        # Dask's scheduler would hand each worker some ahead of time, and a worker done early
        # then waits idle while another's queue runs (measured: 748 s against 543 s here).
        queue, running, asked, alone_since, told = list(pending), {}, time.monotonic(), None, False
        while queue or running:
            if stop.is_set():
                _stop(client, halt, running, queue)
                return
            now = time.monotonic()
            if now - asked > 2:  # workers may join or leave
                workers.refresh()
                asked = now
            if workers.threads:
                alone_since, told = None, False
            else:
                alone_since = alone_since or now
                if not told:
                    log(f"waiting for a worker that can render to join {scheduler} (at most {wait:.0f} s)…")
                    told = True
                if now - alone_since > wait:
                    client.cancel(list(running))
                    why = f"no worker that can render it was in the cluster at {scheduler} for {wait:.0f} s"
                    for outcome, key in [*running.values(), *((o, k) for o, k, _ in queue)]:
                        accept(outcome, key, None, why)
                    return
            while queue and len(running) < sum(workers.threads.values()):
                outcome, key, _ = queue.pop(0)
                future = client.submit(render_remotely, outcome.variant, variants_text, quality, halt.name,
                                       pure=False, workers=list(workers.threads), allow_other_workers=False,
                                       key=f"publish-{outcome.variant.name}-{key[:12]}-{time.monotonic_ns()}")
                running[future] = (outcome, key)
                outcome.status, outcome.started = "sent", time.perf_counter()
            done = [future for future in running if future.done()]
            if not done:
                time.sleep(0.2)
                continue
            for future in done:
                outcome, key = running.pop(future)
                if future.status == "finished":
                    accept(outcome, key, future.result())
                    continue
                error = future.exception() if future.status == "error" else None
                if isinstance(error, KilledWorker):
                    message = (f"the worker rendering it died each time it was sent ({error}); "
                               "see the workers' logs (killed, out of memory?)")
                else:
                    message = _one_line(error) if error else future.status
                accept(outcome, key, None, message)
    finally:
        client.close(timeout=CONNECT_TIMEOUT)


def _stop(client, halt, running: dict, queue: list) -> None:
    """Ctrl-C: stop the renders running on workers, cancel what waits, and mark every variant left interrupted."""
    halt.set()
    deadline = time.monotonic() + STOP_WAIT
    while any(not future.done() for future in running) and time.monotonic() < deadline:
        time.sleep(0.1)
    client.cancel(list(running))
    if all(future.done() for future in running):
        halt.clear()  # no worker still watches it: the scheduler forgets it
    for outcome, _ in running.values():
        outcome.status = "interrupted"
    for outcome, _, _ in queue:
        outcome.status = "interrupted"
