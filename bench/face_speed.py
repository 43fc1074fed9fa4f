"""Face speed on this machine: model load, chip photo decode + embed, per frame end to end on
640x480, and decision time from a face entering the view and from the camera's first well-posed
frame to the decision (wall clock, so a loaded machine shows here). Prints medians; note the load
(`uptime`) beside the figures: the machine may be shared.

    .venv/bin/python -m bench.face_speed
"""

from __future__ import annotations

import os
import statistics
import time

from faceauth import CameraSource, Decision, DecisionPolicy, FaceMatcher, MatchSession
from faceauth import sample_faces
from faceauth.guidance import main_face


def timed(action, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report(label: str, times_ms: list[float]) -> None:
    print(f"{label:<48} median {statistics.median(times_ms):7.1f} ms   "
          f"p90 {sorted(times_ms)[int(0.9 * (len(times_ms) - 1))]:7.1f} ms   (n={len(times_ms)})")


def main() -> None:
    print(f"load average (1, 5, 15 min): {', '.join(f'{v:.2f}' for v in os.getloadavg())}; {os.cpu_count()} cores")
    report("model load (verify sha256 + sessions)", timed(FaceMatcher.load, 5))
    matcher = FaceMatcher.load()
    astronaut = sample_faces.people(matcher.detect)[0]
    jp2 = sample_faces.chip_photo(astronaut)
    template = matcher.enrol_chip_photo(jp2)
    report("chip photo decode + detect + embed", timed(lambda: matcher.enrol_chip_photo(jp2), 30))

    frames = sample_faces.recorded_session(astronaut, count=40)
    cycle = iter(frames * 10)

    def pipeline():
        frame = next(cycle)
        face, _ = main_face(matcher.detect(frame))
        matcher.distance(template, matcher.template(frame, face))

    timed(pipeline, 5)
    report("frame 640x480: detect + align + embed + compare", timed(pipeline, 60))
    detect_only = timed(lambda: matcher.detect(next(cycle)), 60)
    report("  of which detection (MTCNN)", detect_only)
    undecided = DecisionPolicy(votes_needed=10**9, clearly_other_frames=10**9, give_up_seconds=float("inf"))
    session = MatchSession(matcher, template, clock=lambda: 0.0, policy=undecided)
    report("frame 640x480: MatchSession.feed (+ guidance)", timed(lambda: session.feed(next(cycle)), 60))

    sample_faces.write_demo_recording()
    from_face, from_well_posed = [], []
    for _ in range(5):
        session = MatchSession(matcher, template)
        well_posed_at = None
        with CameraSource(sample_faces.DEMO_RECORDING, loop=True) as camera:  # 15 fps, paced
            for frame in camera.frames():
                result = session.feed(frame.image)
                if well_posed_at is None and result.face is not None and not result.guidance:
                    well_posed_at = frame.time  # when the camera gave the first well-posed frame
                if result.decision is not Decision.STILL_DECIDING:
                    break
        from_face.append(session.decided_after * 1000)
        from_well_posed.append((time.monotonic() - well_posed_at) * 1000)
    report("decision time from first face (15 fps recording)", from_face)
    report("decision time from first well-posed frame", from_well_posed)


if __name__ == "__main__":
    main()
