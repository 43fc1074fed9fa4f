"""Real weights, real images: the default model pack and the faces the repository may hold."""

import pytest

from faceauth import FaceMatcher
from faceauth import sample_faces


@pytest.fixture(scope="session")
def matcher() -> FaceMatcher:
    return FaceMatcher.load()


@pytest.fixture(scope="session")
def people(matcher) -> list[sample_faces.Person]:
    return sample_faces.people(matcher.detect)


@pytest.fixture(scope="session")
def astronaut(people) -> sample_faces.Person:
    return people[0]


@pytest.fixture(scope="session")
def astronaut_template(matcher, astronaut):
    return matcher.enrol_chip_photo(sample_faces.chip_photo(astronaut))
