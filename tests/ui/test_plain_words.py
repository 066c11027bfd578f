"""First-day screens: a password checklist that judges nothing before anything is typed, and
settings that say what the keychain means for the person rather than how it works, and only
once something keeps a secret there."""

from keyring.backends import fail

from desktop.settings import Settings
from desktop.store.secrets import SecretStore
from desktop.ui.login import RecoveryDialog
from desktop.ui.widgets import PasswordRules

GREEN = "#1b5e20"


def states(rules: PasswordRules) -> list[str]:
    return [label.property("state") for label in rules.labels.values()]


def test_the_password_checklist_is_neutral_while_the_field_is_empty(qtbot, lang):
    rules = PasswordRules(lang)
    qtbot.addWidget(rules)
    texts = [label.text() for label in rules.labels.values()]
    assert states(rules) == ["empty"] * 3
    assert not any(text.startswith(("✓", "✗")) for text in texts)
    assert not any(GREEN in label.styleSheet() for label in rules.labels.values())
    rules.update_rules("aaa", "admin")
    assert states(rules) == ["unmet", "met", "unmet"]
    rules.update_rules("correct horse battery", "admin")
    assert states(rules) == ["met"] * 3
    assert all(GREEN in label.styleSheet() for label in rules.labels.values())
    rules.update_rules("", "admin")  # cleared again: neutral again
    assert states(rules) == ["empty"] * 3


def test_the_recovery_dialog_opens_with_a_neutral_checklist(qtbot, lang, vault, created):
    dialog = RecoveryDialog(lang, vault, "admin", None)
    qtbot.addWidget(dialog)
    assert states(dialog.rules) == ["empty"] * 3


def test_settings_say_nothing_of_a_sync_password_while_nothing_uses_the_keychain(
        qtbot, lang, paths, services):
    from PySide6.QtWidgets import QLabel

    from desktop.ui.settings_dialog import SettingsDialog

    assert not services.secrets.in_use  # no synchronisation yet: nothing kept there
    dialog = SettingsDialog(lang, Settings(), paths, services.secrets)
    qtbot.addWidget(dialog)
    shown = " ".join(label.text() for label in dialog.findChildren(QLabel)).lower()
    assert dialog.secrets is None
    assert "synchronisation" not in shown and "mot de passe" not in shown


def test_settings_say_in_one_sentence_what_the_keychain_means_once_used(qtbot, lang, paths,
                                                                        services):
    from desktop.ui.settings_dialog import SettingsDialog

    uses = ("sync_password",)
    kept = SettingsDialog(lang, Settings(), paths, SecretStore("x", services.secrets.backend,
                                                               uses))
    asked = SettingsDialog(lang, Settings(), paths, SecretStore("x", fail.Keyring(), uses))
    for dialog in (kept, asked):
        qtbot.addWidget(dialog)
    assert kept.secrets.text() == lang.tr("settings.secrets_kept")
    assert services.secrets.backend_name in kept.secrets.toolTip()
    assert asked.secrets.text() == lang.tr("settings.secrets_asked")
    for dialog in (kept, asked):
        text = dialog.secrets.text()
        assert text.count(".") == 1 and len(text) < 100
        assert "trousseau" not in text.lower() and "keyring" not in text.lower()
