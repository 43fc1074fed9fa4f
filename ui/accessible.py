"""What assistive technology (screen readers, switch access) is told about the shown screen: every
control's accessible name (its words, in the current language) and description (what it does),
and a focus order that reads the screen top to bottom, left to right.

Descriptions are looked up by where the control lives (`ClassName.attribute`), so screens need not
know about them; a control without words of its own (a pictogram) names itself."""
from __future__ import annotations

from typing import Iterator

from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.texts import QT_TRANSLATE_NOOP

DESCRIPTIONS: dict[str, str] = {
    "Header.cancel": QT_TRANSLATE_NOOP("Accessible", "Stops the check-in and goes back to the start."),
    "Header.languages": QT_TRANSLATE_NOOP("Accessible", "Shows every screen in this language."),
    "Header.replay": QT_TRANSLATE_NOOP("Accessible", "Says the screen's guidance again."),
    "IdleScreen.phone": QT_TRANSLATE_NOOP(
        "Accessible", "Check in with a smartphone that carries your My Number card."),
    "PhoneGuideScreen.iphone": QT_TRANSLATE_NOOP("Accessible", "Shows how to check in with an iPhone."),
    "PhoneGuideScreen.android": QT_TRANSLATE_NOOP("Accessible", "Shows how to check in with an Android smartphone."),
    "PhoneGuideScreen.other": QT_TRANSLATE_NOOP("Accessible", "Shows the steps for the other kind of smartphone."),
    "MethodChoiceScreen.buttons.face": QT_TRANSLATE_NOOP(
        "Accessible", "Confirms who you are by comparing your face with the card photo."),
    "MethodChoiceScreen.buttons.pin": QT_TRANSLATE_NOOP("Accessible", "Confirms who you are with the card's 4-digit PIN."),
    "MethodChoiceScreen.buttons.staff": QT_TRANSLATE_NOOP(
        "Accessible", "A staff member compares you with the card photo."),
    "PinPad.keys": QT_TRANSLATE_NOOP("Accessible", "Types this digit. The screen shows only a dot."),
    "PinPad.clear_key": QT_TRANSLATE_NOOP("Accessible", "Erases every digit typed."),
    "PinPad.back_key": QT_TRANSLATE_NOOP("Accessible", "Erases the last digit typed."),
    "PinEntryScreen.ok": QT_TRANSLATE_NOOP("Accessible", "Checks the PIN. Available once 4 digits are typed."),
    "StaffCheckScreen.confirm": QT_TRANSLATE_NOOP(
        "Accessible", "For staff: the patient is the person in the card photo. Needs the password."),
    "StaffCheckScreen.refuse": QT_TRANSLATE_NOOP(
        "Accessible", "For staff: the patient is not the person in the card photo."),
    "ConsentAllScreen.agree": QT_TRANSLATE_NOOP("Accessible", "Agrees to all the information listed."),
    "ConsentAllScreen.refuse": QT_TRANSLATE_NOOP("Accessible", "Agrees to none of the information listed."),
    "ConsentAllScreen.each": QT_TRANSLATE_NOOP("Accessible", "Asks about each kind of information in turn."),
    "ConsentItemScreen.agree": QT_TRANSLATE_NOOP("Accessible", "Agrees to this information."),
    "ConsentItemScreen.refuse": QT_TRANSLATE_NOOP("Accessible", "Does not agree to this information."),
    "PrescriptionScreen.electronic": QT_TRANSLATE_NOOP(
        "Accessible", "Your prescription goes to the pharmacy electronically."),
    "PrescriptionScreen.paper": QT_TRANSLATE_NOOP("Accessible", "Your prescription is printed on paper."),
    "DoneScreen.ok": QT_TRANSLATE_NOOP("Accessible", "Ends the check-in. Please take your card."),
    "ProblemScreen.ok": QT_TRANSLATE_NOOP("Accessible", "Goes back to the start. Please take your card first."),
}


def controls(owner: QWidget) -> Iterator[tuple[str, QAbstractButton]]:
    """(`Class.attribute`, button) for the buttons an object holds, in lists and dicts too, and
    in the widgets of ours inside it (the PIN pad)."""
    prefix = type(owner).__name__
    for attribute, value in vars(owner).items():
        if isinstance(value, QAbstractButton):
            yield f"{prefix}.{attribute}", value
        elif isinstance(value, (list, tuple)):
            yield from ((f"{prefix}.{attribute}", v) for v in value if isinstance(v, QAbstractButton))
        elif isinstance(value, dict):
            yield from ((f"{prefix}.{attribute}.{getattr(k, 'value', k)}", v) for k, v in value.items()
                        if isinstance(v, QAbstractButton))
        elif (isinstance(value, QWidget) and type(value).__module__.startswith("ui.")
              and owner.isAncestorOf(value)):
            yield from controls(value)


def spoken_words(control: QAbstractButton) -> str:
    """A button's words as a screen reader says them: one line, no shortcut marks."""
    return " ".join(control.text().replace("&", "").split())


def describe(*owners: QWidget) -> None:
    """Name and describe every control of `owners` in the current language."""
    for owner in owners:
        for where, control in controls(owner):
            words = spoken_words(control)
            if words:
                control.setAccessibleName(words)
            control.setFocusPolicy(Qt.FocusPolicy.TabFocus)     # Tab reaches it; a touch does not
            known = DESCRIPTIONS.get(where) or DESCRIPTIONS.get(where.rsplit(".", 1)[0])   # any language
            if known:
                control.setAccessibleDescription(QCoreApplication.translate("Accessible", known))


def in_window(window: QWidget, widget: QWidget) -> QRect:
    """Where the widget is, in the window's coordinates."""
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def reading_order(widgets: list[QWidget], window: QWidget) -> list[QWidget]:
    """Top to bottom in rows (a widget starting above the middle of a row's first widget is in that
    row), left to right in a row."""
    def place(widget: QWidget) -> QRect:
        return in_window(window, widget)
    rows: list[list[QWidget]] = []
    for widget in sorted(widgets, key=lambda w: place(w).top()):
        if rows and place(widget).top() < place(rows[-1][0]).center().y():
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [w for row in rows for w in sorted(row, key=lambda w: place(w).left())]


def next_in_reading_order(window: QWidget, screen: QWidget, current: QWidget | None,
                          forward: bool) -> QWidget:
    """Where Tab (or Shift+Tab) goes from `current`: the shown controls in reading order after the
    screen itself, round and round. Worked out at each press, so it follows the layout as shown."""
    chain = [screen] + reading_order([b for b in window.findChildren(QAbstractButton)
                                      if b.isVisible() and b.isEnabled()], window)
    here = chain.index(current) if current in chain else 0
    return chain[(here + (1 if forward else -1)) % len(chain)]
