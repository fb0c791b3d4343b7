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


def render_remotely(variant: Variant, variants_text: str, quality: str) -> dict:
    """On a worker: render ``variant`` and return its entry, its files as bytes, its fingerprint and where."""
    from distributed import get_worker

    from .publish import _paths, publish_files, render_variant
    from .sources import fingerprint, variant_plan

    worker = get_worker()
    started = time.perf_counter()
    # manim's caches (LaTeX, texts, partial movies) kept per worker thread between variants
    media = Path(worker.local_directory) / f"lecture-media-{threading.get_ident()}"
    with tempfile.TemporaryDirectory(prefix="lecture-variant-") as scratch:
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

    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(error).split())}") from None
    try:
        workers = client.scheduler_info().get("workers", {})
        log(f"sending {len(pending)} variant(s) at -q{quality} to {scheduler} ({len(workers)} worker(s) now)…")
        futures = {}
        for outcome, key, plan in pending:
            future = client.submit(render_remotely, outcome.variant, variants_text, quality, pure=False,
                                   key=f"publish-{outcome.variant.name}-{key[:12]}-{time.monotonic_ns()}")
            futures[future] = (outcome, key)
            outcome.status, outcome.started = "sent", time.perf_counter()
        waiting = set(futures)
        while waiting:
            if stop.is_set():
                client.cancel(list(waiting))
                for future in waiting:
                    futures[future][0].status = "interrupted"
                return
            done = [future for future in waiting if future.done()]
            if not done:
                time.sleep(0.2)
                continue
            waiting -= set(done)
            for future in done:
                outcome, key = futures[future]
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
