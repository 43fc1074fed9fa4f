"""The facility's settings: one declarative schema, loaded from settings.toml in the config folder.

Every setting names its type, default, description, who may change it and its Japanese and English
titles; the staff settings form and the configuration reference are generated from this schema,
never written by hand.
"""
from __future__ import annotations

import enum
import logging
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from typing import Any, Callable, get_args, get_origin

from kiosk.config import paths, settings_versions
from kiosk.core.choices import CardPlacement, ConsentItem, StaffMode
from kiosk.config.atomic import write_atomically
from kiosk.config.platform_calls import default_result_folder, is_windows

log = logging.getLogger("kiosk.config.settings")


class ResultEncoding(str, enum.Enum):
    UTF8 = "utf-8"
    SHIFT_JIS = "shift_jis"


class Who(str, enum.Enum):
    STAFF = "staff"    # on the kiosk's staff panel
    VENDOR = "vendor"  # in the settings file at install


class SettingsError(ValueError):
    """The settings file cannot be used; the message names the key and what is wrong."""


@dataclass(frozen=True)
class Setting:
    name: str
    type: type | Any          # a Python type, an Enum class, or list[Enum]
    default: Any
    description: str
    who: Who = Who.STAFF
    check: Callable[[Any], str | None] | None = None  # returns a problem, or None when fine
    minimum: int | None = None   # whole numbers: the range their consumer takes (a Qt timer
    maximum: int | None = None   # holds at most 2**31 - 1 ms, a date 9999 years)
    # What staff and vendors read: the staff form shows both titles (Japanese first), the
    # configuration reference too. Every setting has both.
    title_ja: str = field(kw_only=True)
    title_en: str = field(kw_only=True)


def _institution_code_problem(value: str) -> str | None:
    if not re.fullmatch(r"[0-9]{10}", value):   # ASCII only: it goes into file names and XML
        return "must be exactly 10 digits (都道府県番号2桁 + 点数表番号1桁 + 医療機関コード7桁)"
    return None


def _absolute_path_problem(value: str) -> str | None:
    """Empty, or an absolute path of this system (a relative one would follow the working folder)."""
    if "\0" in value:
        return "must not contain a NUL character"
    if value and not (os.path.isabs(value) or is_windows() and PureWindowsPath(value).is_absolute()):
        return "must be an absolute path (e.g. C:\\OQS\\face or /mnt/oqs/face)"
    return None


def translated_languages() -> list[str]:
    """English (the source text) first, then every language with a Qt Linguist file in
    resources/i18n (the .ts source in a checkout, the built .qm in the installed folder)."""
    folder = paths.resource_path("i18n")
    return ["en"] + sorted({p.stem.removeprefix("oqs_kiosk_") for p in folder.glob("oqs_kiosk_*.[tq][sm]")})


def _languages_problem(value: list[str]) -> str | None:
    if not value or value[0] != "ja":
        return "must start with \"ja\" (Japanese first)"
    unknown = set(value) - set(translated_languages())
    return f"unknown language(s): {sorted(unknown)}" if unknown else None


def _camera_problem(value: str) -> str | None:
    return "must not be only spaces" if value and not value.strip() else None


def camera_source(value: str) -> int | str:
    """A camera setting as CameraSource takes it: a device index as a number, anything else as is."""
    value = value.strip()
    return int(value) if value.isdigit() else value


