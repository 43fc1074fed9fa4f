"""Card-surface reading: the birth date, expiry date and security code printed on the front of a My
Number card, read from the card-tray camera, so 照合番号B needs no typing.

    reader = SurfaceReader(to_gregorian=era_calendar)   # e.g. reader.era.from_era, given by the core
    for image in images_of(camera):                     # CameraSource, StillFrames, list of images
        reading = reader.feed(image)                    # SurfaceReading once frames agree, else None

And the synthetic side, for the demo and the tests:

    image = render_card_front(CardValues(...), Perturbation.random(rng), rng)
    camera = rendered_card_camera(CardValues(...))      # a StillFrames that renders every frame

Qt-free, and free of reader/kiosk types: values are dates, strings and floats. Frames stay in memory.
"""

from .fields import Field, PrintedDate
from .frames import StillFrames, images_of, rendered_card_camera
from .reading import FrameReading, SurfaceReader, SurfaceReading
from .render import CardValues, draw_card_face, render_card_front
from .scene import Perturbation

__all__ = [
    "CardValues", "Field", "FrameReading", "Perturbation", "PrintedDate", "StillFrames",
    "SurfaceReader", "SurfaceReading", "draw_card_face", "images_of", "render_card_front",
    "rendered_card_camera",
]
