"""A small pool of query worker processes, each query stopped at the time limit.

pyoxigraph evaluates a query without ever giving control back, so a thread
cannot stop it. Each worker (:func:`ccin_kg.serve.worker.serve_jobs`) is a
separate process with its own copy of the store: a query that outlives the
time limit has its process killed, and a fresh worker takes its place while
the endpoint answers ``503`` with a one-line error. A query also waits at most
the time limit for a free worker.

Workers are started with the ``spawn`` method (a clean interpreter: no
fork of a process running threads and an event loop).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from ccin_kg.errors import CcinKgError
from ccin_kg.serve.worker import Answer, Job, serve_jobs
from ccin_kg.store import STORE_NAME

__all__ = ["PoolError", "QueryPool", "STARTUP_TIMEOUT"]

log = logging.getLogger(__name__)

STARTUP_TIMEOUT = 600.0
"""Seconds a worker may take to load the graph before the pool gives up."""


class PoolError(CcinKgError):
    """The query workers cannot start (the graph is missing or does not parse)."""


@dataclass
class _Worker:
    process: multiprocessing.Process
    conn: object  # multiprocessing.connection.Connection


class QueryPool:
    """Worker processes over the graph in ``graph_dir``, with a per-job time limit.

    Parameters
    ----------
    graph_dir : str or pathlib.Path
        The build directory (``store/`` or ``ccin.ttl``).
    workers : int
        How many queries run at once.
    timeout : float
        Seconds a job may run (and wait for a worker) before it is stopped.
    writable : bool
        Let jobs update the store (one worker; see :mod:`ccin_kg.serve.app`).
        Updates to a store loaded from ``ccin.ttl`` live in memory only; they
        are replayed into a worker that replaces a stopped one.

    Examples
    --------
    >>> import asyncio, tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ccin.ttl").write_text("<https://e.org/a> <https://e.org/b> 1 .")
    ...     pool = QueryPool(tmp, workers=1, timeout=30)
    ...     pool.start()
    ...     answer = asyncio.run(pool.run(Job("query", "ASK { ?s ?p 1 }", "csv")))
    ...     pool.close()
    >>> answer.status, answer.body
    (200, b'true')
    """

    def __init__(self, graph_dir: str | Path, *, workers: int = 2, timeout: float = 10.0, writable: bool = False):
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.graph_dir = str(graph_dir)
        self.size = 1 if writable else workers
        self.timeout = float(timeout)
        self.writable = writable
        self.persistent = (Path(graph_dir) / STORE_NAME).is_dir()  # updates to an on-disk store are kept there
        self.triples: int | None = None
        self._context = multiprocessing.get_context("spawn")
        self._workers: list[_Worker] = []
        self._idle: asyncio.Queue[_Worker] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._replay: list[str] = []
        self._closed = False

    # --- starting and stopping -------------------------------------------------------

    def _spawn(self) -> _Worker:
        here, there = self._context.Pipe()
        process = self._context.Process(target=serve_jobs, name="ccin-kg-query-worker", daemon=True,
                                        args=(there, self.graph_dir, self.writable, tuple(self._replay)))
        process.start()
        there.close()
        worker = _Worker(process, here)
        try:
            if not here.poll(STARTUP_TIMEOUT):
                raise PoolError(f"{self.graph_dir}: a query worker did not load the graph within "
                                f"{STARTUP_TIMEOUT:g} s")
            status, detail = here.recv()
        except (EOFError, OSError):
            self._stop(worker)
            raise PoolError(f"{self.graph_dir}: a query worker stopped while loading the graph") from None
        except PoolError:
            self._stop(worker)
            raise
        if status != "ready":
            self._stop(worker)
            raise PoolError(detail)
        self.triples = detail
        return worker

    def start(self) -> None:
        """Start the workers; each loads the graph. Blocks until all are ready.

        Raises
        ------
        PoolError
            With the first worker's one-line reason (graph missing, parse error).
        """
        while len(self._workers) < self.size:
            self._workers.append(self._spawn())

    @staticmethod
    def _stop(worker: _Worker, grace: float = 0.0) -> None:
        """Close the pipe (an idle worker then exits by itself); kill it after ``grace`` seconds."""
        try:
            worker.conn.close()
        except OSError:
            pass
        worker.process.join(timeout=grace)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(timeout=10)

    def close(self) -> None:
        """Stop every worker: idle ones exit cleanly, one still running a query is killed."""
        self._closed = True
        for worker in self._workers:
            self._stop(worker, grace=2.0)
        self._workers.clear()

    # --- running jobs --------------------------------------------------------------

    def _queue(self) -> asyncio.Queue:
        loop = asyncio.get_running_loop()
        if self._idle is None or self._loop is not loop:  # a queue belongs to one event loop
            self._loop = loop
            self._idle = asyncio.Queue()
            for worker in self._workers:
                self._idle.put_nowait(worker)
        return self._idle

    async def _readable(self, worker: _Worker, timeout: float) -> bool:
        loop = asyncio.get_running_loop()
        ready = loop.create_future()
        fd = worker.conn.fileno()
        loop.add_reader(fd, lambda: ready.done() or ready.set_result(True))
        try:
            await asyncio.wait_for(ready, timeout)
            return True
        except (asyncio.TimeoutError, TimeoutError):
            return False
        finally:
            loop.remove_reader(fd)

    async def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` and put a fresh one in its place (in a thread: loading takes time)."""
        self._stop(worker)
        if worker in self._workers:
            self._workers.remove(worker)
        if self._closed:
            return
        try:
            fresh = await asyncio.to_thread(self._spawn)
        except PoolError as e:
            log.error("cannot restart a query worker: %s", e)
            return
        if self._closed:
            self._stop(fresh)
            return
        self._workers.append(fresh)
        self._queue().put_nowait(fresh)

    async def run(self, job: Job) -> Answer:
        """Run ``job`` on a free worker; stop it at the time limit.

        Returns
        -------
        Answer
            The worker's answer, or ``503`` when the job ran past the time
            limit (its worker is killed) or no worker became free in time.
        """
        idle = self._queue()
        try:
            worker = await asyncio.wait_for(idle.get(), self.timeout)
        except (asyncio.TimeoutError, TimeoutError):
            return Answer.error(503, f"the endpoint is busy: no query worker was free within the "
                                     f"{self.timeout:g} s time limit; try again")
        try:
            worker.conn.send(job)
            finished = await self._readable(worker, self.timeout)
            answer = worker.conn.recv() if finished else None
        except (EOFError, OSError):
            asyncio.get_running_loop().create_task(self._replace(worker))
            return Answer.error(500, "the query worker stopped unexpectedly (out of memory?); try again")
        except BaseException:  # cancelled (client gone, server stopping): the worker may be mid-query
            asyncio.get_running_loop().create_task(self._replace(worker))
            raise
        if answer is None:
            asyncio.get_running_loop().create_task(self._replace(worker))
            return Answer.error(503, f"query stopped: it ran longer than the {self.timeout:g} s time limit")
        idle.put_nowait(worker)
        if job.op == "update" and answer.status == 200 and not self.persistent:
            self._replay.append(job.text)
        return answer
