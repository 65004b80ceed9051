"""Long computations release the GIL and stop on Ctrl-C: a child process
measures a 2,000-character graph, gets SIGINT, raises KeyboardInterrupt at
once, and its worker thread stops at its next progress report."""

import signal
import subprocess
import sys
import textwrap
import threading
import time

import castgraph
from conftest import ROOT, WORK, dataset, run

MEDIUM = WORK / "medium-100000.csv"


def medium():
    if not MEDIUM.exists():
        run("generate", "--scenes", 100000, "--characters", 2000, "--seed", 1, "-o", MEDIUM)
    return MEDIUM


CHILD = textwrap.dedent(
    """
    import sys, time
    import castgraph
    from castgraph import _castgraph
    g = castgraph.build(sys.argv[1])
    print("ready", flush=True)
    start = time.monotonic()
    try:
        g.centrality(output="dict")
        print("finished", flush=True)
    except KeyboardInterrupt:
        raised = time.monotonic()
        while _castgraph._running_workers() and time.monotonic() - raised < 20:
            time.sleep(0.005)
        print(f"interrupted {raised - start:.3f} {time.monotonic() - raised:.3f} {_castgraph._running_workers()}",
              flush=True)
    """
)


def test_ctrl_c_interrupts_and_stops_the_work():
    path = medium()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    assert child.stdout.readline().strip() == "ready"
    time.sleep(0.8)
    sent = time.monotonic()
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=60)
    answered = time.monotonic() - sent
    assert child.returncode == 0, err
    words = out.split()
    assert words[0] == "interrupted", (out, err)
    ran, stopped, workers = float(words[1]), float(words[2]), int(words[3])
    assert ran < 3.0, f"KeyboardInterrupt came {ran:.2f} s after the call (0.8 s after it, Ctrl-C was sent)"
    assert stopped < 1.0, f"the worker went on {stopped:.2f} s after the interrupt"
    assert workers == 0
    assert answered < 5.0


def test_the_gil_is_released_while_measuring():
    g = castgraph.build(medium())
    count = 0
    done = threading.Event()

    def spin():
        nonlocal count
        while not done.is_set():
            count += 1

    t = threading.Thread(target=spin)
    t.start()
    started = time.monotonic()
    try:
        g.centrality(["betweenness"], output="dict")
    finally:
        done.set()
        t.join()
    took = time.monotonic() - started
    # With the GIL held for the whole computation the spinning thread would stall.
    assert count > 10000 * took, (count, took)


def test_threads_measure_at_once():
    g = castgraph.load(dataset("lesmis").saved)
    results = [None] * 4

    def work(i):
        results[i] = g.centrality(output="dict")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == results[0] for r in results)
