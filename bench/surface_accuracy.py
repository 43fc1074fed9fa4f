"""Card-surface reading on rendered cards with perturbations: how often 照合番号B is read exactly,
how often a wrong one would have been used, and how long it takes.

    .venv/bin/python -m bench.surface_accuracy [--cards 500] [--frames 8] [--severity 1.0]

Each card is a burst of up to --frames camera pictures of the same card (every picture with its
own rotation, perspective, blur, glare, light, fingers, JPEG); the reader feeds them until its
fields agree. Times are processing only (rendering excluded), on this machine's cores.
"""
from __future__ import annotations

import argparse
import statistics
import time
from datetime import date, timedelta

import cv2
import numpy as np

from faceauth.chip_photo import decode_chip_photo
from faceauth.surface import CardValues, Perturbation, PrintedDate, SurfaceReader, render_card_front
from kiosk.composition.demo_cards import DEMO_ADDRESS, SAMPLE_NAMES
from reader import era
from reader.resources import resource_dir

BOUNDARY_BIRTHS = (date(1989, 1, 7), date(1989, 1, 8), date(2019, 4, 30), date(2019, 5, 1),
                   date(1926, 12, 25), date(1989, 12, 31), date(2020, 1, 1))


def random_card(rng: np.random.Generator, photo: np.ndarray, index: int) -> tuple[CardValues, date]:
    """A card front with random values, and the birth date it prints."""
    if index < len(BOUNDARY_BIRTHS):
        birth = BOUNDARY_BIRTHS[index]
    else:
        birth = date(1927, 1, 1) + timedelta(days=int(rng.integers(0, 97 * 365)))
    expiry = date(2026, 1, 1) + timedelta(days=int(rng.integers(0, 11 * 365)))
    code = f"{int(rng.integers(0, 10000)):04d}"
    values = CardValues(name=str(rng.choice(SAMPLE_NAMES)), address=DEMO_ADDRESS,
                        birth_text=era.printed_era_date(birth), sex=str(rng.integers(1, 3)),
                        expiry=expiry, security_code=code, photo=photo)
    return values, birth


def printed_fields(values: CardValues, birth: date) -> dict:
    name, year = era.era_of(birth)
    return {"birth": PrintedDate(name, year, birth.month, birth.day), "expiry": values.expiry,
            "security_code": values.security_code}


def percentile(values: list[float], share: float) -> float:
    return sorted(values)[int(share * (len(values) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cards", type=int, default=500)
    parser.add_argument("--frames", type=int, default=8)
    parser.add_argument("--severity", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    photo = decode_chip_photo((resource_dir() / "personas" / "photos" / "astronaut.jp2").read_bytes())
    reader = SurfaceReader(era.from_era)
    reader.read_frame(render_card_front(random_card(rng, photo, 0)[0]))  # load the model outside the timing

    exact = wrong = unread = fields_counted = fields_wrong = 0
    frame_ms, card_ms, frames_used, single_frame_ok = [], [], [], 0
    for index in range(args.cards):
        values, birth = random_card(rng, photo, index)
        expected = era.number_b(birth, values.expiry, values.security_code)
        truth = printed_fields(values, birth)
        reader.reset()
        spent, reading = 0.0, None
        for _ in range(args.frames):
            image = render_card_front(values, Perturbation.random(rng, args.severity), rng)
            started = time.perf_counter()
            reading = reader.feed(image)
            took = time.perf_counter() - started
            spent += took
            frame_ms.append(took * 1000)
            fields_counted += len(reader.last_trusted)
            for name, found in reader.last_trusted.items():
                if found.value != truth[name]:
                    fields_wrong += 1
                    print(f"card {index}: one frame read {name} {found.value} "
                          f"(confidence {found.confidence:.3f}), printed {truth[name]}")
            if reading is not None:
                break
        if reading is None:
            unread += 1
            continue
        got = era.number_b(reading.birth_date, reading.expiry, reading.security_code)
        if got == expected:
            exact += 1
            card_ms.append(spent * 1000)
            frames_used.append(reading.frames_read)
            single_frame_ok += reading.frames_read == reader.agree
        else:
            wrong += 1
            print(f"WRONG card {index}: read {got}, printed {expected}")

    n = args.cards
    print(f"cards {n}, up to {args.frames} frames each, severity {args.severity}, "
          f"{cv2.getNumThreads()} OpenCV threads")
    print(f"exact 照合番号B read   {exact:5d}  {100 * exact / n:6.2f} %")
    print(f"wrong value agreed    {wrong:5d}  {100 * wrong / n:6.2f} %   (would spend a try)")
    print(f"not read (→ PIN)      {unread:5d}  {100 * unread / n:6.2f} %")
    print(f"single-frame field reads that counted: {fields_counted}, wrong among them: {fields_wrong}")
    print(f"per frame (image → fields)          median {statistics.median(frame_ms):6.1f} ms   "
          f"p90 {percentile(frame_ms, 0.9):6.1f} ms")
    if card_ms:
        print(f"per card (first image → 照合番号B)   median {statistics.median(card_ms):6.1f} ms   "
              f"p90 {percentile(card_ms, 0.9):6.1f} ms   frames median {statistics.median(frames_used)}")


if __name__ == "__main__":
    main()