SCHEMA: tuple[Setting, ...] = (
    Setting("institution_code", str, "",
            "保険医療機関等コード: the 10-digit institution code written into every result file.",
            Who.VENDOR, _institution_code_problem,
            title_ja="医療機関コード", title_en="Institution code"),
    Setting("staff_mode", StaffMode, StaffMode.AUTOMATIC,
            "How patients prove who they are: automatic (face or PIN), pin_only, or visual_check (目視).",
            title_ja="本人確認の方法", title_en="Identity check"),
    Setting("smartphone_enabled", bool, False,
            "Accept smartphones carrying the My Number card (iPhone and Android).",
            title_ja="スマートフォン受付", title_en="Smartphone check-in"),
    Setting("consent_items", list[ConsentItem],
            [ConsentItem.MEDICATION, ConsentItem.HEALTH_CHECKUPS],
            "Consent questions shown to patients, in this order.",
            title_ja="同意の項目", title_en="Consent questions"),
    Setting("comprehensive_consent", bool, True,
            "Ask one 包括同意 question (all information) first, with an 'individually' option.",
            title_ja="包括同意", title_en="Comprehensive consent"),
    Setting("eprescription_question", bool, False,
            "Ask whether the patient wants an electronic or a paper prescription.",
            title_ja="電子処方箋の質問", title_en="Electronic prescription question"),
    Setting("card_placement", CardPlacement, CardPlacement.TRAY,
            "How the installed card reader takes the card: slot, tray (flat, photo up) or stand "
            "(upright); the idle screen's picture and words follow it.", Who.VENDOR,
            title_ja="カードの置き方", title_en="Card placement"),
    Setting("result_folder", str, "",
            "Folder the receipt computer reads results from (an absolute path; the kiosk never creates it); empty = C:\\OQS\\face on Windows, face/ in the kiosk's data folder elsewhere.",
            Who.VENDOR, _absolute_path_problem,
            title_ja="結果フォルダ", title_en="Result folder"),
    Setting("result_share_mount", str, "",
            "Mount point of the network share holding result_folder (e.g. /mnt/oqs); while nothing "
            "is mounted there, results wait in the outbox instead of going to the local disk under "
            "the empty mount point. Empty = no such check.", Who.VENDOR, _absolute_path_problem,
            title_ja="結果フォルダの共有のマウント先", title_en="Result share mount point"),
    Setting("result_encoding", ResultEncoding, ResultEncoding.UTF8,
            "Encoding of result files: utf-8 or shift_jis (written as cp932).", Who.VENDOR,
            title_ja="結果ファイルの文字コード", title_en="Result file encoding"),
    Setting("languages", list[str], ["ja", "en"],
            "Languages offered to patients; Japanese first.", Who.STAFF, _languages_problem,
            title_ja="表示言語", title_en="Languages"),
    Setting("screen_timeout_seconds", int, 60,
            "Seconds without a touch before a screen gives up and returns to the start.",
            Who.STAFF, minimum=1, maximum=3600,
            title_ja="画面の待ち時間 (秒)", title_en="Screen timeout (seconds)"),
    Setting("done_timeout_seconds", int, 15,
            "Seconds the 'please take your card' screen waits before returning to the start.",
            Who.STAFF, minimum=1, maximum=600,
            title_ja="完了画面の表示時間 (秒)", title_en="Done screen time (seconds)"),
    Setting("audit_retention_days", int, 90,
            "Days the audit rows (no PIN, no face data; names encrypted) are kept before purging.",
            Who.VENDOR, minimum=1, maximum=3650,
            title_ja="記録の保存日数", title_en="Audit retention (days)"),
    Setting("pin_scrambled", bool, False,
            "Shuffle the PIN pad's digits for every entry, so onlookers cannot read the PIN from finger positions.",
            title_ja="暗証番号の数字を並べ替える", title_en="Scrambled PIN pad"),
    Setting("face_attempts", int, 2,
            "Face-match attempts before the PIN and staff check are offered.", Who.STAFF,
            minimum=1, maximum=10,
            title_ja="顔認証の試行回数", title_en="Face-match attempts"),
    Setting("voice_volume", int, 80,
            "Voice guidance and sounds, in percent of the speaker's volume (0 = silent).", Who.STAFF,
            minimum=0, maximum=100,
            title_ja="音声の音量 (%)", title_en="Voice volume (%)"),
    Setting("staff_panel_timeout_seconds", int, 120,
            "Seconds without a touch before the staff panel closes itself.", Who.STAFF,
            minimum=1, maximum=3600,
            title_ja="職員画面を閉じるまでの時間 (秒)", title_en="Staff panel timeout (seconds)"),
    Setting("seated_layout", bool, False,
            "Start every visit in the seated (wheelchair) layout: every control in the lower half of "
            "the screen, the face guide lower. Patients can also switch it for their own visit.",
            title_ja="車いす用の配置で始める", title_en="Start in the seated layout"),
    Setting("face_camera", str, "0",
            "Camera facing the patient for face check-in: a device index (\"0\" = the first camera), "
            "a device path (/dev/video0), a video file or a stream URL. A missing camera shows "
            "problem 019 and offers the PIN.", Who.VENDOR, _camera_problem,
            title_ja="顔認証のカメラ", title_en="Face camera"),
    Setting("tray_camera", str, "",
            "Camera looking at the card tray, to read 照合番号B from the card front for face "
            "check-in: same forms as face_camera; empty = the face camera.", Who.VENDOR,
            _camera_problem,
            title_ja="カード置き場のカメラ", title_en="Card tray camera"),
)

SCHEMA_BY_NAME = {s.name: s for s in SCHEMA}


@dataclass(frozen=True)
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()   # what the file held that the kiosk ignored (unknown keys)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.values[name]
        except KeyError:
            raise AttributeError(name) from None

    def with_changes(self, **changes: Any) -> "Settings":
        merged = {**self.values, **{k: coerce(SCHEMA_BY_NAME[k], v) for k, v in changes.items()}}
        return Settings(merged)

    def result_folder_path(self) -> Path:
        return Path(self.result_folder) if self.result_folder else default_result_folder(paths.data_dir())

    def result_share_mount_path(self) -> Path | None:
        return Path(self.result_share_mount) if self.result_share_mount else None


