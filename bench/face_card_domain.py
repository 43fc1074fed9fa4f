"""Face match in the card photo's domain: enrolment from a card-like photo (face crop with margin,
greyscale, 200x257, JPEG 2000) made from one photo of a person, colour probes from another photo
or session of that person and of everyone else. Everything goes through FaceMatcher's public
methods (enrol_chip_photo, detect, template, distance, match_distance) and MatchSession.

    .venv/bin/python -m bench.face_card_domain [--photos DIR] [--variant NAME ...] [--pack DIR]
                                               [--threshold D] [--sessions N] [--session-limits D,D]

--photos DIR   real photos, DIR/<person>/<photo>.jpg (the issue's held-out protocol); without it,
               the repository's faces with made-up other sessions (bench/card_domain_sets.py)
--variant      TemplateOptions and DecisionPolicy fields to compare, e.g. "baseline" (plain,
               voting frame by frame), "default" (faceauth's defaults), "default+fuse_frames=5+
               frame_quality=select", "grey+mirrored+detail=160". Several give a before/after table.
--threshold D  the operating point (default: the pack's match_distance)
--sessions N   simulated sessions per person for the decision-level figures (0: none)
--session-limits  operating points at which the decisions are counted (a row per variant)

Per pair: false rejects and false accepts at the operating point, TAR at FAR 1e-3 and the
distance that gives it, EER. Per decision: each chosen probe photo becomes a 5 s recorded session
(15 fps; bench.card_domain_sets.moving_session: drift, light, a third of the frames motion-blurred)
fed to MatchSession against its own person's card (matched within 5 s?) and every other person's
card (matched at all?). Detections, templates, guidance and quality of a frame are computed once
and shared by every variant and card, so variants differ only in what they do with them.
"""

from __future__ import annotations

import argparse
import copy as pycopy
import dataclasses
import sys
from unittest import mock
from pathlib import Path

import numpy as np

from bench.card_domain_sets import Sample, folder_set, moving_session, repository_set
from bench.face_accuracy import StepClock, equal_error_rate, tar_at_far
from faceauth import Decision, DecisionPolicy, FaceMatcher, MatchSession, NoFaceInChipPhoto
from faceauth import session as faceauth_session
from faceauth.modelpack import DEFAULT_PACK_DIR
from faceauth.thresholds import DEFAULT_POLICY, DEFAULT_TEMPLATE_OPTIONS, TemplateOptions

SESSION_SECONDS = 5.0
FPS = 15


def variant_named(name: str) -> tuple[TemplateOptions, DecisionPolicy]:
    """"baseline" is the plain pipeline voting frame by frame, "default" faceauth's defaults; then
    "+key=value" parts set TemplateOptions or DecisionPolicy fields (a bare key is True)."""
    options, policy = TemplateOptions(), DecisionPolicy()
    for part in name.split("+"):
        if part == "default":
            options, policy = DEFAULT_TEMPLATE_OPTIONS, DEFAULT_POLICY
            continue
        if part == "baseline":
            continue
        key, _, text = part.partition("=")
        value: object = True
        if text:
            value = text if not text.replace(".", "").isdigit() else (float(text) if "." in text else int(text))
        if key in {f.name for f in dataclasses.fields(TemplateOptions)}:
            options = dataclasses.replace(options, **{key: value})
        elif key in {f.name for f in dataclasses.fields(DecisionPolicy)}:
            policy = dataclasses.replace(policy, **{key: value})
        else:
            raise SystemExit(f"unknown variant part {part!r}")
    return options, policy


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
    """A matcher that remembers each frame's detections (shared by all variants) and templates
    (per variant's options): one recorded session is fed against many cards and variants, and
    its frames are the same objects each time. Forget between sessions."""

    def __init__(self, matcher: FaceMatcher, faces: dict, templates: dict) -> None:
        self.matcher, self._faces, self._templates = matcher, faces, templates

    def __getattr__(self, name):
        return getattr(self.matcher, name)

    def detect(self, frame, min_face=None):
        key = (id(frame), min_face)
        if key not in self._faces:
            self._faces[key] = self.matcher.detect(frame, min_face)
        return self._faces[key]

    def template(self, frame, face):
        # chip_upscale touches only the card's template: frames share one template
        frame_options = dataclasses.replace(self.matcher.options, chip_upscale=1.0)
        key = (id(frame), face.box.tobytes(), frame_options)
        if key not in self._templates:
            self._templates[key] = self.matcher.template(frame, face)
        return self._templates[key]


