"""The facility settings form, generated from kiosk.config.settings.SCHEMA: a row per setting with its
Japanese and English titles, its help (the schema's description), its field and, after a refused save, the schema's
reason beside it. Staff edit the staff settings; vendor settings are shown read-only. Saving goes
through the SettingsEditor: checked, written atomically, applied live, audited."""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFrame, QGridLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.config.settings import SCHEMA, SettingsError, Who, may_change, plain_value
from kiosk.staff.settings_editor import SettingsEditor
from ui.screens.base import button, label
from ui.staff.fields import Field, field_for
from ui.staff.prompt import NewPasswordForm
from ui.staff.words import both

VENDOR_ONLY = both("販売店のみ変更できます", "Only the vendor may change this")


def reason(problem: SettingsError) -> str:
    """The schema's words without the "setting 'name': " the form already shows beside them."""
    text = str(problem)
    return text.split(": ", 1)[1] if text.startswith("setting '") else text


class SettingsForm(QWidget):
    def __init__(self, editor: SettingsEditor,
                 passwords: tuple[NewPasswordForm, ...] = ()) -> None:
        super().__init__()
        self.editor = editor
        self.fields: dict[str, Field] = {}
        self.problems = {}
        rows = QWidget()
        grid = QGridLayout(rows)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        for index, setting in enumerate(SCHEMA):
            field = field_for(setting)
            editable = may_change(setting, Who.STAFF)
            field.setEnabled(editable)
            help_text = setting.description + ("" if editable else f"\n{VENDOR_ONLY}")
            problem = label("staff_problem", centred=False)
            problem.hide()
            grid.addWidget(label("staff_heading", both(setting.title_ja, setting.title_en), centred=False),
                           3 * index, 0)
            grid.addWidget(field, 3 * index, 1)
            grid.addWidget(label("staff_help", help_text, centred=False), 3 * index + 1, 0, 1, 2)
            grid.addWidget(problem, 3 * index + 2, 0, 1, 2)
            self.fields[setting.name] = field
            self.problems[setting.name] = problem
        grid.setColumnStretch(1, 1)
        for form in passwords:
            grid.addWidget(form, grid.rowCount(), 0, 1, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(rows)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area = scroll
        self.save_button = button("primary_small", self.save)
        self.save_button.setText(both("保存する", "Save"))
        self.status = label("staff_message", centred=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        bottom = QGridLayout()
        bottom.addWidget(self.status, 0, 0)
        bottom.addWidget(self.save_button, 0, 1)
        bottom.setColumnStretch(0, 1)
        layout.addLayout(bottom)
        self.reload()

    def reload(self) -> None:
        """Show the settings as they are now (after a change elsewhere, e.g. the modes page)."""
        for name, field in self.fields.items():
            field.display(plain_value(self.editor.current.values[name]))
            self.problems[name].hide()

    def changes(self) -> dict[str, Any]:
        current = self.editor.current.values
        return {name: field.value() for name, field in self.fields.items()
                if field.isEnabled() and field.value() != plain_value(current[name])}

    def save(self) -> None:
        """Refuse everything when any field is wrong, each wrong field saying why beside it."""
        changes = self.changes()
        refused = {name: both("この値は使えません", reason(problem))   # the schema's reasons are in English
                   for name, problem in self.editor.problems(changes, Who.STAFF).items()}
        for name, problem in self.problems.items():
            problem.setVisible(name in refused)
            problem.setText(refused.get(name, ""))
        if refused:
            self.status.setText(both("保存していません。赤字の項目を直してください",
                                     "Not saved: correct the fields marked in red"))
            self.scroll_area.ensureWidgetVisible(self.problems[next(iter(refused))], 50, 250)
            return
        if not changes:
            self.status.setText(both("変更はありません", "Nothing changed"))
            return
        try:
            self.editor.change(changes, Who.STAFF)
        except SettingsError as problem:   # another writer got there first; say so
            self.status.setText(both("保存できませんでした", f"Not saved: {problem}"))
            return
        self.status.setText(both(f"{len(changes)} 件を保存しました", f"Saved {len(changes)}"))