def defaults() -> Settings:
    return Settings({s.name: s.default for s in SCHEMA})


def coerce(setting: Setting, raw: Any) -> Any:
    """Turn a TOML value into the setting's type, or raise SettingsError naming the key."""
    kind = setting.type
    value: Any
    try:
        if get_origin(kind) is list:
            (item_type,) = get_args(kind)
            if not isinstance(raw, list):
                raise TypeError("expected a list")
            value = [_scalar(item_type, item) for item in raw]
        else:
            value = _scalar(kind, raw)
    except (TypeError, ValueError) as exc:
        raise SettingsError(f"setting '{setting.name}': {exc} (got {raw!r})") from None
    problem = setting.check(value) if setting.check else None
    low, high = setting.minimum, setting.maximum
    if low is not None and high is not None and not low <= value <= high:
        problem = f"must be from {low} to {high}"
    if problem:
        raise SettingsError(f"setting '{setting.name}': {problem} (got {raw!r})")
    return value


def _scalar(kind: Any, raw: Any) -> Any:
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        allowed = [m.value for m in kind]
        if raw not in allowed:
            raise ValueError(f"expected one of {allowed}")
        return kind(raw)
    if kind is bool:
        if not isinstance(raw, bool):
            raise TypeError("expected true or false")
        return raw
    if kind is int:
        if isinstance(raw, bool) or not isinstance(raw, int):
            raise TypeError("expected a whole number")
        return raw
    if kind is str:
        if not isinstance(raw, str):
            raise TypeError("expected text in quotes")
        return raw
    raise TypeError(f"unsupported setting type {kind}")


DEMO_INSTITUTION_CODE = "1399999999"   # 13 = Tokyo, 9999999: not a real facility


def demo_overrides(path: Path | None = None) -> dict[str, Any]:
    """What the embedded defaults need when no settings file gives it: a demo institution code."""
    return {} if path or settings_file().exists() else {"institution_code": DEMO_INSTITUTION_CODE}


def settings_file() -> Path:
    return paths.config_dir() / "settings.toml"


def load(path: Path | None = None, *, overrides: dict[str, Any] | None = None) -> Settings:
    """Read settings.toml over the defaults. The kiosk refuses to start on any problem."""
    path = path or settings_file()
    raw: dict[str, Any] = {}
    if path.exists():
        try:   # utf-8-sig: Notepad's "UTF-8 with BOM" is taken too
            raw = tomllib.loads(path.read_text(encoding="utf-8-sig"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{path}: not valid TOML: {exc}") from None
        except OSError as exc:
            raise SettingsError(f"{path}: the settings file cannot be read: "
                                f"{exc.strerror or exc}") from None
    try:
        raw = settings_versions.migrate(raw)
    except ValueError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    raw.update(overrides or {})
    warnings = tuple(f"{path}: unknown setting '{name}' ignored (a typing mistake, or a setting "
                     "of another kiosk version)" for name in sorted(set(raw) - set(SCHEMA_BY_NAME)))
    for warning in warnings:
        log.warning("%s", warning)
    values = {s.name: coerce(s, raw[s.name]) if s.name in raw else s.default for s in SCHEMA}
    problem = _institution_code_problem(values["institution_code"])
    if problem:
        raise SettingsError(f"{path}: setting 'institution_code': {problem}; the kiosk will not "
                            "start without a valid code")
    return Settings(values, warnings)


# ---- saving and editing (the staff panel's settings form sits on top of this) ----------------


class SettingNotAllowed(SettingsError):
    """The person changing a setting may not change that one (e.g. staff and a vendor setting)."""


def plain_value(value: Any) -> Any:
    """A setting's value as TOML and JSON hold it: enums by their value, lists item by item."""
    if isinstance(value, list):
        return [plain_value(item) for item in value]
    return value.value if isinstance(value, enum.Enum) else value


def to_toml(settings: Settings) -> str:
    """The settings that differ from the schema's defaults, as settings.toml text (schema order)."""
    import tomli_w   # here: only the staff panel and the vendor tools write settings
    changed = {s.name: plain_value(settings.values[s.name]) for s in SCHEMA
               if plain_value(settings.values[s.name]) != plain_value(s.default)}
    return tomli_w.dumps({settings_versions.VERSION_KEY: settings_versions.SETTINGS_VERSION,
                          **changed})


def save(settings: Settings, path: Path | None = None) -> Path:
    """Write settings.toml atomically: a temporary file in the same folder, flushed and fsynced,
    renamed over the old file, then the folder fsynced. A crash leaves the old or the new file."""
    path = Path(path or settings_file())
    write_atomically(path, to_toml(settings).encode("utf-8"))
    return path


def may_change(setting: Setting, who: Who) -> bool:
    """Vendors may change every setting; staff only those the schema gives to staff."""
    return who is Who.VENDOR or setting.who is Who.STAFF