def remembered(function):
    """`function(frame, first, ...)` remembered per frame and first argument (guidance and
    quality depend on nothing else here)."""
    results: dict = {}

    def call(frame, first, *rest):
        key = (id(frame), id(first))
        if key not in results:
            results[key] = function(frame, first, *rest)
        return results[key]

    call.forget = results.clear
    return call


def session_outcomes(matchers: dict, samples: list[Sample], per_person: int) -> dict:
    """Per variant: ({"genuine": [matched within 5 s, sessions], "impostor": [matched, sessions]},
    decision times of the genuine matches). Every variant sees the same recorded sessions."""
    cards: dict[str, dict] = {variant: {} for variant in matchers}
    card_photo: dict[str, str] = {}
    for sample in samples:
        if sample.chip is None or sample.person in card_photo:
            continue
        card_photo[sample.person] = sample.photo
        for variant, (matcher, _) in matchers.items():
            try:
                cards[variant][sample.person] = matcher.enrol_chip_photo(sample.chip)
            except NoFaceInChipPhoto:
                continue
    chosen: dict[str, list[Sample]] = {}
    for sample in samples:
        if sample.probe is not None and sample.person in card_photo and sample.photo != card_photo[sample.person]:
            if len(chosen.setdefault(sample.person, [])) < per_person:
                chosen[sample.person].append(sample)
    outcomes = {variant: ({"genuine": [0, 0], "impostor": [0, 0]}, []) for variant in matchers}
    faces: dict = {}
    templates: dict = {}
    guidance, quality = remembered(faceauth_session.frame_guidance), remembered(faceauth_session.face_quality)
    with mock.patch.object(faceauth_session, "frame_guidance", guidance), \
            mock.patch.object(faceauth_session, "face_quality", quality):
        for index, (person, probes) in enumerate(sorted(chosen.items())):
            for number, probe in enumerate(probes):
                frames = moving_session(probe.probe, count=int(SESSION_SECONDS * FPS), seed=100 * index + number)
                for variant, (matcher, policy) in matchers.items():
                    remembering = RememberingMatcher(matcher, faces, templates)
                    counts, times = outcomes[variant]
                    for card_person, card in cards[variant].items():
                        kind = "genuine" if card_person == person else "impostor"
                        session = MatchSession(remembering, card, clock=StepClock(), policy=policy)
                        for frame in frames:
                            if session.feed(frame).decision is not Decision.STILL_DECIDING:
                                break
                        matched = session.decision is Decision.MATCHED
                        counts[kind][0] += matched
                        counts[kind][1] += 1
                        if matched and kind == "genuine":
                            times.append(session.decided_after)
                print(f"  session {probe.person}/{probe.photo} done", file=sys.stderr, flush=True)
                faces.clear()
                templates.clear()
                guidance.forget()
                quality.forget()
    return outcomes


def decidability(genuine: np.ndarray, impostor: np.ndarray) -> float:
    """d': the gap between the genuine and impostor means in pooled standard deviations. It ranks
    variants on a set too small or too easy for error counts to differ."""
    genuine, impostor = genuine[np.isfinite(genuine)], impostor[np.isfinite(impostor)]
    return float((impostor.mean() - genuine.mean()) / np.sqrt((genuine.var() + impostor.var()) / 2))


def measure(pack: Path, variant: str, samples: list[Sample], threshold: float | None,
            pairs_of: dict) -> tuple[dict, FaceMatcher, DecisionPolicy]:
    """Per-pair figures of one variant (variants with the same TemplateOptions share them)."""
    options, policy = variant_named(variant)
    matcher = FaceMatcher.load(pack, options)
    if threshold is not None:
        matcher.match_distance = threshold
    if options not in pairs_of:
        pairs_of[options] = pair_distances(matcher, samples)
    genuine, impostor, failed = pairs_of[options]
    limit = matcher.match_distance
    eer, _ = equal_error_rate(genuine, impostor)
    tar, at = tar_at_far(genuine, impostor, 1e-3)
    row = {"variant": variant, "limit": limit, "genuine": len(genuine), "impostor": len(impostor),
           "fr": float((genuine > limit).mean()), "fa": int((impostor <= limit).sum()),
           "tar": tar, "tar_at": at, "eer": eer, "failed": failed, "d_prime": decidability(genuine, impostor),
           "genuine_p": np.percentile(genuine[np.isfinite(genuine)], [50, 95]),
           "impostor_p": np.percentile(impostor[np.isfinite(impostor)], [1, 50])}
    return row, matcher, policy


