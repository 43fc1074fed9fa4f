"""The modes page: how patients prove who they are (automatic, PIN only, visual check) and
whether smartphones are accepted; one press applies it live through the SettingsEditor. Patients
see the mode only by what they can choose; staff see it on the discreet badge."""
from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kiosk.config.settings import Settings, Who
from kiosk.core.choices import StaffMode
from kiosk.staff.settings_editor import SettingsEditor
from ui.screens.base import button, label
from ui.staff.words import MODE_LETTERS, both, value_title


def badge_text(settings: Settings) -> str:
    return MODE_LETTERS[settings.staff_mode.value] + (" S" if settings.smartphone_enabled else "")


class ModeBadge(QLabel):
    """A tiny letter in the bottom-left corner of the patient window: A, P or V, S for phones."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staff_badge")
        self.setStyleSheet("QLabel#staff_badge { font-size: 13px; color: #8a8a8a; "
                           "background: transparent; }")

    def show_mode(self, settings: Settings) -> None:
        self.setText(badge_text(settings))
        self.adjustSize()
        self.place()

    def place(self) -> None:
        parent = self.parentWidget()
        assert parent is not None, "the badge sits on the patient window"
        self.move(6, parent.height() - self.height() - 4)
        self.raise_()


class ModesPage(QWidget):
    def __init__(self, editor: SettingsEditor) -> None:
        super().__init__()
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.addWidget(label("staff_heading", both("本人確認の方法", "How patients prove who they are"),
                               centred=False))
        modes = QGridLayout()
        self.mode_buttons = {}
        for column, mode in enumerate(StaffMode):
            choice = button("staff_mode", partial(self.change, staff_mode=mode.value))
            choice.setCheckable(True)
            choice.setText(value_title(mode.value).replace(" / ", "\n"))
            modes.addWidget(choice, 0, column)
            self.mode_buttons[mode] = choice
        layout.addLayout(modes)
        layout.addWidget(label("staff_heading", both("スマートフォン受付", "Smartphones"), centred=False))
        phones = QGridLayout()
        self.phone_buttons = {}
        for column, (accepted, title) in enumerate(((True, both("受け付ける", "Accept")),
                                                    (False, both("受け付けない", "Refuse")))):
            choice = button("staff_mode", partial(self.change, smartphone_enabled=accepted))
            choice.setCheckable(True)
            choice.setText(title.replace(" / ", "\n"))
            phones.addWidget(choice, 0, column)
            self.phone_buttons[accepted] = choice
        layout.addLayout(phones)
        layout.addWidget(label("staff_help", both(
            "患者さんには、選べる方法だけが表示されます", "Patients see the mode only by what they can "
            "choose; the small letter in the corner of the patient screen shows it to staff "
            "(A automatic, P PIN only, V visual check, S smartphones)."), centred=False))
        layout.addStretch(1)
        self.reload()

    def change(self, **changes) -> None:
        self.editor.change(changes, Who.STAFF)
        self.reload()

    def reload(self) -> None:
        current = self.editor.current
        for mode, choice in self.mode_buttons.items():
            choice.setChecked(mode is current.staff_mode)
        for accepted, choice in self.phone_buttons.items():
            choice.setChecked(accepted == current.smartphone_enabled)
