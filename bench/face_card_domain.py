"""Face match in the card photo's domain: enrolment from a card-like photo (face crop with margin,
greyscale, 200x257, JPEG 2000) made from one photo of a person, colour probes from another photo
or session of that person and of everyone else. Everything goes through FaceMatcher's public
methods (enrol_chip_photo, detect, template, distance, match_distance) and MatchSession.

    .venv/bin/python -m bench.face_card_domain [--photos DIR] [--variant NAME ...] [--pack DIR]
                                               [--threshold D] [--sessions N]

--photos DIR   real photos, DIR/<person>/<photo>.jpg (the issue's held-out protocol); without it,
               the repository's faces with made-up other sessions (bench/card_domain_sets.py)
--variant      TemplateOptions to compare, e.g. "baseline", "grey", "grey+mirrored+antialias",
               "detail=160"; "default" is faceauth's defaults. Several give a before/after table.
--threshold D  the operating point (default: the pack's match_distance)
--sessions N   simulated sessions per person for the decision-level figures (0: none)

Per pair: false rejects and false accepts at the operating point, TAR at FAR 1e-3 and the
distance that gives it, EER. Per decision: each chosen probe photo becomes a 5 s recorded session
(15 fps; faceauth.sample_faces.recorded_session) fed to MatchSession against its own person's
card (matched within 5 s?) and every other person's card (matched at all?).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import time
from pathlib import Path

import numpy as np

from bench.card_domain_sets import Sample, folder_set, repository_set
from bench.face_accuracy import StepClock, equal_error_rate, tar_at_far
from faceauth import Decision, FaceMatcher, MatchSession, NoFaceInChipPhoto, sample_faces
from faceauth.modelpack import DEFAULT_PACK_DIR
from faceauth.thresholds import DEFAULT_TEMPLATE_OPTIONS, TemplateOptions

SESSION_SECONDS = 5.0
FPS = 15


def options_named(name: str) -> TemplateOptions:
    if name == "default":
        return DEFAULT_TEMPLATE_OPTIONS
    changes: dict = {}
    for part in name.split("+"):
        if part == "baseline":
            continue
        key, _, value = part.partition("=")
        changes[key] = (float(value) if "." in value else int(value)) if value else True
    return dataclasses.replace(TemplateOptions(), **changes)


def pair_distances(matcher: FaceMatcher, samples: list[Sample]):
    enrolled = []
    for sample in (s for s in samples if s.enrols):
        try:
            enrolled.append((sample, None if sample.chip is None else matcher.enrol_chip_photo(sample.chip)))
        except NoFaceInChipPhoto:
            enrolled.append((sample, None))
    probes = [(sample, None if sample.face is None else matcher.template(sample.probe.image, sample.face))
              for sample in samples if sample.probes]
    genuine, impostor = [], []
    for chip_sample, chip in enrolled:
        for probe_sample, probe in probes:
            same = chip_sample.person == probe_sample.person
            if same and chip_sample.photo == probe_sample.photo:
                continue
            # a card that enrols no face, or a probe with no face found, rejects: counted at infinity
            distance = np.inf if chip is None or probe is None else matcher.distance(chip, probe)
            (genuine if same else impostor).append(distance)
    failed = (sum(c is None for _, c in enrolled), len(enrolled), sum(p is None for _, p in probes), len(probes))
    return np.array(genuine), np.array(impostor), failed


class RememberingMatcher:
    """The matcher, remembering each frame's detections and templates: one recorded session is
    fed against many cards, and the frames are the same objects each time."""

    def __init__(self, matcher: FaceMatcher) -> None:
        self.matcher, self._faces, self._templates = matcher, {}, {}

    def __getattr__(self, name):
        return getattr(self.matcher, name)

    def detect(self, frame, min_face=None):
        key = (id(frame), min_face)
        if key not in self._faces:
            self._faces[key] = self.matcher.detect(frame, min_face)
        return self._faces[key]

    def template(self, frame, face):
        key = (id(frame), face.box.tobytes())
        if key not in self._templates:
            self._templates[key] = self.matcher.template(frame, face)
        return self._templates[key]


def session_outcomes(matcher: FaceMatcher, samples: list[Sample], per_person: int):
    """(genuine matched within 5 s, genuine sessions, impostor matched, impostor sessions, decision times)."""
    cards = {}
    for sample in samples:
        if sample.chip is not None and sample.person not in cards:
            try:
                cards[sample.person] = (sample.photo, matcher.enrol_chip_photo(sample.chip))
            except NoFaceInChipPhoto:
                continue
    chosen: dict[str, list[Sample]] = {}
    for sample in samples:
        if sample.probe is not None and sample.person in cards and sample.photo != cards[sample.person][0]:
            if len(chosen.setdefault(sample.person, [])) < per_person:
                chosen[sample.person].append(sample)
    remembering = RememberingMatcher(matcher)
    counts = {"genuine": [0, 0], "impostor": [0, 0]}
    times = []
    for person, probes in chosen.items():
        for probe in probes:
            frames = sample_faces.recorded_session(probe.probe, count=int(SESSION_SECONDS * FPS), seed=7)
            for card_person, (_, card) in cards.items():
                kind = "genuine" if card_person == person else "impostor"
                session = MatchSession(remembering, card, clock=StepClock())
                for frame in frames:
                    if session.feed(frame).decision is not Decision.STILL_DECIDING:
                        break
                matched = session.decision is Decision.MATCHED
                counts[kind][0] += matched
                counts[kind][1] += 1
                if matched and kind == "genuine":
                    times.append(session.decided_after)
    return counts, times


def decidability(genuine: np.ndarray, impostor: np.ndarray) -> float:
    """d': the gap between the genuine and impostor means in pooled standard deviations. It ranks
    variants on a set too small or too easy for error counts to differ."""
    genuine, impostor = genuine[np.isfinite(genuine)], impostor[np.isfinite(impostor)]
    return float((impostor.mean() - genuine.mean()) / np.sqrt((genuine.var() + impostor.var()) / 2))


def measure(pack: Path, variant: str, samples: list[Sample], threshold: float | None, sessions: int) -> dict:
    matcher = FaceMatcher.load(pack, options_named(variant))
    if threshold is not None:
        matcher.match_distance = threshold
    started = time.perf_counter()
    genuine, impostor, failed = pair_distances(matcher, samples)
    limit = matcher.match_distance
    eer, _ = equal_error_rate(genuine, impostor)
    tar, at = tar_at_far(genuine, impostor, 1e-3)
    row = {"variant": variant, "limit": limit, "genuine": len(genuine), "impostor": len(impostor),
           "fr": float((genuine > limit).mean()), "fa": int((impostor <= limit).sum()),
           "tar": tar, "tar_at": at, "eer": eer, "failed": failed, "d_prime": decidability(genuine, impostor),
           "genuine_p": np.percentile(genuine[np.isfinite(genuine)], [50, 95]),
           "impostor_p": np.percentile(impostor[np.isfinite(impostor)], [1, 50])}
    if sessions:
        row["sessions"] = session_outcomes(matcher, samples, sessions)
    row["seconds"] = time.perf_counter() - started
    return row


def print_row(row: dict) -> None:
    enrol_failed, enrolled, probe_failed, probes = row["failed"]
    print(f"| {row['variant']:<28} | {row['limit']:.3f} | {row['fr'] * 100:6.2f} % | "
          f"{row['fa']}/{row['impostor']} | {row['tar'] * 100:6.2f} % (<= {row['tar_at']:.3f}) | "
          f"{row['eer'] * 100:5.2f} % | {row['d_prime']:.2f} | genuine p50/p95 {row['genuine_p'][0]:.3f}/{row['genuine_p'][1]:.3f}, "
          f"impostor p1/p50 {row['impostor_p'][0]:.3f}/{row['impostor_p'][1]:.3f} | "
          f"no face: {enrol_failed}/{enrolled} cards, {probe_failed}/{probes} probes |")
    if "sessions" in row:
        (genuine_ok, genuine_n), (impostor_ok, impostor_n) = row["sessions"][0].values()
        times = row["sessions"][1]
        median = f"{np.median(times):.2f} s" if times else "-"
        print(f"|   decisions: genuine matched within {SESSION_SECONDS:.0f} s {genuine_ok}/{genuine_n}, "
              f"median {median}; impostor sessions matched {impostor_ok}/{impostor_n} |")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=Path)
    parser.add_argument("--variant", action="append")
    parser.add_argument("--pack", type=Path, default=DEFAULT_PACK_DIR)
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--sessions", type=int, default=1)
    args = parser.parse_args(argv)
    detector = FaceMatcher.load(args.pack)
    samples = folder_set(args.photos, detector.detect) if args.photos else repository_set(detector.detect)
    people = len({s.person for s in samples})
    source = str(args.photos) if args.photos else "repository faces, made-up other sessions"
    print(f"set: {source}; {people} people, {sum(s.enrols for s in samples)} card-like photos, "
          f"{sum(s.probes for s in samples)} colour probes; pack {args.pack.name}")
    print("| variant | op. point | false rejects | false accepts | TAR at FAR 1e-3 | EER | d' | distances | failures |")
    print("|---|---|---|---|---|---|---|---|---|")
    for variant in args.variant or ["default"]:
        row = measure(args.pack, variant, samples, args.threshold, args.sessions)
        print_row(row)
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