def print_row(row: dict) -> None:
    enrol_failed, enrolled, probe_failed, probes = row["failed"]
    print(f"| {row['variant']:<28} | {row['limit']:.3f} | {row['fr'] * 100:6.2f} % | "
          f"{row['fa']}/{row['impostor']} | {row['tar'] * 100:6.2f} % (<= {row['tar_at']:.3f}) | "
          f"{row['eer'] * 100:5.2f} % | {row['d_prime']:.2f} | genuine p50/p95 {row['genuine_p'][0]:.3f}/{row['genuine_p'][1]:.3f}, "
          f"impostor p1/p50 {row['impostor_p'][0]:.3f}/{row['impostor_p'][1]:.3f} | "
          f"no face: {enrol_failed}/{enrolled} cards, {probe_failed}/{probes} probes |")


def print_decisions(variants: list[str], limits: list[float], outcomes: dict) -> None:
    """One row per variant, one column per operating point: genuine sessions matched within 5 s
    (median decision time), impostor sessions matched."""
    print(f"\nDecisions over simulated sessions ({SESSION_SECONDS:.0f} s at {FPS} fps, bench.card_domain_sets."
          "moving_session): genuine matched within 5 s (median time) / impostor sessions matched")
    print("| variant | " + " | ".join(f"at {limit:.2f}" for limit in limits) + " |")
    print("|---|" + "---|" * len(limits))
    for variant in variants:
        cells = []
        for limit in limits:
            counts, times = outcomes[(variant, limit)]
            (genuine_ok, genuine_n), (impostor_ok, impostor_n) = counts["genuine"], counts["impostor"]
            median = f"{np.median(times):.2f} s" if times else "-"
            cells.append(f"{genuine_ok}/{genuine_n} ({median}) / {impostor_ok}/{impostor_n}")
        print(f"| {variant} | " + " | ".join(cells) + " |")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=Path)
    parser.add_argument("--variant", action="append")
    parser.add_argument("--pack", type=Path, default=DEFAULT_PACK_DIR)
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--sessions", type=int, default=5)
    parser.add_argument("--session-limits", default="",
                        help="operating points for the decisions, e.g. 0.45,0.5,0.55 (default: the --threshold or the pack's)")
    args = parser.parse_args(argv)
    detector = FaceMatcher.load(args.pack)
    samples = folder_set(args.photos, detector.detect) if args.photos else repository_set(detector.detect)
    people = len({s.person for s in samples})
    source = str(args.photos) if args.photos else "repository faces, made-up other sessions"
    print(f"set: {source}; {people} people, {sum(s.enrols for s in samples)} card-like photos, "
          f"{sum(s.probes for s in samples)} colour probes; pack {args.pack.name}")
    print("| variant | op. point | false rejects | false accepts | TAR at FAR 1e-3 | EER | d' | distances | failures |")
    print("|---|---|---|---|---|---|---|---|---|")
    rows, matchers, pairs_of = [], {}, {}
    for variant in args.variant or ["default"]:
        row, matcher, policy = measure(args.pack, variant, samples, args.threshold, pairs_of)
        rows.append(row)
        matchers[variant] = (matcher, policy)
    for row in rows:
        print_row(row)
    sys.stdout.flush()
    if args.sessions:
        limits = [float(v) for v in args.session_limits.split(",") if v] or [rows[0]["limit"]]
        at_limits = {}
        for variant, (matcher, policy) in matchers.items():
            for limit in limits:
                copy = pycopy.copy(matcher)
                copy.match_distance = limit
                at_limits[(variant, limit)] = (copy, policy)
        print_decisions(list(matchers), limits, session_outcomes(at_limits, samples, args.sessions))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
