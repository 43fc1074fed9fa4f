"""One face check: live frames compared with the card photo's template until a decision.

Feed frames from any thread (one at a time); each gives a FrameResult with guidance for the
patient and the decision so far. Frames and crops are never kept: only distances, times, quality
and landmark-derived pose numbers of recent frames, the templates of the frames within the decision
window (for fusing), and the card photo's template, all in memory until end().
"""

from __future__ import annotations

import dataclasses
import enum
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable

import numpy as np
from numpy.typing import NDArray

from .detection import Detection
from .guidance import Guidance, face_quality, frame_guidance, pose
from .matcher import FaceMatcher, FaceTemplate
from .thresholds import DEFAULT_LIMITS, DEFAULT_POLICY, DecisionPolicy, GuidanceLimits


HISTORY_SECONDS = 60.0  # distances older than this are forgotten


class Decision(enum.Enum):
    STILL_DECIDING = "still_deciding"
    MATCHED = "matched"
    NOT_MATCHED = "not_matched"


@dataclass(frozen=True)
class FrameResult:
    guidance: tuple[Guidance, ...]  # most useful first; empty when the face is well posed
    face: Detection | None  # the face compared (for drawing a frame around it), if any
    distance: float | None  # to the card photo; lower is more alike
    decision: Decision


@dataclass(frozen=True)
class _Observation:
    time: float
    distance: float
    well_posed: bool  # no guidance at all
    may_vote: bool  # no guidance that makes a face less reliable to compare
    quality: float  # guidance.face_quality
    template: FaceTemplate | None = None  # kept while within the window, when fusing frames


class MatchSession:
    def __init__(self, matcher: FaceMatcher, template: FaceTemplate,
                 clock: Callable[[], float] = time.monotonic,
                 policy: DecisionPolicy = DEFAULT_POLICY, limits: GuidanceLimits = DEFAULT_LIMITS) -> None:
        self.matcher, self.clock = matcher, clock
        self.template: FaceTemplate | None = template
        self.policy, self.limits = policy, limits
        self.decision = Decision.STILL_DECIDING
        self.first_face_time: float | None = None
        self.decided_after: float | None = None  # seconds from the first face to the decision
        self.face_seconds = 0.0  # time with a face in view: time away from the camera is not counted
        self._face_seen_at: float | None = None   # the time of the last frame, when it had a face
        self._recent: deque[_Observation] = deque()
        self._yaw_range: tuple[float, float] | None = None

    def feed(self, frame: NDArray[np.uint8]) -> FrameResult:
        """Analyse one BGR frame. After a decision (or end()), frames are no longer analysed."""
        if self.decision is not Decision.STILL_DECIDING or self.template is None:
            return FrameResult((), None, None, self.decision)
        now = self.clock()
        face, guidance = frame_guidance(frame, self.matcher.detect(frame), self.limits)
        distance = None
        if face is not None and self._face_seen_at is not None:
            self.face_seconds += now - self._face_seen_at
        self._face_seen_at = now if face is not None else None
        if face is not None:
            if self.first_face_time is None:
                self.first_face_time = now
            template = self.matcher.template(frame, face)
            distance = self.matcher.distance(self.template, template)
            yaw = pose(face.kps)[0]
            quality = face_quality(frame, face, self.limits)
            may_vote = not any(code.value in self.policy.not_voting for code in guidance)
            kept = template if self.policy.fuse_frames and may_vote else None
            self._recent.append(_Observation(now, distance, not guidance, may_vote, quality, kept))
            low, high = self._yaw_range or (yaw, yaw)
            self._yaw_range = (min(low, yaw), max(high, yaw))
        self._forget_before(now - max(self.policy.window_seconds, HISTORY_SECONDS), now - self.policy.window_seconds)
        self._decide(now)
        if self.decision is Decision.STILL_DECIDING and self._waiting_for_movement(now):
            guidance = [*guidance, Guidance.MOVE_HEAD_SLIGHTLY]
        return FrameResult(tuple(guidance), face, distance, self.decision)

    def end(self) -> None:
        """Drop the card photo's template, the frames' templates and every distance: the check-in is over."""
        self.template = None
        self._recent.clear()
        self._yaw_range = None

    def _forget_before(self, oldest: float, window_start: float) -> None:
        """Distances older than `oldest` go; templates go as soon as they leave the window."""
        while self._recent and self._recent[0].time < oldest:
            self._recent.popleft()
        for index, observation in enumerate(self._recent):
            if observation.time >= window_start:
                break
            if observation.template is not None:
                self._recent[index] = dataclasses.replace(observation, template=None)

    def _voting(self, now: float) -> list[_Observation]:
        window_start = now - self.policy.window_seconds
        return [o for o in self._recent if o.may_vote and o.time >= window_start]

    def _matching_votes(self, now: float) -> int:
        """Frames in the window that say "the card's person": each on its own distance, or, when
        fusing, all of them once their fused template is within the match distance."""
        voting = self._voting(now)
        if self.template is None:
            return 0
        if not self.policy.fuse_frames:
            return sum(1 for o in voting if o.distance <= self.matcher.match_distance)
        if len(voting) < self.policy.votes_needed:
            return 0
        if self.policy.frame_quality != "none":
            voting = sorted(voting, key=lambda o: o.quality)
        fused = [o for o in voting if o.template is not None][-self.policy.fuse_frames:]
        weights = [o.quality for o in fused] if self.policy.frame_quality == "weight" else None
        probe = self.matcher.fused([o.template for o in fused if o.template is not None], weights)
        return len(voting) if self.matcher.distance(self.template, probe) <= self.matcher.match_distance else 0

    def _pose_changed(self) -> bool:
        low, high = self._yaw_range or (0.0, 0.0)
        return high - low >= self.policy.liveness_min_pose_change

    def _waiting_for_movement(self, now: float) -> bool:
        return self.policy.liveness and self._matching_votes(now) >= self.policy.votes_needed and not self._pose_changed()

    def _clearly_someone_else(self, now: float) -> bool:
        posed = [o for o in self._recent if o.well_posed][-self.policy.clearly_other_frames :]
        return (self.first_face_time is not None and len(posed) >= self.policy.clearly_other_frames
                and now - self.first_face_time >= self.policy.clearly_other_seconds
                and all(o.distance > self.policy.clearly_other_distance for o in posed))

    def _decide(self, now: float) -> None:
        if self._matching_votes(now) >= self.policy.votes_needed and (not self.policy.liveness or self._pose_changed()):
            self.decision = Decision.MATCHED
        elif self._clearly_someone_else(now):
            self.decision = Decision.NOT_MATCHED
        elif self.face_seconds >= self.policy.give_up_seconds:
            # Only time in view counts: a patient who steps out of the frame is guided back by
            # the screen and the voice, never refused for it (the screen's timeout still applies).
            self.decision = Decision.NOT_MATCHED
        if self.decision is not Decision.STILL_DECIDING and self.first_face_time is not None:
            self.decided_after = now - self.first_face_time
