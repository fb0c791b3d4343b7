"""Render variants on a Dask cluster: each worker renders one variant and sends back the page's files.

    python -m publishing --scheduler tcp://10.0.0.5:8786          # every variant, on the cluster
    python -m publishing --scheduler tcp://127.0.0.1:8786 -q l descent-en

Workers share no disk with the publisher. A worker gets the variant and the text of the variants
file, renders with its own copy of this project into a folder of its own, makes the published
files (:func:`publishing.publish.publish_files`) and returns them as bytes with the fingerprint
*its* project gives the variant. The publisher refuses files whose fingerprint is not its own (a
worker with other project files, another manim, another voice), and otherwise writes them as a
local render's: into a staging folder, renamed into place together.

A worker that dies mid-render (killed, out of memory) is the scheduler's to handle: it sends the
variant to another worker, and after ``distributed.scheduler.allowed-failures`` deaths (3 unless
configured where the scheduler runs) it gives up, and the variant is reported failed with the
reason while the others go on. A render that fails (a scene's error) fails once, as locally.
Ctrl-C cancels the cluster's tasks; nothing half-written is published.
"""

from __future__ import annotations

import contextlib
import tempfile
import threading
import time
from pathlib import Path

from scenes.kit.variants import Variant

__all__ = ["render_remotely", "publish_on_cluster", "ClusterError"]

#: Seconds to wait for the scheduler to answer.
CONNECT_TIMEOUT = 10


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


def render_remotely(variant: Variant, variants_text: str, quality: str) -> dict:
    """On a worker: render ``variant`` and return its entry, its files as bytes, its fingerprint and where."""
    from distributed import get_worker

    from .publish import _paths, publish_files, render_variant
    from .sources import fingerprint, variant_plan

    worker = get_worker()
    started = time.perf_counter()
    with _media_folder(Path(worker.local_directory)) as media, \
            tempfile.TemporaryDirectory(prefix="lecture-variant-") as scratch:
        scratch = Path(scratch)
        variants_file = scratch / "variants.toml"
        variants_file.write_text(variants_text, encoding="utf-8")
        plan = variant_plan(variant)
        key = fingerprint(variant, quality, plan=plan)
        record = render_variant(variant, quality, media, variants_file)
        entry = publish_files(variant, record, scratch / "out", plan)
        files = {path: (scratch / "out" / path).read_bytes() for path in _paths(entry)}
    return {"entry": entry, "files": files, "fingerprint": key, "worker": worker.address,
            "seconds": time.perf_counter() - started}


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


def publish_on_cluster(scheduler: str, pending: list, quality: str, variants_text: str, accept, stop: threading.Event,
                       log=print) -> None:
    """Send each ``(outcome, key, plan)`` of ``pending`` to the cluster; hand each result to ``accept``.

    ``accept(outcome, key, result)`` publishes a returned result; failures are written into the
    outcome. Returns when every variant is done, or when ``stop`` is set (the tasks are cancelled).
    """
    try:
        from distributed import Client
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise ClusterError("--scheduler needs Dask's distributed (pip install -e . installs it)") from None

    client = _connect(Client, scheduler)
    try:
        log(f"sending {len(pending)} variant(s) at -q{quality} to {scheduler} "
            f"({len(client.scheduler_info().get('workers', {}))} worker(s) now)…")
        # One variant per free worker thread, in the variants file's order, the next as one ends.
        # Dask's scheduler would hand each worker some ahead of time, and a worker done early
        # then waits idle while another's queue runs (measured: 748 s against 543 s here).
        queue, running, threads, asked = list(pending), {}, 1, 0.0
        while queue or running:
            if stop.is_set():
                client.cancel(list(running))
                for outcome, _ in running.values():
                    outcome.status = "interrupted"
                for outcome, _, _ in queue:
                    outcome.status = "interrupted"
                return
            if time.monotonic() - asked > 2:  # workers may join or leave
                threads, asked = max(1, sum(client.nthreads().values())), time.monotonic()
            while queue and len(running) < threads:
                outcome, key, _ = queue.pop(0)
                future = client.submit(render_remotely, outcome.variant, variants_text, quality, pure=False,
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
                    message = " ".join(str(error).split()) or type(error).__name__ if error else future.status
                accept(outcome, key, None, message)
    finally:
        client.close(timeout=CONNECT_TIMEOUT)
