"""Face accuracy on images the repository may hold: card-like photos (greyscale JPEG 2000,
200x257) against colour 640x480 camera frames of the same and of other people. Prints the
genuine/impostor distance distributions, EER, TAR at FAR 1e-3, the error rates at the pack's
match distance per frame, and per decision (MatchSession over a recorded session).

    .venv/bin/python -m bench.face_accuracy [sessions per person, default 4]
"""

from __future__ import annotations

import sys

import numpy as np

from faceauth import Decision, FaceMatcher, MatchSession
from faceauth import sample_faces
from faceauth.guidance import main_face

FRAMES_PER_SESSION = 30


class StepClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 1 / 15
        return self.now


def summary(label: str, values: np.ndarray) -> None:
    p = np.percentile(values, [0, 5, 50, 95, 100])
    print(f"{label:<10} n={len(values):5d}  min {p[0]:.3f}  p5 {p[1]:.3f}  median {p[2]:.3f}  "
          f"p95 {p[3]:.3f}  max {p[4]:.3f}")


def equal_error_rate(genuine: np.ndarray, impostor: np.ndarray) -> tuple[float, float]:
    thresholds = np.unique(np.concatenate([genuine, impostor]))
    frr = np.array([(genuine > t).mean() for t in thresholds])
    far = np.array([(impostor <= t).mean() for t in thresholds])
    best = int(np.argmin(np.abs(frr - far)))
    return (frr[best] + far[best]) / 2, thresholds[best]


def tar_at_far(genuine: np.ndarray, impostor: np.ndarray, far: float) -> tuple[float, float]:
    allowed = int(np.floor(far * len(impostor)))
    threshold = np.sort(impostor)[allowed] - 1e-9  # accept strictly fewer than allowed+1 impostors
    return float((genuine <= threshold).mean()), float(threshold)


def main(sessions: int) -> None:
    matcher = FaceMatcher.load()
    people = sample_faces.people(matcher.detect)
    chips = [matcher.enrol_chip_photo(sample_faces.chip_photo(p)) for p in people]
    genuine, impostor, decisions = [], [], {"genuine": [], "impostor": []}
    for seed in range(sessions):
        for live_index, person in enumerate(people):
            frames = sample_faces.recorded_session(person, count=FRAMES_PER_SESSION, seed=100 + seed)
            templates = []
            for frame in frames:
                face, _ = main_face(matcher.detect(frame))
                templates.append(None if face is None else matcher.template(frame, face))
            for chip_index, chip in enumerate(chips):
                same = chip_index == live_index
                distances = [matcher.distance(chip, t) for t in templates if t is not None]
                (genuine if same else impostor).extend(distances)
                session = MatchSession(matcher, chip, clock=StepClock())
                outcome = Decision.STILL_DECIDING
                for frame in frames:
                    outcome = session.feed(frame).decision
                    if outcome is not Decision.STILL_DECIDING:
                        break
                decisions["genuine" if same else "impostor"].append(outcome)
    genuine, impostor = np.array(genuine), np.array(impostor)
    print(f"{len(people)} people ({', '.join(p.name for p in people)}); {sessions} sessions of "
          f"{FRAMES_PER_SESSION} frames each; card-like photo vs camera frame, Euclidean distance")
    summary("genuine", genuine)
    summary("impostor", impostor)
    eer, eer_threshold = equal_error_rate(genuine, impostor)
    print(f"EER {eer * 100:.2f} % at distance {eer_threshold:.3f}")
    tar, threshold = tar_at_far(genuine, impostor, 1e-3)
    print(f"TAR at FAR 1e-3: {tar * 100:.2f} % (distance <= {threshold:.3f}; {len(genuine)} genuine, {len(impostor)} impostor pairs)")
    limit = matcher.match_distance
    print(f"at the pack's match distance {limit}: per frame FRR {(genuine > limit).mean() * 100:.2f} % "
          f"({int((genuine > limit).sum())}/{len(genuine)}), FAR {(impostor <= limit).mean() * 100:.3f} % "
          f"({int((impostor <= limit).sum())}/{len(impostor)})")
    for kind, outcomes in decisions.items():
        counts = {d.value: outcomes.count(d) for d in Decision}
        print(f"decisions, {kind}: {counts} of {len(outcomes)}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
